"""'Deadline in 24 hours' reminders to bidders and invited studios, each sent once per deadline."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import select

from marketplace.database import write_transaction
from marketplace.models import Invitation, Need, NeedReminder, NeedStatus, User
from marketplace.models._types import utcnow
from marketplace.services.needs.lifecycle import active_bidder_accounts

log = logging.getLogger(__name__)

KIND = "deadline_soon"
AHEAD = timedelta(hours=24)


def send_deadline_reminders(now: datetime | None = None) -> int:
    """Remind of every published deadline due within 24 h not yet reminded; returns how many
    needs were reminded (idempotent: the reminder row records each need and deadline)."""
    from marketplace.services.notifications.sending import notify

    now = now or utcnow()
    sent = 0
    with write_transaction() as session:
        due = list(session.scalars(select(Need).where(
            Need.status == NeedStatus.PUBLISHED, Need.bid_deadline.is_not(None),
            Need.bid_deadline > now, Need.bid_deadline <= now + AHEAD,
        )))
        for need in due:
            done = session.scalar(select(NeedReminder.id).where(
                NeedReminder.need_id == need.id, NeedReminder.kind == KIND,
                NeedReminder.deadline == need.bid_deadline))
            if done is not None:
                continue
            invited = session.scalars(
                select(User.id).join(Invitation, Invitation.studio_id == User.studio_id)
                .where(Invitation.need_id == need.id)
            )
            accounts = [*active_bidder_accounts(session, need.id), *invited]
            notify(accounts, KIND, link=f"/needs/{need.id}", need_id=need.id,
                   need_title=need.title, bid_deadline=f"{need.bid_deadline.isoformat()}Z")
            session.add(NeedReminder(need_id=need.id, kind=KIND, deadline=need.bid_deadline))
            sent += 1
    if sent:
        log.info("deadline reminders sent for %d needs", sent)
    return sent
