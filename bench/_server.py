"""Shared by the load and crash benchmarks: a demo instance and a gunicorn on loopback."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEMO_STUDIOS = ROOT / "tests" / "data" / "dev_studios.jsonl"


def bench_env(instance: Path, **extra: str) -> dict[str, str]:
    """Environment for the flask CLI and gunicorn: development config on `instance`, offline."""
    env = dict(os.environ)
    env.update(
        APP_ENV="development", INSTANCE_DIR=str(instance), LOG_LEVEL="WARNING",
        HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false",
        OMP_NUM_THREADS="1", MKL_NUM_THREADS="1",
    )  # fmt: skip
    env.update(extra)
    return env


def flask(instance: Path, *args: str, check: bool = True, **extra: str):
    """Run `flask --app wsgi <args>` against the instance; output captured."""
    return subprocess.run(
        [str(BIN / "flask"), "--app", "wsgi", *args], cwd=ROOT, env=bench_env(instance, **extra),
        capture_output=True, text=True, check=check,
    )  # fmt: skip


def prepare_demo(instance: Path) -> None:
    """Migrate, load the catalogue and import the 90 demo studios (once; the real model runs)."""
    marker = instance / ".bench-demo-ready"
    if marker.exists():
        return
    instance.mkdir(parents=True, exist_ok=True)
    print(f"preparing demo data in {instance} (first run only; encodes with the model)...")
    flask(instance, "init")
    flask(instance, "studios", "import", str(DEMO_STUDIOS))
    marker.touch()


def free_port() -> int:
    """An unused TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """gunicorn serving wsgi:app on 127.0.0.1 in its own process group."""

    def __init__(self, instance: Path, workers: int = 2, port: int | None = None, **env: str):
        self.instance, self.workers, self.port = instance, workers, port or free_port()
        self.env = env
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        """The server's base URL."""
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> Gunicorn:
        """Start and wait until /healthz answers."""
        cmd = [
            str(BIN / "gunicorn"), "--workers", str(self.workers), "--threads", "1",
            "--bind", f"127.0.0.1:{self.port}", "--timeout", "120", "--log-level", "warning",
            "wsgi:app",
        ]  # fmt: skip
        self.proc = subprocess.Popen(
            cmd, cwd=ROOT, env=bench_env(self.instance, **self.env), start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.proc.stderr.read().decode()[-2000:]}")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not answer /healthz in time")

    def pids(self) -> list[int]:
        """The master and its workers."""
        if self.proc is None:
            return []
        out = subprocess.run(
            ["pgrep", "-g", str(self.proc.pid)], capture_output=True, text=True
        ).stdout
        return [int(p) for p in out.split()]

    def kill9(self) -> list[int]:
        """SIGKILL the master and every worker at once; returns the pids killed."""
        pids = self.pids()
        if self.proc is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        return pids

    def stop(self) -> None:
        """Graceful stop (SIGTERM to the group), then SIGKILL if it lingers."""
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
