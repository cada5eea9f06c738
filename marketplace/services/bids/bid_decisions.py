"""The manufacturer's side: shortlist, award exactly one bid, decline the others with reasons,
or close without award; all re-checked under the write lock after the deadline."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from marketplace.database import write_transaction
from marketplace.models import Bid, BidStatus, Need, NeedStatus, User
from marketplace.models._types import utcnow
from marketplace.policies import Actor, can_award, owns_need
from marketplace.services.audit import trail
from marketplace.services.bids.bid_reasons import DECLINE_REASONS, NOTE_MAX
from marketplace.services.bids.submitting import locked_need
from marketplace.services.common.service_errors import NotFound, PermissionDenied, ValidationFailed
from marketplace.services.companies.company_profiles import manufacturer_contact, studio_contact
from marketplace.services.engagements.opening import open_for_award
from marketplace.services.notifications.sending import notify

log = logging.getLogger(__name__)

Decline = tuple[str, str]  # (reason code, optional note)
UNDECIDED = (BidStatus.SUBMITTED, BidStatus.SHORTLISTED)


@dataclass(frozen=True)
class DeclineInput:
    """Which bid to decline, with a reason code from DECLINE_REASONS and an optional note."""

    bid_id: int
    reason: str
    note: str = ""


@dataclass(frozen=True)
class AwardInput:
    """Which bid wins, and the (reason, note) for every other undecided bid, by bid id."""

    bid_id: int
    declines: Mapping[int, Decline] = field(default_factory=dict)


def _studio_users(session: Session, studio_id: int) -> list[int]:
    return list(session.scalars(select(User.id).where(User.studio_id == studio_id)))


def _decidable_need(session: Session, actor: Actor, need_id: int, when: datetime) -> Need:
    need = locked_need(session, need_id)
    session.expire(need, ["bids"])  # the bid list as it stands under the lock
    if not owns_need(actor, need):
        raise NotFound(_("No such need."))
    if need.status == NeedStatus.AWARDED:
        raise ValidationFailed({"need": _("This need has already been awarded.")})
    if need.status == NeedStatus.CLOSED:
        raise ValidationFailed({"need": _("This need has been closed.")})
    if need.status != NeedStatus.PUBLISHED:
        raise ValidationFailed({"need": _("This need is not published.")})
    if not need.deadline_passed(when):
        raise ValidationFailed(
            {"need": _("Bids stay sealed until the deadline; decide after it has passed.")}
        )
    if not can_award(actor, need, when):
        raise PermissionDenied(_("You cannot decide on this need."))
    return need


def _bid_on(need: Need, bid_id: int) -> Bid:
    for bid in need.bids:
        if bid.id == bid_id and bid.status != BidStatus.WITHDRAWN:
            return bid
    raise ValidationFailed({"bid": _("That bid is not on this need.")})


def _clean_decline(bid_id: int, decline: Decline | None) -> Decline:
    reason, note = decline or ("", "")
    note = (note or "").strip()
    if reason not in DECLINE_REASONS:
        raise ValidationFailed({f"reason_{bid_id}": _("Choose a reason from the list.")})
    if len(note) > NOTE_MAX:
        message = _("Keep the note under %(n)d characters.", n=NOTE_MAX)
        raise ValidationFailed({f"note_{bid_id}": message})
    if reason == "other" and not note:
        raise ValidationFailed({f"note_{bid_id}": _("Say what the other reason is.")})
    return reason, note


def _decline(session: Session, need: Need, bid: Bid, decline: Decline, when: datetime) -> None:
    bid.status = BidStatus.DECLINED
    bid.decline_reason, bid.decline_note = decline
    bid.decided_at = when
    notify(
        _studio_users(session, bid.studio_id), "declined", link=f"/bids/{bid.id}",
        need_id=need.id, need_title=need.title, reason=decline[0], note=decline[1],
    )  # fmt: skip


def _share_contacts(session: Session, need: Need, bid: Bid, kind: str, link: str) -> None:
    """Shortlist or award: the studio gets the manufacturer's contact, the manufacturer the
    studio's (both in the notice and its e-mail)."""
    maker = session.get(User, need.manufacturer_id)
    notify(_studio_users(session, bid.studio_id), kind, link=link, need_id=need.id,
           need_title=need.title, **manufacturer_contact(maker).as_payload())
    notify([need.manufacturer_id], "contacts_shared", link=link, need_id=need.id,
           need_title=need.title, **studio_contact(bid.studio).as_payload())


