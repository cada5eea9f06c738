"""The bell: a reader's notifications, unread count, and marking them read."""

from __future__ import annotations

from sqlalchemy import func, select, update

from marketplace.database import write_transaction
from marketplace.extensions import db
from marketplace.models import Notification
from marketplace.models._types import utcnow
from marketplace.policies.actor import Actor, actor_of

PAGE = 50


def unread_count(user_id: int) -> int:
    """How many of the account's notifications are unread."""
    query = select(func.count(Notification.id)).where(
        Notification.user_id == user_id, Notification.read_at.is_(None)
    )
    return db.session.scalar(query) or 0


def latest(user_id: int, limit: int = PAGE) -> list[Notification]:
    """The account's newest notifications."""
    query = (
        select(Notification)
        .where(Notification.user_id == user_id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


def mark_read(actor: Actor, notification_id: int | None = None) -> int:
    """Mark one (or, with None, every) unread notification of the acting account read; returns
    how many changed. Another account's id changes nothing."""
    user_id = actor_of(actor).user_id
    if user_id is None:
        return 0
    stmt = update(Notification).where(
        Notification.user_id == user_id, Notification.read_at.is_(None)
    )
    if notification_id is not None:
        stmt = stmt.where(Notification.id == notification_id)
    with write_transaction() as session:
        result = session.execute(stmt.values(read_at=utcnow()))
    return result.rowcount or 0


def own(user_id: int, notification_id: int) -> Notification | None:
    """One of the account's notifications, or None (another's counts as missing)."""
    row = db.session.get(Notification, notification_id)
    return row if row is not None and row.user_id == user_id else None
