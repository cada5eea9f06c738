"""A studio's side of a sealed bid: submit, edit, withdraw, all re-checked under the write lock."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from marketplace.database import write_transaction
from marketplace.models import Bid, BidStatus, Need, NeedStatus
from marketplace.models._types import utcnow
from marketplace.policies import Actor, can_bid, can_edit_bid, can_withdraw_bid
from marketplace.services.bids import bid_attachments
from marketplace.services.common.service_errors import NotFound, PermissionDenied, ValidationFailed
from marketplace.services.notifications.sending import notify

log = logging.getLogger(__name__)

APPROACH_MIN, APPROACH_MAX = 20, 5000
TEAM_MAX = 2000
PRICE_MAX = 100_000_000  # CNY
WEEKS_MAX = 260


@dataclass
class BidInput:
    """What a studio offers: approach, price in CNY, duration in weeks, team."""

    approach: str
    price: int | None
    duration_weeks: int | None
    team: str = ""


def validate(data: BidInput) -> BidInput:
    """Cleaned input, or ValidationFailed naming every bad field."""
    errors: dict[str, str] = {}
    approach = (data.approach or "").strip()
    team = (data.team or "").strip()
    if not APPROACH_MIN <= len(approach) <= APPROACH_MAX:
        errors["approach"] = _(
            "Describe your approach in %(lo)d to %(hi)d characters.", lo=APPROACH_MIN,
            hi=APPROACH_MAX,
        )  # fmt: skip
    if data.price is None or not 0 < data.price <= PRICE_MAX:
        errors["price"] = _("Give a price in CNY between 1 and %(hi)d.", hi=PRICE_MAX)
    if data.duration_weeks is None or not 1 <= data.duration_weeks <= WEEKS_MAX:
        errors["duration_weeks"] = _("Give a duration of 1 to %(hi)d weeks.", hi=WEEKS_MAX)
    if len(team) > TEAM_MAX:
        errors["team"] = _("Describe the team in at most %(hi)d characters.", hi=TEAM_MAX)
    if errors:
        raise ValidationFailed(errors)
    return BidInput(approach, data.price, data.duration_weeks, team)


def locked_need(session: Session, need_id: int) -> Need:
    """The need, re-read under the write lock (FOR UPDATE on PostgreSQL; SQLite holds
    BEGIN IMMEDIATE already), so concurrent requests see each other's decisions."""
    need = session.scalar(
        select(Need).where(Need.id == need_id).with_for_update().execution_options(
            populate_existing=True
        )
    )
    if need is None:
        raise NotFound(_("No such need."))
    return need


def _refuse_bid(actor: Actor, need: Need, now: datetime) -> None:
    if not actor.is_studio:
        raise PermissionDenied(_("Only a studio account can bid."))
    if need.status != NeedStatus.PUBLISHED:
        if need.status in (NeedStatus.AWARDED, NeedStatus.CLOSED):
            raise ValidationFailed({"need": _("Bidding on this need has closed.")})
        raise NotFound(_("No such need."))  # a draft is nobody's business but its owner's
    if need.deadline_passed(now):
        raise ValidationFailed({"need": _("The bid deadline has passed; no more bids.")})


def _active_count(session: Session, need_id: int) -> int:
    query = select(func.count(Bid.id)).where(
        Bid.need_id == need_id, Bid.status != BidStatus.WITHDRAWN
    )
    return session.scalar(query) or 0


