"""Backup while writes stream in, restore into a fresh instance: every write acknowledged before
the backup began is there, the snapshot is consistent, uploads and the search index come back;
bad snapshots and occupied instances are refused with the reason and nothing changes."""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from marketplace.extensions import db
from marketplace.models import Studio
from marketplace.services.search import indexing
from marketplace.services.studios import studio_import
from tests.conftest import _dispose, make_app


def _import_one(n: int) -> None:
    line = json.dumps({
        "ref": f"STREAM{n}", "name": f"Stream Studio {n}",
        "text": f"Studio {n} designs battery housings and dashboards for electric vehicles.",
    })  # fmt: skip
    studio_import.import_studios(studio_import.parse_studios([line]).records)


@pytest.fixture
def fresh_app(tmp_path, template_db):
    """A second, empty instance (migrated catalogue, no accounts or studios) in its own folders."""
    folder = tmp_path / "fresh"
    folder.mkdir()
    shutil.copy(template_db, folder / "fresh.db")
    application = make_app(folder, folder / "fresh.db")
    yield application
    _dispose(application)


def _backup(app, folder: Path):
    result = app.test_cli_runner().invoke(args=["backup", str(folder)])
    assert result.exit_code == 0, result.output
    return result


def _restore(app, folder: Path, *extra: str):
    return app.test_cli_runner().invoke(args=["restore", str(folder), *extra])


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_backup_taken_during_writes_restores_every_acknowledged_write(app, fresh_app, tmp_path):
    upload = Path(app.config["UPLOAD_DIR"]) / "logos" / "ab12.webp"
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"RIFF....WEBPVP8 picture bytes")
    acknowledged: list[int] = []
    stop = threading.Event()

    def writer() -> None:
        n = 0
        with app.app_context():
            while not stop.is_set():
                n += 1
                _import_one(n)
                acknowledged.append(n)  # the commit returned: the write is acknowledged

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(acknowledged) < 3:
            time.sleep(0.05)
        before_backup = list(acknowledged)
        output = _backup(app, tmp_path / "snap").output
        during = len(acknowledged)
        time.sleep(0.3)
    finally:
        stop.set()
        thread.join()
    assert "Backup written to" in output
    assert len(acknowledged) > during or during > len(before_backup)  # writes really overlapped

    manifest = json.loads((tmp_path / "snap" / "manifest.json").read_text())
    result = _restore(fresh_app, tmp_path / "snap")
    assert result.exit_code == 0, result.output
    assert "search index rebuilt" in result.output
    with fresh_app.app_context():
        refs = set(db.session.scalars(select(Studio.ref)))
        assert {f"STREAM{n}" for n in before_backup} <= refs
        assert len(refs) == manifest["counts"]["studios"]  # one consistent moment, no half write
        assert indexing.check().is_clean  # rebuilt from the restored rows
        assert indexing.get_index().doc_count() == 83 + len(refs)
    restored = Path(fresh_app.config["UPLOAD_DIR"]) / "logos" / "ab12.webp"
    assert restored.read_bytes() == upload.read_bytes()


@pytest.fixture
def snapshot(app, tmp_path):
    with app.app_context():
        _import_one(1)
    _backup(app, tmp_path / "snap")
    return tmp_path / "snap"


def _refused(fresh_app, folder, *extra) -> str:
    db_file = Path(fresh_app.config["SQLALCHEMY_DATABASE_URI"][len("sqlite:///") :])
    before = _digest(db_file)
    result = _restore(fresh_app, folder, *extra)
    assert result.exit_code != 0
    assert "restore refused, nothing was changed" in result.output
    assert _digest(db_file) == before
    return result.output


def test_a_truncated_database_file_is_refused(fresh_app, snapshot):
    path = snapshot / "database.sqlite3"
    path.write_bytes(path.read_bytes()[:4096])
    assert "database.sqlite3 is truncated or altered" in _refused(fresh_app, snapshot)


def test_an_altered_uploads_archive_is_refused(fresh_app, snapshot):
    path = snapshot / "uploads.tar.gz"
    data = bytearray(path.read_bytes())
    data[-5] ^= 0xFF
    path.write_bytes(bytes(data))
    assert "uploads.tar.gz is corrupt" in _refused(fresh_app, snapshot)


def test_a_snapshot_from_a_newer_schema_is_refused(fresh_app, snapshot):
    manifest = json.loads((snapshot / "manifest.json").read_text())
    manifest["revision"] = "9f9f9f9f9f9f"
    (snapshot / "manifest.json").write_text(json.dumps(manifest))
    output = _refused(fresh_app, snapshot)
    assert "9f9f9f9f9f9f is unknown to this code" in output and "newer version" in output


def test_a_folder_without_a_manifest_is_refused(fresh_app, snapshot):
    (snapshot / "manifest.json").unlink()
    assert "manifest.json is missing" in _refused(fresh_app, snapshot)


def test_an_instance_with_data_is_kept_unless_forced(app, fresh_app, snapshot):
    with fresh_app.app_context():
        _import_one(99)
    assert "--force" in _refused(fresh_app, snapshot)
    result = _restore(fresh_app, snapshot, "--force")
    assert result.exit_code == 0, result.output
    with fresh_app.app_context():
        assert set(db.session.scalars(select(Studio.ref))) == {"STREAM1"}


def test_backup_into_a_folder_that_holds_files_is_refused(app, tmp_path):
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("keep me")
    result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "busy")])
    assert result.exit_code != 0 and "is not empty" in result.output
    assert (tmp_path / "busy" / "notes.txt").read_text() == "keep me"
