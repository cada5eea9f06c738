"""What each party may read about bids: counts, one's own bid, the comparison after the deadline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from marketplace.extensions import db
from marketplace.models import Bid, BidStatus, MatchRow, Need, Studio
from marketplace.models._types import utcnow
from marketplace.models.matching import NEED_TO_STUDIO, match_key
from marketplace.policies import (
    Actor,
    can_compare_bids,
    can_view_bid,
    can_view_bid_count,
)
from marketplace.services.common.service_errors import NotFound, PermissionDenied
from marketplace.services.needs import lifecycle


@dataclass
class ComparedBid:
    """One row of the side-by-side comparison."""

    bid: Bid
    studio: Studio
    fit: str | None  # "strong" / "good" / "possible" from the need-studio match row, if any
    verified: bool


def need_for(actor: Actor, need_id: int) -> Need:
    """A need the actor may see in a bid context: published or decided, or its own draft."""
    return lifecycle.visible_need(actor, need_id)


def active_count(need_id: int) -> int:
    """How many live (not withdrawn) bids a need has."""
    query = select(func.count(Bid.id)).where(
        Bid.need_id == need_id, Bid.status != BidStatus.WITHDRAWN
    )
    return db.session.scalar(query) or 0


def count_for(actor: Actor, need: Need) -> int | None:
    """The bid count for those who may see it (manufacturer, staff); None for everyone else."""
    return active_count(need.id) if can_view_bid_count(actor, need) else None


def own_bid(actor: Actor, need_id: int) -> Bid | None:
    """The actor's studio's bid on a need, withdrawn included, or None."""
    if not actor.is_studio:
        return None
    return db.session.scalar(
        select(Bid).where(Bid.need_id == need_id, Bid.studio_id == actor.studio_id)
    )


def bid_for(actor: Actor, bid_id: int, now: datetime | None = None) -> Bid:
    """One bid the actor may read (NotFound otherwise: a sealed bid does not exist for others)."""
    bid = db.session.get(Bid, bid_id)
    if bid is None or not can_view_bid(actor, bid, now or utcnow()):
        raise NotFound(_("No such bid."))
    return bid


def studio_bids_query(actor: Actor) -> Select:
    """The actor's studio's bids (withdrawn included), newest first; nothing for others. The one
    query behind the studio's bids page and /api/v1/me/bids."""
    mine = Bid.studio_id == actor.studio_id if actor.is_studio else Bid.id.is_(None)
    return (
        select(Bid).where(mine).options(selectinload(Bid.need), selectinload(Bid.studio))
        .order_by(Bid.created_at.desc(), Bid.id.desc())
    )  # fmt: skip


def studio_bids(actor: Actor) -> list[Bid]:
    """The actor's studio's bids, newest first."""
    return list(db.session.scalars(studio_bids_query(actor)))


def comparison(actor: Actor, need: Need, now: datetime | None = None) -> list[ComparedBid]:
    """Every live bid side by side, cheapest first: the need's manufacturer after the deadline."""
    when = now or utcnow()
    if not can_compare_bids(actor, need, when):
        raise PermissionDenied(_("Bids stay sealed until the deadline."))
    bids = list(
        db.session.scalars(
            select(Bid)
            .where(Bid.need_id == need.id, Bid.status != BidStatus.WITHDRAWN)
            .options(selectinload(Bid.studio))
            .order_by(Bid.price, Bid.id)
        )
    )
    fits = dict(
        db.session.execute(
            select(MatchRow.target_key, MatchRow.fit).where(
                MatchRow.direction == NEED_TO_STUDIO,
                MatchRow.source_key == match_key("need", need.id),
                MatchRow.retired_at.is_(None),
            )
        ).all()
    )
    return [
        ComparedBid(b, b.studio, fits.get(match_key("studio", b.studio_id)), b.studio.is_verified)
        for b in bids
    ]
