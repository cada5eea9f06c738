"""Reminders to both parties two days before an agreed milestone's date, once per date."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import select

from marketplace.database import write_transaction
from marketplace.models import Engagement, EngagementStatus, Milestone, MilestoneStatus
from marketplace.models._types import utcnow
from marketplace.services.engagements.common import other_side_accounts
from marketplace.services.notifications.sending import notify

log = logging.getLogger(__name__)

AHEAD = timedelta(days=2)


def send_milestone_reminders(now: datetime | None = None) -> int:
    """Remind both sides of agreed (or returned) milestones due within two days; idempotent."""
    now = now or utcnow()
    sent = 0
    with write_transaction() as session:
        due = session.scalars(
            select(Milestone).join(Engagement, Engagement.id == Milestone.engagement_id).where(
                Engagement.status == EngagementStatus.ACTIVE,
                Milestone.status.in_((MilestoneStatus.AGREED, MilestoneStatus.RETURNED)),
                Milestone.due_on >= now.date(), Milestone.due_on <= (now + AHEAD).date(),
            )
        )
        for milestone in list(due):
            if milestone.reminded_for == milestone.due_on:
                continue
            engagement = milestone.engagement
            accounts = [*other_side_accounts(session, engagement, "studio"),
                        *other_side_accounts(session, engagement, "manufacturer")]
            notify(accounts, "milestone_due", link=f"/engagements/{engagement.id}",
                   engagement_id=engagement.id, need_title=engagement.need.title,
                   title=milestone.title, due_on=milestone.due_on.isoformat())
            milestone.reminded_for = milestone.due_on
            sent += 1
    if sent:
        log.info("milestone reminders sent for %d milestones", sent)
    return sent
