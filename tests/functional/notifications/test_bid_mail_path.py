"""A bid's way to the manufacturer's e-mail crosses at most five application files, named here
(and in docs/architecture.md): the bid service, notify(), the write transaction, the jobs'
drain with its handler table, and the mail handler."""

from __future__ import annotations

import inspect
import traceback
from pathlib import Path

from tests.bid_helpers import bid_form, make_need
from tests.conftest import login

APP = Path(__file__).resolve().parents[3] / "marketplace"
EXPECTED = {
    "services/bids/submitting.py",  # submit(): the bid, in one write transaction
    "services/notifications/sending.py",  # notify(): the row and its NotificationsCreated event
    "database.py",  # record_event() and write_transaction(): outbox row, after-commit hook
    "jobs.py",  # after_commit() -> drain(handlers) with bootstrap's table
    "services/notifications/mail.py",  # on_notifications_created() -> send()
}


def _app_files(stack, real) -> set[str]:
    """Application files on a captured stack, from the bid service onward, plus `real`'s own."""
    files = [Path(f.filename).resolve() for f in stack]
    files = [f for f in files if f.is_relative_to(APP)]
    start = next(i for i, f in enumerate(files) if f.name == "submitting.py")
    found = {str(f.relative_to(APP)) for f in files[start:]}
    return found | {str(Path(inspect.getsourcefile(real)).resolve().relative_to(APP))}


def test_a_bid_reaches_the_manufacturer_s_mail_through_five_files(app, make_account, monkeypatch):
    from marketplace.services.notifications import mail, sending

    maker = make_account("manufacturer", email="maker@example.com")
    studio = make_account("studio", email="bidder@example.com", name="Nan'an Form Lab")
    with app.app_context():
        need_id = make_need(maker.id, title="Seat frame for an e-bike")
    crossed: set[str] = set()
    sent: list[str] = []
    real_record, real_send = sending.record_event, mail.send

    def record(event, *args, **kwargs):
        crossed.update(_app_files(traceback.extract_stack(), real_record))
        return real_record(event, *args, **kwargs)

    def send(to, subject, body):
        crossed.update(_app_files(traceback.extract_stack(), real_send))
        sent.append(to)
        return real_send(to, subject, body)

    monkeypatch.setattr(sending, "record_event", record)
    monkeypatch.setattr(mail, "send", send)
    client = app.test_client()
    login(client, studio)
    response = client.post(f"/needs/{need_id}/bid", data=bid_form(price=88_000))
    assert response.status_code == 302
    assert sent == ["maker@example.com"]
    assert crossed == EXPECTED
    assert len(crossed) <= 5