def shortlist(actor: Actor, need_id: int, bid_id: int, *, now: datetime | None = None) -> Bid:
    """Put a bid on the shortlist (its studio is told)."""
    with write_transaction() as session:
        when = now or utcnow()
        need = _decidable_need(session, actor, need_id, when)
        bid = _bid_on(need, bid_id)
        if bid.status != BidStatus.SUBMITTED:
            raise ValidationFailed({"bid": _("That bid is already shortlisted or decided.")})
        bid.status = BidStatus.SHORTLISTED
        _share_contacts(session, need, bid, "shortlisted", f"/bids/{bid.id}")
    return bid


def decline(
    actor: Actor, need_id: int, data: DeclineInput, *, now: datetime | None = None
) -> Bid:
    """Decline one undecided bid with a reason from the list and an optional note."""
    bid_id, reason, note = data.bid_id, data.reason, data.note
    with write_transaction() as session:
        when = now or utcnow()
        need = _decidable_need(session, actor, need_id, when)
        bid = _bid_on(need, bid_id)
        if bid.status not in UNDECIDED:
            raise ValidationFailed({"bid": _("That bid has already been decided.")})
        cleaned = _clean_decline(bid.id, (reason, note))
        _decline(session, need, bid, cleaned, when)
        trail.record("bid-declined", subject=f"bid:{bid.id}", after={"reason": cleaned[0]},
                     note=f"need:{need.id}")  # fmt: skip
    return bid


def award(actor: Actor, need_id: int, data: AwardInput, *, now: datetime | None = None) -> Bid:
    """Award one bid (the need becomes awarded) and decline every other undecided bid with the
    reason given for it; nothing changes unless every other bidder has a valid reason."""
    bid_id, declines = data.bid_id, data.declines
    with write_transaction() as session:
        when = now or utcnow()
        need = _decidable_need(session, actor, need_id, when)
        winner = _bid_on(need, bid_id)
        if winner.status not in UNDECIDED:
            raise ValidationFailed({"bid": _("That bid has already been declined.")})
        others = [b for b in need.bids if b.id != winner.id and b.status in UNDECIDED]
        cleaned = {b.id: _clean_decline(b.id, declines.get(b.id)) for b in others}
        winner.status, winner.decided_at = BidStatus.AWARDED, when
        need.status, need.closed_at = NeedStatus.AWARDED, when
        engagement = open_for_award(session, need, winner, when)
        _share_contacts(session, need, winner, "awarded_engagement",
                        f"/engagements/{engagement.id}")
        for bid in others:
            _decline(session, need, bid, cleaned[bid.id], when)
        trail.record("bid-awarded", subject=f"bid:{winner.id}", note=f"need:{need.id}",
                     after={"status": "awarded", "declined": sorted(cleaned)})  # fmt: skip
    log.info("need %s awarded to bid %s", need_id, bid_id)
    return winner


def close_without_award(
    actor: Actor, need_id: int, declines: Mapping[int, Decline], *, now: datetime | None = None
) -> Need:
    """Close the need with no winner; every undecided bidder gets its reason."""
    with write_transaction() as session:
        when = now or utcnow()
        need = _decidable_need(session, actor, need_id, when)
        others = [b for b in need.bids if b.status in UNDECIDED]
        cleaned = {b.id: _clean_decline(b.id, declines.get(b.id)) for b in others}
        need.status, need.closed_at = NeedStatus.CLOSED, when
        for bid in others:
            _decline(session, need, bid, cleaned[bid.id], when)
        trail.record("need-closed-without-award", subject=f"need:{need.id}",
                     after={"status": "closed", "declined": sorted(cleaned)})  # fmt: skip
    log.info("need %s closed without award", need_id)
    return need
