"""A throwaway PostgreSQL server for these tests: TEST_POSTGRES_URL, or a temporary local cluster.

Where neither is possible (no PostgreSQL binaries here) the tests are skipped with a reason.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_cluster_owner(args: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run its tools as the 'postgres' user there."""
    if os.geteuid() != 0:
        return args
    runuser = shutil.which("runuser")
    if runuser is None:
        pytest.skip("running as root without runuser: cannot start a PostgreSQL cluster")
    return [runuser, "-u", "postgres", "--", *args]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The base URL of a PostgreSQL server the tests may create databases on."""
    url = os.environ.get("TEST_POSTGRES_URL")
    if url:
        yield url.rstrip("/")
        return
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("no PostgreSQL binaries (initdb, pg_ctl) and no TEST_POSTGRES_URL")
    folder = Path(tempfile.mkdtemp(prefix="mkt-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    data, port = folder / "data", _free_port()
    subprocess.run(
        _as_cluster_owner([initdb, "-D", str(data), "-A", "trust", "-U", "postgres"]),
        check=True, capture_output=True,
    )  # fmt: skip
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        _as_cluster_owner([pg_ctl, "-D", str(data), "-o", options, "-w", "-l",
                           str(folder / "log"), "start"]),
        check=True, capture_output=True,
    )  # fmt: skip
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(
            _as_cluster_owner([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
        )  # fmt: skip
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server) -> Iterator[str]:
    """A fresh, empty database on the server for one test."""
    import psycopg

    name = f"mkt_{uuid.uuid4().hex[:12]}"
    admin = postgres_server + "/postgres"
    for attempt in range(20):
        try:
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            break
        except psycopg.OperationalError:
            if attempt == 19:
                raise
            time.sleep(0.25)
    yield f"{postgres_server}/{name}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
