"""Every notification kind: an outbox row in the same transaction, a readable message in each
language, one e-mail (sent once even if the job runs again), and unknown kinds never fail."""

from __future__ import annotations

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from marketplace.database import write_transaction
from marketplace.extensions import db
from marketplace.models import Notification, OutboxEntry
from marketplace.services.notifications.kinds import KINDS, render
from marketplace.services.notifications.mail import on_notifications_created
from marketplace.services.notifications.notification_events import NotificationsCreated
from marketplace.services.notifications.sending import notify

PAYLOAD = {"need_id": 3, "need_title": "Seat frame", "count": 2, "reason": "price",
           "note": "Over budget", "manufacturer": "Chang'an Parts", "title": "NEV-01"}  # fmt: skip


def outbox(app) -> list:
    return getattr(app.extensions["mailman"], "outbox", [])


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_writes_an_outbox_row_and_sends_one_readable_mail(app, make_account, kind):
    app.config["MAIL_LANGUAGE"] = "en"
    user = make_account("studio", email="reader@example.com")
    with app.test_request_context():
        with write_transaction():
            rows = notify([user.id, user.id], kind, link="/bids/mine", **PAYLOAD)
        assert len(rows) == 1  # duplicates ignored
        entry = db.session.scalars(
            select(OutboxEntry).where(OutboxEntry.topic == NotificationsCreated.topic)
        ).all()[-1]
        assert entry.payload["ids"] == [rows[0].id]
        [mail] = [m for m in outbox(app) if m.to == ["reader@example.com"]]
        with force_locale("en"):  # the mail's language (MAIL_LANGUAGE), not the request's
            assert mail.body.startswith(render(kind, PAYLOAD).split("\n")[0])
        assert "/bids/mine" in mail.body
        with force_locale("zh_CN"):
            assert render(kind, PAYLOAD)
        on_notifications_created([NotificationsCreated(ids=(rows[0].id,))])  # the job again
        assert len([m for m in outbox(app) if m.to == ["reader@example.com"]]) == 1
        assert db.session.get(Notification, rows[0].id).emailed_at is not None


def test_the_declined_message_names_the_reason_and_the_note(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        text = render("declined", {"need_title": "Seat frame", "reason": "timeline", "note": "Q3"})
    assert "Seat frame" in text and "did not fit our schedule" in text and text.endswith("Q3")


def test_an_unknown_kind_or_missing_payload_still_renders(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert render("no-such-kind", {}) == "You have a new notification."
        assert "“”" in render("awarded", {})
