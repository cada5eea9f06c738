"""Events after commit, the outbox drain, retries and coalescing (jobs run in-process here)."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

from marketplace import bootstrap, jobs
from marketplace.database import UncommittedChanges, record_event, write_transaction
from marketplace.extensions import db
from marketplace.models import OutboxEntry, Studio
from marketplace.services.studios.studio_events import StudiosChanged

STUDIO_EVENTS = select(OutboxEntry).where(OutboxEntry.topic == "studios-changed")


def _studio(app, name="Bayu Form Lab") -> int:
    with app.app_context(), write_transaction() as session:
        studio = Studio(ref=name[:8], name=name, is_listed=True, capability_statement="")
        session.add(studio)
        session.flush()
        return studio.id


def test_write_transaction_refuses_changes_made_before_it_began(app):
    studio_id = _studio(app)
    with app.app_context():
        db.session.get(Studio, studio_id).name = "Changed behind the service's back"
        with pytest.raises(UncommittedChanges), write_transaction():
            pass
        db.session.expire_all()
        assert db.session.get(Studio, studio_id).name == "Bayu Form Lab"


def test_events_of_a_rolled_back_transaction_are_never_recorded_or_dispatched(app, monkeypatch):
    studio_id = _studio(app)
    dispatched = []
    monkeypatch.setattr("marketplace.jobs.request_drain", lambda: dispatched.append("drain"))
    with app.app_context():
        with pytest.raises(RuntimeError), write_transaction():
            record_event(StudiosChanged(ids=(studio_id,)))
            raise RuntimeError("the save failed half-way")
        assert db.session.scalars(STUDIO_EVENTS).all() == []
    assert dispatched == []


def test_a_failing_handler_keeps_the_save_and_retries_until_it_gives_up(app, monkeypatch, caplog):
    studio_id = _studio(app)
    calls = []

    def broken(events):
        calls.append(events)
        raise OSError("index disk full")

    table = {StudiosChanged: (broken,)}
    monkeypatch.setattr("marketplace.jobs._handlers", table)  # what create_app installed
    with app.app_context():
        with write_transaction() as session:
            session.get(Studio, studio_id).name = "Saved anyway"
            record_event(StudiosChanged(ids=(studio_id,)))
        row = db.session.scalars(STUDIO_EVENTS).one()
        assert row.done_at is None and row.attempts == 1 and "disk full" in row.last_error
        with caplog.at_level(logging.ERROR):
            for _ in range(jobs.MAX_ATTEMPTS):
                jobs.drain(table)
        db.session.expire_all()
        row = db.session.scalars(STUDIO_EVENTS).one()
        assert row.failed_at is not None and row.attempts == jobs.MAX_ATTEMPTS
        assert db.session.get(Studio, studio_id).name == "Saved anyway"
    assert len(calls) == jobs.MAX_ATTEMPTS
    assert f"'ids': [{studio_id}]" in caplog.text  # the payload is logged when it gives up


def test_ten_saves_in_a_row_cost_one_recompute(app, monkeypatch):
    ids = [_studio(app, f"Studio {n}") for n in range(10)]
    seen = []
    monkeypatch.setattr("marketplace.jobs.request_drain", lambda: None)  # consumer down
    monkeypatch.setattr(
        "marketplace.services.matching.matches.update_studios",
        lambda ids, studios=None: seen.append(ids),
    )
    with app.app_context():
        for studio_id in ids:
            with write_transaction():
                record_event(StudiosChanged(ids=(studio_id,)))
        assert jobs.pending_count() == 10
        report = jobs.drain(bootstrap.EVENT_HANDLERS)
        assert report.processed == 10
        assert jobs.pending_count() == 0
        assert jobs.drain(bootstrap.EVENT_HANDLERS).processed == 0  # idempotent: nothing left to do
    assert seen == [sorted(ids)]
