"""Open the engagement of an award (inside the award's transaction) with milestones proposed
from the bid; list an actor's engagements."""

from __future__ import annotations

from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from marketplace.extensions import db
from marketplace.models import Bid, Company, Engagement, Milestone, Need
from marketplace.policies.actor import Actor
from marketplace.policies.engagements import visible_engagements_clause

PROPOSED_SPLIT = ((0.3, 0.5), (0.7, 1.0))  # (share of the price, share of the weeks)


def open_for_award(session: Session, need: Need, bid: Bid, when) -> Engagement:
    """The engagement of an awarded bid, with two milestones proposed from it (concept at half
    the weeks for 30% of the price, final delivery at the end for the rest)."""
    company = session.scalar(select(Company).where(Company.user_id == need.manufacturer_id))
    engagement = Engagement(
        need_id=need.id, bid_id=bid.id, manufacturer_id=need.manufacturer_id,
        studio_id=bid.studio_id, awarded_price=bid.price, industry_code=need.industry_code,
        district=company.district if company else None, started_at=when,
    )  # fmt: skip
    session.add(engagement)
    session.flush()
    titles = (_("Concept design"), _("Final design delivery"))
    first = round(bid.price * PROPOSED_SPLIT[0][0])
    amounts = (first, bid.price - first)
    for (_share, weeks), title, amount in zip(PROPOSED_SPLIT, titles, amounts, strict=True):
        due = (when + timedelta(weeks=max(1, round(bid.duration_weeks * weeks)))).date()
        session.add(Milestone(engagement_id=engagement.id, title=title, due_on=due,
                              amount=amount, proposed_by_id=None))  # fmt: skip
    return engagement


def of_actor(actor: Actor) -> list[Engagement]:
    """The actor's engagements (a party's own; every one for staff), newest first."""
    query = (
        select(Engagement)
        .where(visible_engagements_clause(actor))
        .options(selectinload(Engagement.need), selectinload(Engagement.studio))
    )
    return list(db.session.scalars(query.order_by(Engagement.started_at.desc(),
                                                  Engagement.id.desc())))


def for_bid(bid_id: int) -> Engagement | None:
    """The engagement of an awarded bid."""
    return db.session.scalar(select(Engagement).where(Engagement.bid_id == bid_id))


def for_need_ids(need_ids: list[int]) -> dict[int, Engagement]:
    """Engagements keyed by need id."""
    if not need_ids:
        return {}
    rows = db.session.scalars(select(Engagement).where(Engagement.need_id.in_(need_ids)))
    return {e.need_id: e for e in rows}

