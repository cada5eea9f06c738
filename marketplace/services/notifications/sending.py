"""Create notifications inside a service's write transaction (e-mail follows as a job)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from marketplace.database import current_write_session, record_event
from marketplace.models import Notification
from marketplace.services.notifications.notification_events import NotificationsCreated


def notify(
    user_ids: Iterable[int], kind: str, *, link: str | None = None, **payload: Any
) -> list[Notification]:
    """Write one notification of `kind` per account (duplicates ignored), inside the caller's
    write_transaction(); the bell shows it at once and a job sends the e-mail after commit.

    `kind` names the message (see services/notifications/kinds.py); `payload` holds the
    JSON-ready values its text needs (e.g. need_id, need_title); `link` is a site path.
    """
    session = current_write_session()
    rows = [
        Notification(user_id=user_id, kind=kind, link=link, payload=dict(payload))
        for user_id in dict.fromkeys(user_ids)
    ]
    if not rows:
        return []
    session.add_all(rows)
    session.flush()
    record_event(NotificationsCreated(ids=tuple(r.id for r in rows)))
    return rows
