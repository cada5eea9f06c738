"""`flask restore`: check a snapshot completely, then put it back and rebuild derived data.

Every check runs before anything is touched: a missing or altered file, a snapshot of a schema
this code does not know (newer), another kind of database, or an instance that already holds
accounts, studios or needs (unless forced) is refused with the reason and nothing changes.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import subprocess  # nosec B404: pg_restore with an argument list, never a shell
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from alembic.script import ScriptDirectory
from flask import current_app
from flask_migrate import upgrade
from sqlalchemy import func, inspect, select, text

from marketplace.extensions import db
from marketplace.models import Need, Studio, User
from marketplace.services.ops import backup
from marketplace.services.ops.snapshot import (
    POSTGRES_FILE,
    SQLITE_FILE,
    UPLOADS_FILE,
    Manifest,
    SnapshotRefused,
    read_manifest,
    verify_files,
)

log = logging.getLogger(__name__)


@dataclass
class RestoreReport:
    """What was restored and rebuilt, and how long it took."""

    manifest: Manifest
    seconds: float
    search_documents: int = 0
    matching: str = ""
    upgraded_from: str | None = None
    notes: list[str] = field(default_factory=list)


def _scripts() -> ScriptDirectory:
    return ScriptDirectory(current_app.extensions["migrate"].directory)


def _check_revision(manifest: Manifest) -> None:
    scripts = _scripts()
    known = {rev.revision for rev in scripts.walk_revisions()}
    if manifest.revision not in known:
        heads = ", ".join(scripts.get_heads())
        raise SnapshotRefused(
            f"the snapshot's schema revision {manifest.revision} is unknown to this code "
            f"(head {heads}): it was taken by a newer version; restore it with that version"
        )


def holds_data() -> bool:
    """True when this instance already has accounts, studios or needs."""
    if "users" not in inspect(db.engine).get_table_names():
        return False
    for model in (User, Studio, Need):
        if db.session.scalar(select(func.count()).select_from(model)):
            return True
    return False


def check(folder: Path, force: bool = False) -> Manifest:
    """Everything that can refuse a restore, before anything is changed."""
    manifest = read_manifest(Path(folder))
    verify_files(Path(folder), manifest)
    kind = backup.database_kind()
    if manifest.database != kind:
        raise SnapshotRefused(
            f"the snapshot holds a {manifest.database} database but this instance uses {kind}"
        )
    _check_revision(manifest)
    _check_archive(Path(folder) / UPLOADS_FILE)
    if not force and holds_data():
        raise SnapshotRefused(
            "this instance already holds accounts, studios or needs; restoring would replace "
            "them. Restore into a fresh instance, or pass --force to replace everything"
        )
    return manifest


def _check_archive(path: Path) -> None:
    try:
        with tarfile.open(path, "r:gz") as archive:
            for member in archive.getmembers():
                name = Path(member.name)
                if (
                    name.is_absolute()
                    or ".." in name.parts
                    or not (member.isfile() or member.isdir())
                ):
                    raise SnapshotRefused(f"{UPLOADS_FILE} holds an unsafe entry: {member.name!r}")
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise SnapshotRefused(f"{UPLOADS_FILE} cannot be read: {exc}") from exc


def _restore_sqlite(source: Path) -> None:
    db.session.remove()
    db.engine.dispose()
    target = backup.sqlite_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    snapshot = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    live = sqlite3.connect(target, timeout=30)
    try:
        snapshot.backup(live)  # replaces every page under one write lock; readers see old or new
    finally:
        snapshot.close()
        live.close()


def _restore_postgres(source: Path) -> None:
    pg_restore = shutil.which("pg_restore")
    if pg_restore is None:
        raise SnapshotRefused(
            "pg_restore is not installed (Debian: apt-get install postgresql-client)"
        )
    db.session.remove()
    db.engine.dispose()
    done = subprocess.run(  # nosec B603: fixed argument list; one transaction: all or nothing
        [pg_restore, "--clean", "--if-exists", "--no-owner", "--no-privileges",
         "--single-transaction", "--exit-on-error",
         f"--dbname={backup.libpq_url()}", str(source)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"pg_restore failed: {done.stderr.strip()[:500]}")


def _restore_uploads(archive_path: Path) -> None:
    uploads = Path(current_app.config["UPLOAD_DIR"])
    uploads.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=".restore-", dir=uploads.parent))
    with tarfile.open(archive_path, "r:gz") as archive:
        archive.extractall(fresh, filter="data")  # nosec B202: members checked, data filter
    old = uploads.with_name(uploads.name + ".before-restore")
    if old.exists():
        shutil.rmtree(old)
    if uploads.exists():
        uploads.rename(old)
    fresh.rename(uploads)
    if old.exists():
        shutil.rmtree(old)


def _counts_match(manifest: Manifest) -> None:
    for name, expected in manifest.counts.items():
        found = db.session.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one()  # nosec B608
        if found != expected:
            raise RuntimeError(
                f"after the restore {name} holds {found} rows, the snapshot {expected}"
            )


def _rebuild_derived(report: RestoreReport) -> None:
    from marketplace.services.matching import matches, need_matches
    from marketplace.services.search import indexing
    from matching.encoder import ModelUnavailable

    report.search_documents = indexing.rebuild()
    try:
        refreshed = matches.refresh()
        lists, _ = need_matches.refresh_all()
        report.matching = (
            f"{refreshed.encoded} profiles encoded, {refreshed.reused} reused, "
            f"{lists} needs matched"
        )
    except ModelUnavailable as exc:
        report.notes.append(f"matching not refreshed ({exc}); run `flask match refresh` later")


def restore(folder: Path, force: bool = False) -> RestoreReport:
    """Check the snapshot, put the database and uploads back, rebuild the index and matching."""
    started = time.perf_counter()
    folder = Path(folder)
    manifest = check(folder, force=force)
    if manifest.database == "sqlite":
        _restore_sqlite(folder / SQLITE_FILE)
    else:
        _restore_postgres(folder / POSTGRES_FILE)
    _counts_match(manifest)
    _restore_uploads(folder / UPLOADS_FILE)
    report = RestoreReport(manifest, 0.0)
    head = _scripts().get_current_head()
    if manifest.revision != head:
        upgrade()
        report.upgraded_from = manifest.revision
    db.session.remove()
    _rebuild_derived(report)
    report.seconds = time.perf_counter() - started
    log.info("restored %s in %.1f s", folder, report.seconds)
    return report
