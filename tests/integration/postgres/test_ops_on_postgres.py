"""Operations on PostgreSQL: a pg_dump backup restores into a fresh database with every row, and
two gunicorn hosts on one PostgreSQL and one Redis find each other's saves by search."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from marketplace.extensions import db
from marketplace.models import Studio
from marketplace.services.studios import studio_import
from tests.conftest import make_app
from tests.integration.postgres.gunicorn_hosts import (
    BIN,
    ROOT,
    free_port,
    get,
    new_database,
    two_hosts,
)

TEXT = "Ergonomic seats and control handles for electric buses and trams."




def _pg_app(folder: Path, url: str):
    app = make_app(folder, folder / "unused.db", SQLALCHEMY_DATABASE_URI=url)
    result = app.test_cli_runner().invoke(args=["init"])
    assert result.exit_code == 0, result.output
    return app


def _dispose(app) -> None:
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_a_pg_dump_backup_restores_into_a_fresh_database(postgres_server, tmp_path):
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        pytest.skip("pg_dump / pg_restore are not installed")
    source = _pg_app(tmp_path / "a", new_database(postgres_server))
    target = _pg_app(tmp_path / "b", new_database(postgres_server))
    try:
        line = json.dumps({"ref": "PGB1", "name": "Xylofuse Ergonomics", "text": TEXT})
        with source.app_context():
            studio_import.import_studios(studio_import.parse_studios([line]).records)
        backup = source.test_cli_runner().invoke(args=["backup", str(tmp_path / "snap")])
        assert backup.exit_code == 0, backup.output
        assert (tmp_path / "snap" / "database.dump").is_file()
        restored = target.test_cli_runner().invoke(args=["restore", str(tmp_path / "snap")])
        assert restored.exit_code == 0, restored.output
        with target.app_context():
            assert set(db.session.scalars(select(Studio.ref))) == {"PGB1"}
        again = target.test_cli_runner().invoke(args=["restore", str(tmp_path / "snap")])
        assert again.exit_code != 0 and "--force" in again.output
    finally:
        _dispose(source)
        _dispose(target)




@pytest.fixture
def redis_url(tmp_path):
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed")
    port = free_port()
    proc = subprocess.Popen(
        [server, "--port", str(port), "--save", "", "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(timeout=10)




def test_a_studio_saved_through_host_a_is_found_by_search_on_host_b(
    postgres_server, redis_url, tmp_path
):
    follower = [str(BIN / "flask"), "--app", "wsgi", "search", "follow", "--interval", "0.5"]
    with two_hosts(postgres_server, redis_url, tmp_path, on_b=[follower]) as hosts:
        base = hosts.base
        assert "Xylofuse Ergonomics" not in get(base["b"] + "/search?q=Xylofuse")[1]
        line = json.dumps({"ref": "HOSTA1", "name": "Xylofuse Ergonomics", "text": TEXT})
        (tmp_path / "one.jsonl").write_text(line + "\n", encoding="utf-8")
        saved = subprocess.run(
            [str(BIN / "flask"), "--app", "wsgi", "studios", "import", str(tmp_path / "one.jsonl")],
            env=hosts.env["a"], cwd=ROOT, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert saved.returncode == 0, saved.stderr[-2000:]
        started = time.monotonic()
        found = False
        while time.monotonic() - started < 30 and not found:
            found = "Xylofuse Ergonomics" in get(base["b"] + "/search?q=Xylofuse")[1]
            time.sleep(0.2)
        delay = time.monotonic() - started
        print(f"two-host search delay: {delay:.1f} s")
        assert found, "host B never found the studio saved through host A"
