"""/staff/operations shows staff whether the job consumer is alive and keeping up, from the same
figures as /metrics and /readyz; only staff may open it."""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from huey import SqliteHuey

from marketplace import heartbeat, jobs
from marketplace.extensions import db
from marketplace.models import OutboxEntry
from marketplace.models._types import utcnow
from tests.functional.studios.conftest import text


@pytest.fixture
def queue(tmp_path, monkeypatch):
    """A real (not in-process) SQLite queue, as a production web host sees it."""
    huey = SqliteHuey("operations-test", filename=str(tmp_path / "huey.db"))
    monkeypatch.setattr(jobs, "huey", huey)
    return huey


def _row(page: str, row_id: str) -> str:
    found = re.search(rf'<tr id="{row_id}">(.*?)</tr>', page, re.S)
    assert found, f"no row {row_id}"
    return re.sub(r"\s+", " ", found.group(1))


def test_only_staff_open_the_operations_page(app, studio_client, manufacturer_client):
    assert app.test_client().get("/staff/operations").status_code in (302, 401)
    assert studio_client.get("/staff/operations").status_code == 403
    assert manufacturer_client.get("/staff/operations").status_code == 403


def test_a_stopped_consumer_and_a_late_backlog_need_attention(app, staff_client, queue):
    with app.app_context():
        old = utcnow() - timedelta(minutes=10)
        db.session.add_all([
            OutboxEntry(topic="studios-changed", payload={"ids": [1]}, created_at=old),
            OutboxEntry(
                topic="notify", payload={}, created_at=utcnow(), attempts=2,
                last_error="marketplace.services.notifications.mail.on_notified: SMTPError('down')",
            ),
        ])  # fmt: skip
        db.session.commit()
    page = text(staff_client.get("/staff/operations", headers={"Accept-Language": "en"}))
    beat = _row(page, "heartbeat")
    assert "no heartbeat yet" in beat and "Needs attention" in beat
    outbox = _row(page, "outbox")
    assert "2 · oldest added 10 minutes ago" in outbox and "Needs attention" in outbox
    assert "marketplace.services.notifications.mail.on_notified</code></td><td>1" in page
    assert "not run yet" in _row(page, "reconcile")
    assert "no job consumer has started" in _row(page, "check-consumer")
    assert "items need attention" in page


def test_a_beating_consumer_after_a_drain_reads_normal(app, staff_client, queue, monkeypatch):
    heartbeat.beat(queue)
    heartbeat.record_drain(queue, processed=3)
    later = time.time() + 20
    monkeypatch.setattr(time, "time", lambda: later)
    page = text(staff_client.get("/staff/operations", headers={"Accept-Language": "en"}))
    beat = _row(page, "heartbeat")
    assert "20 seconds ago" in beat and "OK" in beat and "Needs attention" not in beat
    assert "3 changes processed" in _row(page, "reconcile")
    assert "OK" in _row(page, "outbox")
    assert "No handler is failing." in page


def test_the_page_reads_in_chinese(app, staff_client, queue):
    heartbeat.beat(queue)
    page = text(staff_client.get("/staff/operations", headers={"Accept-Language": "zh-CN"}))
    assert "后台任务" in page and "Background worker" not in page
