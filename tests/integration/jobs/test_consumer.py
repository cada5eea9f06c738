"""A real Huey consumer: a process killed right after its commit loses no derived update."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from sqlalchemy import select

from marketplace.extensions import db
from marketplace.models import MatchRow, OutboxEntry
from marketplace.services.search import indexing

ROOT = Path(__file__).resolve().parents[3]
SAVE_THEN_CRASH = textwrap.dedent(
    """
    import os, signal
    from marketplace import create_app, jobs
    from marketplace.services.studios import studio_import

    # Die the instant the commit is done, before anything is dispatched or queued.
    jobs.after_commit = lambda events: os.kill(os.getpid(), signal.SIGKILL)
    app = create_app()
    line = ('{"ref": "CRASH1", "name": "Chaotianmen Ergonomics", "text": "We design '
            'ergonomic seats and control handles for electric buses and trams."}')
    with app.app_context():
        studio_import.import_studios(studio_import.parse_studios([line]).records)
    """
)


def _env(app, tmp_path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        APP_ENV="testing",
        HUEY_IMMEDIATE="0",
        HUEY_SQLITE_PATH=str(tmp_path / "huey.db"),
        DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
        SEARCH_INDEX_DIR=app.config["SEARCH_INDEX_DIR"],
        UPLOAD_DIR=app.config["UPLOAD_DIR"],
        PYTHONPATH=str(ROOT),
    )
    return env


def _studio_events(app) -> list[OutboxEntry]:
    with app.app_context():
        db.session.expire_all()
        query = select(OutboxEntry).where(OutboxEntry.topic == "studios-changed")
        return list(db.session.scalars(query))


def test_a_crash_after_commit_is_caught_up_by_the_consumer_with_nobody_involved(app, tmp_path):
    env = _env(app, tmp_path)
    crashed = subprocess.run(
        [sys.executable, "-c", SAVE_THEN_CRASH], env=env, cwd=ROOT, capture_output=True,
        text=True, timeout=120,
    )  # fmt: skip
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr[-2000:]
    [pending] = _studio_events(app)
    assert pending.done_at is None  # the save is committed; its derived work is not done yet
    with app.app_context():
        assert indexing.search("Chaotianmen").results.total == 0  # the index is stale for now

    consumer = subprocess.Popen(
        [str(Path(sys.executable).parent / "huey_consumer"), "marketplace.worker.huey", "-w", "1"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and _studio_events(app)[0].done_at is None:
            time.sleep(0.5)
    finally:
        consumer.send_signal(signal.SIGINT)
        try:
            _, errors = consumer.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            consumer.kill()
            _, errors = consumer.communicate()
    assert _studio_events(app)[0].done_at is not None, errors[-3000:]
    with app.app_context():
        assert indexing.search("Chaotianmen").results.total == 1
        studio_rows = db.session.scalars(
            select(MatchRow).where(MatchRow.source_key.like("studio:%"))
        ).all()
        assert studio_rows, "the consumer computed the studio's scenario list"
