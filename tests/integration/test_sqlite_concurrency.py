"""SQLite settings that keep several gunicorn workers from losing or refusing writes."""

from __future__ import annotations

import multiprocessing as mp

import pytest
from sqlalchemy import text

from marketplace.database import write_transaction
from marketplace.extensions import db
from marketplace.models import Industry
from tests.conftest import make_app


def test_connections_use_wal_busy_timeout_and_foreign_keys(app):
    with app.app_context():
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.session.execute(text("PRAGMA busy_timeout")).scalar() == 15000
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1


def _increment_many(db_uri: str, folder: str, times: int, queue) -> None:
    """Read-then-write the same row many times, as a worker handling requests would."""
    from pathlib import Path

    app = make_app(Path(folder), Path(db_uri))
    errors = 0
    with app.app_context():
        for _ in range(times):
            try:
                with write_transaction() as session:
                    industry = session.get(Industry, "NEV")
                    industry.position = industry.position + 1
            except Exception:  # counted, reported to the parent
                errors += 1
        db.engine.dispose()
    queue.put(errors)


def test_concurrent_read_then_write_updates_are_all_kept(app, tmp_path):
    with app.app_context():
        start = db.session.get(Industry, "NEV").position
        db_file = db.engine.url.database
        db.session.remove()
        db.engine.dispose()
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    workers, times = 4, 25
    procs = [
        ctx.Process(target=_increment_many, args=(db_file, str(tmp_path), times, queue))
        for _ in range(workers)
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    errors = [queue.get(timeout=5) for _ in procs]
    assert errors == [0] * workers
    with app.app_context():
        assert db.session.get(Industry, "NEV").position == start + workers * times


def test_failed_write_transaction_rolls_back(app):
    with app.app_context():
        before = db.session.get(Industry, "NEV").name
        with pytest.raises(RuntimeError), write_transaction() as session:
            session.get(Industry, "NEV").name = "changed"
            raise RuntimeError("boom")
        assert db.session.get(Industry, "NEV").name == before
