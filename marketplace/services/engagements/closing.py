"""Complete an engagement (with its contract value), cancel it with a reason, and record
whether and when the product reached the market."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from flask_babel import gettext as _

from marketplace.database import write_transaction
from marketplace.models import Engagement, EngagementStatus, MilestoneStatus
from marketplace.models._types import utcnow
from marketplace.policies.actor import Actor, actor_of
from marketplace.policies.engagements import can_record_outcome
from marketplace.services.common.service_errors import ValidationFailed
from marketplace.services.engagements import common
from marketplace.services.needs.need_times import utc_to_shanghai

VALUE_MAX = 1_000_000_000
UNFINISHED = (MilestoneStatus.AGREED, MilestoneStatus.DELIVERED, MilestoneStatus.RETURNED)


def _manufacturer(actor: Actor, engagement: Engagement, field: str) -> None:
    if common.party_side(actor, engagement) != "manufacturer":
        raise ValidationFailed({field: _("Only the manufacturer can do this.")})


def _value(value: int | None) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= VALUE_MAX:
        raise ValidationFailed({"contract_value": _(
            "Enter the contract value in whole yuan, from 1 to 1,000,000,000.")})
    return value


def complete(actor: Actor, engagement_id: int, contract_value: int | None) -> Engagement:
    """The manufacturer completes the work once every agreed milestone is accepted, recording
    the contract value (CNY); both sides are then asked to rate."""
    value = _value(contract_value)
    with write_transaction() as session:
        engagement = common.locked(session, engagement_id)
        _manufacturer(actor, engagement, "contract_value")
        common.require_active(engagement, "contract_value")
        open_ = [m.title for m in engagement.milestones if m.status in UNFINISHED]
        if open_:
            raise ValidationFailed({"contract_value": _(
                "Accept every agreed milestone first (still open: %(titles)s).",
                titles="; ".join(open_))})
        if not any(m.status == MilestoneStatus.ACCEPTED for m in engagement.milestones):
            raise ValidationFailed({"contract_value": _(
                "At least one milestone must be delivered and accepted.")})
        now = utcnow()
        engagement.status, engagement.completed_at = EngagementStatus.COMPLETED, now
        engagement.contract_value, engagement.outcome_recorded_at = value, now
        engagement.version += 1
        common.tell_other_side(session, engagement, "manufacturer", "engagement_completed")
    return engagement


def cancel(actor: Actor, engagement_id: int, reason: str) -> Engagement:
    """Either party cancels an active engagement, with a reason the other side reads."""
    why = common.text(reason, "reason", 10, 2000)
    with write_transaction() as session:
        engagement = common.locked(session, engagement_id)
        side = common.party_side(actor, engagement)
        common.require_active(engagement, "reason")
        engagement.status, engagement.cancelled_at = EngagementStatus.CANCELLED, utcnow()
        engagement.cancelled_by_id, engagement.cancel_reason = actor.user_id, why
        engagement.version += 1
        common.tell_other_side(session, engagement, side, "engagement_cancelled", reason=why)
    return engagement


def _link(value: str | None) -> str | None:
    link = (value or "").strip()
    if not link:
        return None
    parts = urlsplit(link)
    if len(link) > 300 or parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationFailed({"launch_link": _(
            "Enter a full web address starting with http:// or https://.")})
    return link


@dataclass(frozen=True)
class LaunchInput:
    """Whether the product reached the market, on which day (Beijing time) and an optional link."""

    launched: bool
    launched_on: date | None = None
    link: str | None = None


def record_launch(actor: Actor, engagement_id: int, data: LaunchInput) -> Engagement:
    """After completion the manufacturer says whether (and when) the product reached the
    market, with an optional link; the date (Beijing time, as shown) is after the award and not
    in the future."""
    actor, launched, launched_on = actor_of(actor), data.launched, data.launched_on
    url = _link(data.link)
    with write_transaction() as session:
        engagement = common.locked(session, engagement_id)
        _manufacturer(actor, engagement, "launched_on")
        if not can_record_outcome(actor, engagement):  # the manufacturer, once completed
            raise ValidationFailed({"launched_on": _(
                "Record the launch once the engagement is completed.")})
        if launched:
            day = common.check_date(launched_on, "launched_on")
            awarded_on = utc_to_shanghai(engagement.started_at).date()
            if day < awarded_on or day > utc_to_shanghai(utcnow()).date():
                raise ValidationFailed({"launched_on": _(
                    "The launch date must fall between the award and today.")})
        else:
            day, url = None, None
        engagement.product_launched, engagement.launched_on = launched, day
        engagement.launch_link, engagement.outcome_recorded_at = url, utcnow()
        engagement.version += 1
        if launched:
            common.tell_other_side(session, engagement, "manufacturer", "product_launched")
    return engagement
