"""Two gunicorn "hosts" (own instance folders) on one PostgreSQL database and one Redis, with a
job consumer on host A and, if asked, more processes: started ready, stopped whatever happens."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent


def new_database(server: str) -> str:
    """A fresh, empty database on the throwaway server; its URL."""
    name = f"mkt_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server + "/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    """Status and body of a GET (0 when nothing answers)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()
    except OSError:
        return 0, ""


@dataclass
class Hosts:
    """The running hosts: base URL and environment of each ('a', 'b')."""

    base: dict[str, str]
    env: dict[str, dict[str, str]]


def _spawn(args: list[str], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(args, env=env, cwd=ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip


@contextlib.contextmanager
def two_hosts(postgres_server: str, redis_url: str, tmp_path: Path, *,
              extra_env: dict[str, str] | None = None,
              on_b: list[list[str]] = ()) -> Iterator[Hosts]:  # fmt: skip
    """Init one database, start gunicorn on hosts A and B and a consumer on A (plus `on_b`
    commands on B), wait until both answer /readyz, and stop every process afterwards."""
    common = dict(os.environ)
    common.update(
        APP_ENV="development", DATABASE_URL=new_database(postgres_server),
        HUEY_REDIS_URL=redis_url, RATELIMIT_STORAGE_URI=redis_url.replace("/0", "/1"),
        HUEY_IMMEDIATE="0", LOG_LEVEL="WARNING", PYTHONPATH=str(ROOT), HEARTBEAT_SECONDS="1",
        # keyword search is what crosses hosts here; without the vector part a host's first
        # search does not load the model (a test may turn it back on through extra_env)
        SEARCH_HYBRID="0",
    )  # fmt: skip
    common.update(extra_env or {})
    env = {name: dict(common, INSTANCE_DIR=str(tmp_path / name)) for name in ("a", "b")}
    ports = {name: free_port() for name in env}
    init = subprocess.run([str(BIN / "flask"), "--app", "wsgi", "init"], env=env["a"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert init.returncode == 0, init.stderr[-2000:]
    procs: list[subprocess.Popen] = []
    try:
        for name, port in ports.items():
            procs.append(_spawn([str(BIN / "gunicorn"), "--workers", "1", "--bind",
                                 f"127.0.0.1:{port}", "wsgi:app"], env[name]))  # fmt: skip
        procs.append(_spawn([str(BIN / "huey_consumer"), "marketplace.worker.huey", "-w", "1"],
                            env["a"]))  # fmt: skip
        procs.extend(_spawn(args, env["b"]) for args in on_b)
        base = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # both hosts up and ready (consumer beating)
            if all(get(b + "/readyz")[0] == 200 for b in base.values()):
                break
            time.sleep(0.5)
        assert get(base["b"] + "/readyz")[0] == 200, get(base["b"] + "/readyz")[1]
        yield Hosts(base, env)
    finally:
        for proc in procs:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
