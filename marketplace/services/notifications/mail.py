"""E-mail through Flask-Mailman: SMTP in production, a file or memory backend in development and
tests; the NotificationsCreated handler sends each notification once (emailed_at)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from flask import Flask, current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_mailman import EmailMessage, Mail
from sqlalchemy import select

from marketplace.database import write_transaction
from marketplace.extensions import db
from marketplace.models import Notification, User
from marketplace.models._types import utcnow
from marketplace.services.notifications import kinds
from marketplace.services.notifications.notification_events import NotificationsCreated

log = logging.getLogger(__name__)

mail = Mail()
DEFAULT_LANGUAGE = "zh_CN"


def init_app(app: Flask) -> None:
    """Bind Flask-Mailman to the app (a file backend writes under MAIL_FILE_PATH)."""
    mail.init_app(app)


def language_of(user: User) -> str:
    """The language a user reads mail in: their saved choice, else MAIL_LANGUAGE (Chinese)."""
    return getattr(user, "language", None) or current_app.config.get(
        "MAIL_LANGUAGE", DEFAULT_LANGUAGE
    )


def absolute(link: str | None) -> str:
    """A site path as a full URL under SITE_URL (the path alone when none is configured)."""
    if not link:
        return ""
    return current_app.config.get("SITE_URL", "").rstrip("/") + link


def send(to: str, subject: str, body: str) -> None:
    """Send one plain-text message from MAIL_DEFAULT_SENDER."""
    sender = current_app.config.get("MAIL_DEFAULT_SENDER")
    EmailMessage(subject, body, sender, [to]).send()


def _body(row: Notification) -> str:
    text = kinds.render(row.kind, row.payload)
    link = absolute(row.link)
    parts = [text, link] if link else [text]
    parts.append(_("You receive this because of your account on the Chongqing Design Marketplace."))
    return "\n\n".join(parts)


def on_notifications_created(events: Sequence[NotificationsCreated]) -> None:
    """Send the e-mail of every listed notification not yet e-mailed; raise to retry."""
    ids = sorted({i for e in events for i in e.ids})
    if not ids:
        return
    query = select(Notification, User).join(User, User.id == Notification.user_id).where(
        Notification.id.in_(ids), Notification.emailed_at.is_(None)
    )
    pending = []
    for row, user in db.session.execute(query).all():
        with force_locale(language_of(user)):
            pending.append((row.id, user.email, kinds.subject(row.kind), _body(row)))
    db.session.rollback()  # end the read snapshot before writing
    for row_id, address, subject, body in pending:
        send(address, subject, body)  # a failure raises: the drain retries the rest later
        with write_transaction() as session:
            fresh = session.get(Notification, row_id)
            if fresh is not None:
                fresh.emailed_at = utcnow()
    log.info("e-mailed %d notifications", len(pending))
