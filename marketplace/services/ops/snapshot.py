"""What a backup folder holds: the manifest, its files and their checksums."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.dump"  # pg_dump --format=custom
UPLOADS_FILE = "uploads.tar.gz"


class SnapshotRefused(Exception):
    """A backup or restore that cannot go ahead; the message says why and nothing was changed."""


@dataclass
class Manifest:
    """The manifest of one snapshot."""

    created_at: str
    database: str  # "sqlite" or "postgresql"
    revision: str  # the Alembic revision of the copied database
    counts: dict[str, int] = field(default_factory=dict)
    files: dict[str, dict] = field(default_factory=dict)  # name -> {"bytes", "sha256"}
    format: int = FORMAT

    def to_json(self) -> str:
        """The manifest as pretty JSON."""
        return json.dumps(vars(self), indent=2, sort_keys=True, ensure_ascii=False)


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def describe(path: Path) -> dict:
    """Size and checksum of one file of the snapshot."""
    return {"bytes": path.stat().st_size, "sha256": sha256_of(path)}


def read_manifest(folder: Path) -> Manifest:
    """The manifest of `folder`, checked for shape; SnapshotRefused when absent or malformed."""
    path = folder / MANIFEST
    if not folder.is_dir():
        raise SnapshotRefused(f"{folder} is not a folder")
    if not path.is_file():
        raise SnapshotRefused(f"{folder} is not a complete backup: {MANIFEST} is missing")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        manifest = Manifest(**raw)
    except (ValueError, TypeError) as exc:
        raise SnapshotRefused(f"{MANIFEST} is unreadable: {exc}") from exc
    if manifest.format != FORMAT:
        raise SnapshotRefused(f"backup format {manifest.format} is not {FORMAT}; use matching code")
    if manifest.database not in {"sqlite", "postgresql"}:
        raise SnapshotRefused(f"unknown database kind {manifest.database!r} in {MANIFEST}")
    return manifest


def verify_files(folder: Path, manifest: Manifest) -> None:
    """Every file the manifest lists is there with its size and checksum (SnapshotRefused)."""
    database_file = SQLITE_FILE if manifest.database == "sqlite" else POSTGRES_FILE
    for required in (database_file, UPLOADS_FILE):
        if required not in manifest.files:
            raise SnapshotRefused(f"{MANIFEST} does not list {required}")
    for name, expected in manifest.files.items():
        path = folder / name
        if "/" in name or name.startswith(".") or not path.is_file():
            raise SnapshotRefused(f"{name} is missing from the backup")
        size = path.stat().st_size
        if size != expected.get("bytes"):
            raise SnapshotRefused(
                f"{name} is truncated or altered: {size} bytes, the manifest says "
                f"{expected.get('bytes')}"
            )
        if sha256_of(path) != expected.get("sha256"):
            raise SnapshotRefused(f"{name} is corrupt: its checksum does not match the manifest")
