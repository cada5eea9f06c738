"""Operations on PostgreSQL: a pg_dump backup restores into a fresh database with every row, and
two gunicorn hosts on one PostgreSQL and one Redis find each other's saves by search."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import select

from marketplace.extensions import db
from marketplace.models import Studio
from marketplace.services.studios import studio_import
from tests.conftest import make_app

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent
TEXT = "Ergonomic seats and control handles for electric buses and trams."


def _new_database(server: str) -> str:
    name = f"mkt_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server + "/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


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
    source = _pg_app(tmp_path / "a", _new_database(postgres_server))
    target = _pg_app(tmp_path / "b", _new_database(postgres_server))
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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_url(tmp_path):
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed")
    port = _free_port()
    proc = subprocess.Popen(
        [server, "--port", str(port), "--save", "", "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(timeout=10)


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()
    except OSError:
        return 0, ""


def test_a_studio_saved_through_host_a_is_found_by_search_on_host_b(
    postgres_server, redis_url, tmp_path
):
    url = _new_database(postgres_server)
    common = dict(os.environ)
    common.update(
        APP_ENV="development", DATABASE_URL=url, HUEY_REDIS_URL=redis_url,
        RATELIMIT_STORAGE_URI=redis_url.replace("/0", "/1"), HUEY_IMMEDIATE="0",
        LOG_LEVEL="WARNING", PYTHONPATH=str(ROOT), HEARTBEAT_SECONDS="1",
    )  # fmt: skip
    hosts = {}
    for name in ("a", "b"):
        env = dict(common, INSTANCE_DIR=str(tmp_path / name))
        hosts[name] = {"env": env, "port": _free_port()}
    init = subprocess.run([str(BIN / "flask"), "--app", "wsgi", "init"], env=hosts["a"]["env"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert init.returncode == 0, init.stderr[-2000:]
    procs = []
    try:
        for host in hosts.values():
            procs.append(subprocess.Popen(
                [str(BIN / "gunicorn"), "--workers", "1", "--bind", f"127.0.0.1:{host['port']}",
                 "wsgi:app"], env=host["env"], cwd=ROOT, start_new_session=True,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            ))  # fmt: skip
        procs.append(subprocess.Popen(
            [str(BIN / "huey_consumer"), "marketplace.worker.huey", "-w", "1"],
            env=hosts["a"]["env"], cwd=ROOT, start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        ))  # fmt: skip
        procs.append(subprocess.Popen(
            [str(BIN / "flask"), "--app", "wsgi", "search", "follow", "--interval", "0.5"],
            env=hosts["b"]["env"], cwd=ROOT, start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        ))  # fmt: skip
        base = {name: f"http://127.0.0.1:{h['port']}" for name, h in hosts.items()}
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # both hosts up and ready (consumer beating)
            if all(_get(b + "/readyz")[0] == 200 for b in base.values()):
                break
            time.sleep(0.5)
        assert _get(base["b"] + "/readyz")[0] == 200, _get(base["b"] + "/readyz")[1]
        assert "Xylofuse Ergonomics" not in _get(base["b"] + "/search?q=Xylofuse")[1]
        line = json.dumps({"ref": "HOSTA1", "name": "Xylofuse Ergonomics", "text": TEXT})
        (tmp_path / "one.jsonl").write_text(line + "\n", encoding="utf-8")
        saved = subprocess.run(
            [str(BIN / "flask"), "--app", "wsgi", "studios", "import", str(tmp_path / "one.jsonl")],
            env=hosts["a"]["env"], cwd=ROOT, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert saved.returncode == 0, saved.stderr[-2000:]
        started = time.monotonic()
        found = False
        while time.monotonic() - started < 30 and not found:
            found = "Xylofuse Ergonomics" in _get(base["b"] + "/search?q=Xylofuse")[1]
            time.sleep(0.2)
        delay = time.monotonic() - started
        print(f"two-host search delay: {delay:.1f} s")
        assert found, "host B never found the studio saved through host A"
    finally:
        for proc in procs:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