def submit(
    actor: Actor, need_id: int, data: BidInput, *, attachment: BinaryIO | None = None,
    now: datetime | None = None,
) -> Bid:  # fmt: skip
    """Place the studio's one bid on a need (a withdrawn one may be placed again)."""
    data = validate(data)
    stored = bid_attachments.save_pdf(attachment) if attachment is not None else None
    try:
        with write_transaction() as session:
            need = locked_need(session, need_id)
            when = now or utcnow()
            _refuse_bid(actor, need, when)
            if not can_bid(actor, need, when):
                raise PermissionDenied(_("You cannot bid on this need."))
            bid = session.scalar(
                select(Bid).where(Bid.need_id == need.id, Bid.studio_id == actor.studio_id)
            )
            if bid is not None and bid.status != BidStatus.WITHDRAWN:
                raise ValidationFailed(
                    {"need": _("Your studio has already bid on this need; edit that bid instead.")}
                )
            if bid is None:
                bid = Bid(need_id=need.id, studio_id=actor.studio_id)
                session.add(bid)
            _apply(bid, data, actor, when)
            old_attachment = bid.attachment_name
            if stored:
                bid.attachment_name, bid.attachment_mime = stored, bid_attachments.PDF_MIME
            bid.status = BidStatus.SUBMITTED
            session.flush()
            notify(
                [need.manufacturer_id], "bid_received", link=f"/needs/{need.id}/bids",
                need_id=need.id, need_title=need.title, count=_active_count(session, need.id),
            )  # fmt: skip
    except IntegrityError as exc:  # a concurrent duplicate that slipped past the check
        bid_attachments.delete_attachment(stored)
        raise ValidationFailed(
            {"need": _("Your studio has already bid on this need; edit that bid instead.")}
        ) from exc
    except BaseException:
        bid_attachments.delete_attachment(stored)
        raise
    if stored and old_attachment and old_attachment != stored:
        bid_attachments.delete_attachment(old_attachment)
    log.info("studio %s bid on need %s", actor.studio_id, need_id)
    return bid


def _apply(bid: Bid, data: BidInput, actor: Actor, when: datetime) -> None:
    bid.approach, bid.price, bid.team = data.approach, data.price, data.team
    bid.duration_weeks = data.duration_weeks
    bid.submitted_by_id = actor.user_id
    bid.updated_at = when


def _own_bid(session: Session, actor: Actor, bid_id: int) -> Bid:
    bid = session.get(Bid, bid_id, populate_existing=True)
    if bid is None or not actor.acts_for_studio(bid.studio_id):
        raise NotFound(_("No such bid."))
    locked_need(session, bid.need_id)
    return bid


def _refuse_change(bid: Bid, when: datetime) -> None:
    if bid.status == BidStatus.WITHDRAWN:
        raise ValidationFailed({"bid": _("This bid was withdrawn.")})
    if not bid.need.bidding_open(when):
        raise ValidationFailed(
            {"bid": _("The bid deadline has passed; the bid can no longer change.")}
        )
    if bid.status != BidStatus.SUBMITTED:
        raise ValidationFailed({"bid": _("This bid has been decided on.")})


def edit(
    actor: Actor, bid_id: int, data: BidInput, *, attachment: BinaryIO | None = None,
    remove_attachment: bool = False, now: datetime | None = None,
) -> Bid:  # fmt: skip
    """Change a bid until the deadline (optionally replacing or removing its attachment)."""
    data = validate(data)
    stored = bid_attachments.save_pdf(attachment) if attachment is not None else None
    try:
        with write_transaction() as session:
            bid = _own_bid(session, actor, bid_id)
            when = now or utcnow()
            _refuse_change(bid, when)
            if not can_edit_bid(actor, bid, when):
                raise PermissionDenied(_("You cannot change this bid."))
            _apply(bid, data, actor, when)
            old = bid.attachment_name
            if stored or remove_attachment:
                bid.attachment_name = stored
                bid.attachment_mime = bid_attachments.PDF_MIME if stored else None
    except BaseException:
        bid_attachments.delete_attachment(stored)
        raise
    if (stored or remove_attachment) and old:
        bid_attachments.delete_attachment(old)
    return bid


def withdraw(actor: Actor, bid_id: int, now: datetime | None = None) -> Bid:
    """Withdraw a bid until the deadline; the studio may bid again while bidding is open."""
    with write_transaction() as session:
        bid = _own_bid(session, actor, bid_id)
        when = now or utcnow()
        _refuse_change(bid, when)
        if not can_withdraw_bid(actor, bid, when):
            raise PermissionDenied(_("You cannot withdraw this bid."))
        bid.status = BidStatus.WITHDRAWN
        bid.updated_at = when
    log.info("bid %s withdrawn", bid_id)
    return bid
