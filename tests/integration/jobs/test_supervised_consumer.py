"""`make serve`'s supervisor: a job consumer killed with SIGKILL is started again, beats again,
and catches up on what was saved while it was gone, with nobody involved."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from huey import SqliteHuey

from marketplace import heartbeat
from marketplace.services.search import indexing
from tests.integration.jobs.test_consumer import ROOT, SAVE_THEN_CRASH, _env, _studio_events


def _wait_for(predicate, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    return predicate()


def test_a_killed_consumer_is_restarted_and_catches_up(app, tmp_path):
    env = _env(app, tmp_path)
    env["HEARTBEAT_SECONDS"] = "1"
    queue = SqliteHuey("marketplace", filename=env["HUEY_SQLITE_PATH"])
    consumer = [str(Path(sys.executable).parent / "huey_consumer"), "marketplace.worker.huey", "-w"]
    supervisor = subprocess.Popen(
        [sys.executable, "-m", "marketplace.supervise", "--max-delay", "2", "--", *consumer, "1"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        first = _wait_for(lambda: heartbeat.last_beat(queue), 90)
        assert first, "the supervised consumer never beat"
        os.kill(first["pid"], signal.SIGKILL)
        crashed = subprocess.run(
            [sys.executable, "-c", SAVE_THEN_CRASH], env=env, cwd=ROOT, capture_output=True,
            text=True, timeout=120,
        )  # fmt: skip
        assert crashed.returncode == -signal.SIGKILL, crashed.stderr[-2000:]
        again = _wait_for(
            lambda: (b := heartbeat.last_beat(queue)) and b["pid"] != first["pid"] and b, 90
        )
        assert again, "no new consumer beat after the kill"
        assert _wait_for(lambda: _studio_events(app)[0].done_at is not None, 90)
    finally:
        supervisor.send_signal(signal.SIGTERM)
        try:
            _, log = supervisor.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            supervisor.kill()
            _, log = supervisor.communicate()
    assert '"message": "died; restarting"' in log
    with app.app_context():
        assert indexing.search("Chaotianmen").results.total == 1
