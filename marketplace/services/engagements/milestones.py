"""Milestones: proposed by either side, agreed by both, delivered with a PDF by the studio,
accepted or returned with a reason by the manufacturer. Each step re-checked under the lock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import BinaryIO

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from marketplace.database import write_transaction
from marketplace.models import Engagement, Milestone, MilestoneStatus
from marketplace.models._types import utcnow
from marketplace.policies.actor import Actor, actor_of
from marketplace.policies.engagements import can_accept_delivery, can_deliver
from marketplace.services.common.service_errors import NotFound, ValidationFailed
from marketplace.services.engagements import common, files

TITLE_MAX, NOTE_MAX = 200, 2000
AMOUNT_MAX = 100_000_000
OPEN = (MilestoneStatus.PROPOSED, MilestoneStatus.AGREED, MilestoneStatus.DELIVERED,
        MilestoneStatus.RETURNED)  # fmt: skip


@dataclass
class MilestoneInput:
    """A proposed milestone: title, due date and amount in CNY."""

    title: str
    due_on: date | None
    amount: int | None


@dataclass(frozen=True)
class DeliveryInput:
    """A delivery: the studio's note and the delivered PDF (a binary stream)."""

    note: str
    upload: BinaryIO | None


@dataclass(frozen=True)
class DeliveryDecision:
    """The manufacturer's answer to a delivery: accept, or return it with a reason."""

    accept: bool
    reason: str = ""


def _milestone(session: Session, actor: Actor, milestone_id: int) -> tuple[Milestone, str]:
    milestone = session.get(Milestone, milestone_id)
    if milestone is None:
        raise NotFound(_("No such milestone."))
    engagement = common.locked(session, milestone.engagement_id)
    side = common.party_side(actor, engagement)
    return milestone, side


def _check(session: Session, engagement: Engagement, data: MilestoneInput,
           skip_id: int | None = None) -> tuple[str, date, int]:  # fmt: skip
    title = common.text(data.title, "title", 2, TITLE_MAX)
    due = common.check_date(data.due_on, "due_on")
    if due < engagement.started_at.date():
        raise ValidationFailed({"due_on": _("The date is before the award (%(day)s).",
                                            day=engagement.started_at.date().isoformat())})
    amount = data.amount
    if not isinstance(amount, int) or isinstance(amount, bool) or not 0 <= amount <= AMOUNT_MAX:
        raise ValidationFailed({"amount": _("Enter a whole number of yuan from 0 to "
                                            "100,000,000.")})  # fmt: skip
    others = sum(m.amount for m in engagement.milestones if m.id != skip_id)
    if others + amount > engagement.awarded_price:
        raise ValidationFailed({"amount": _(
            "Milestones would total %(total)s yuan, more than the awarded price of %(price)s "
            "yuan.", total=f"{others + amount:,}", price=f"{engagement.awarded_price:,}")})
    return title, due, amount


def propose(actor: Actor, engagement_id: int, data: MilestoneInput) -> Milestone:
    """Either party proposes a milestone; the proposer's side counts as agreed."""
    with write_transaction() as session:
        engagement = common.locked(session, engagement_id)
        side = common.party_side(actor, engagement)
        common.require_active(engagement, "title")
        title, due, amount = _check(session, engagement, data)
        now = utcnow()
        milestone = Milestone(engagement_id=engagement.id, title=title, due_on=due,
                              amount=amount, proposed_by_id=actor.user_id)  # fmt: skip
        setattr(milestone, f"{side}_agreed_at", now)
        session.add(milestone)
        common.tell_other_side(session, engagement, side, "milestone_proposed", title=title)
    return milestone


def agree(actor: Actor, milestone_id: int) -> Milestone:
    """A party agrees a proposed milestone; once both have, it is agreed."""
    with write_transaction() as session:
        milestone, side = _milestone(session, actor, milestone_id)
        engagement = milestone.engagement
        common.require_active(engagement)
        if milestone.status != MilestoneStatus.PROPOSED:
            raise ValidationFailed({"milestone": _("This milestone is already agreed.")})
        if getattr(milestone, f"{side}_agreed_at") is not None:
            raise ValidationFailed({"milestone": _("You have already agreed; the other side "
                                                   "has not yet.")})  # fmt: skip
        setattr(milestone, f"{side}_agreed_at", utcnow())
        if milestone.manufacturer_agreed_at and milestone.studio_agreed_at:
            milestone.status = MilestoneStatus.AGREED
        common.tell_other_side(session, engagement, side, "milestone_agreed",
                               title=milestone.title)
    return milestone


def deliver(actor: Actor, milestone_id: int, data: DeliveryInput) -> Milestone:
    """The studio delivers an agreed (or returned) milestone with a note and a PDF."""
    actor = actor_of(actor)
    text = common.text(data.note, "note", 1, NOTE_MAX)
    if data.upload is None:
        raise ValidationFailed({"file": _("Attach the delivered files as a PDF.")})
    name = files.store(files.read_checked(data.upload, "file"))
    try:
        with write_transaction() as session:
            milestone, side = _milestone(session, actor, milestone_id)
            engagement = milestone.engagement
            common.require_active(engagement, "file")
            if not can_deliver(actor, engagement):
                raise ValidationFailed({"file": _("Only the studio delivers milestones.")})
            if milestone.status not in (MilestoneStatus.AGREED, MilestoneStatus.RETURNED):
                raise ValidationFailed({"file": _(
                    "Only an agreed or returned milestone can be delivered.")})
            old = milestone.delivery_file
            milestone.status, milestone.delivered_at = MilestoneStatus.DELIVERED, utcnow()
            milestone.delivery_note, milestone.delivery_file = text, name
            milestone.return_reason = None
            common.tell_other_side(session, engagement, side, "milestone_delivered",
                                   title=milestone.title)
    except BaseException:
        files.discard(name)
        raise
    files.discard(old)
    return milestone


def decide(actor: Actor, milestone_id: int, data: DeliveryDecision) -> Milestone:
    """The manufacturer accepts a delivery, or returns it with a reason; two concurrent
    clicks decide once (the second finds it no longer delivered)."""
    actor, accept = actor_of(actor), data.accept
    why = common.text(data.reason, "reason", 5, NOTE_MAX) if not accept else None
    with write_transaction() as session:
        milestone, side = _milestone(session, actor, milestone_id)
        engagement = milestone.engagement
        common.require_active(engagement)
        if not can_accept_delivery(actor, engagement):
            raise ValidationFailed({"milestone": _("Only the manufacturer accepts deliveries.")})
        if milestone.status != MilestoneStatus.DELIVERED:
            raise ValidationFailed({"milestone": _(
                "This milestone is not waiting for your decision.")})
        milestone.decided_at = utcnow()
        milestone.status = MilestoneStatus.ACCEPTED if accept else MilestoneStatus.RETURNED
        milestone.return_reason = why
        kind = "milestone_accepted" if accept else "milestone_returned"
        common.tell_other_side(session, engagement, side, kind, title=milestone.title,
                               reason=why or "")  # fmt: skip
    return milestone


def delivery_file(actor: Actor, milestone_id: int):
    """A milestone's delivered PDF, for the two parties."""
    from marketplace.extensions import db

    milestone = db.session.get(Milestone, milestone_id)
    if milestone is None:
        raise NotFound(_("No such file."))
    common.party_side(actor, common.visible(actor, milestone.engagement_id))
    return files.path_of(milestone.delivery_file)
