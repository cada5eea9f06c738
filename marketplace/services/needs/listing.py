"""Reading needs: the public list with filters, a manufacturer's own list, the staff queue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import selectinload

from marketplace.extensions import db
from marketplace.models import Bid, BidStatus, Need, NeedQuestion, NeedStatus, need_disciplines
from marketplace.models._types import utcnow
from marketplace.policies.needs_policy import open_need_clause, public_need_clause
from marketplace.services.common import list_page

SORTS = ("deadline", "newest")


@dataclass
class NeedFilters:
    """The /needs filters (all optional)."""

    industry: str | None = None
    discipline: str | None = None
    budget_from: int | None = None  # needs whose budget reaches at least this (CNY)
    budget_to: int | None = None  # needs whose budget starts at most at this (CNY)
    deadline_before: datetime | None = None  # UTC
    q: str | None = None
    open_only: bool = True
    sort: str = "deadline"


@dataclass
class OwnNeed:
    """A manufacturer's need with its counts."""

    need: Need
    bids: int
    questions: int
    unanswered: int


def public_needs(filters: NeedFilters, page: int = 1, per_page: int = 20) -> list_page.ListPage:
    """Published needs (open ones by default) matching the filters, paginated."""
    query = select(Need).options(selectinload(Need.disciplines), selectinload(Need.industry))
    query = query.where(open_need_clause(utcnow()) if filters.open_only else public_need_clause())
    if filters.industry:
        query = query.where(Need.industry_code == filters.industry)
    if filters.discipline:
        query = query.where(Need.id.in_(select(need_disciplines.c.need_id).where(
            need_disciplines.c.discipline_code == filters.discipline)))
    if filters.budget_from is not None:
        query = query.where(or_(Need.budget_max.is_(None), Need.budget_max >= filters.budget_from))
    if filters.budget_to is not None:
        query = query.where(or_(Need.budget_min.is_(None), Need.budget_min <= filters.budget_to))
    if filters.deadline_before is not None:
        query = query.where(and_(Need.bid_deadline.is_not(None),
                                 Need.bid_deadline <= filters.deadline_before))
    if filters.q:
        for word in filters.q.split()[:8]:
            pattern = f"%{word.replace('%', '').replace('_', '')}%"
            query = query.where(or_(Need.title.ilike(pattern), Need.description.ilike(pattern)))
    if filters.sort == "newest":
        query = query.order_by(Need.published_at.desc(), Need.id.desc())
    else:
        query = query.order_by(Need.bid_deadline.asc(), Need.id)
    return list_page.page_of_query(query, page, per_page)


def own_needs(user_id: int) -> list[OwnNeed]:
    """A manufacturer's needs, newest first, with bid and question counts."""
    needs = list(db.session.scalars(
        select(Need).where(Need.manufacturer_id == user_id)
        .order_by(Need.created_at.desc(), Need.id.desc())
    ))
    ids = [n.id for n in needs]
    bids = dict(db.session.execute(
        select(Bid.need_id, func.count(Bid.id))
        .where(Bid.need_id.in_(ids), Bid.status != BidStatus.WITHDRAWN).group_by(Bid.need_id)
    ).all())
    questions: dict[int, tuple[int, int]] = {}
    for need_id, total, open_ in db.session.execute(
        select(NeedQuestion.need_id, func.count(NeedQuestion.id),
               func.count(NeedQuestion.id).filter(NeedQuestion.answer.is_(None)))
        .where(NeedQuestion.need_id.in_(ids)).group_by(NeedQuestion.need_id)
    ):
        questions[need_id] = (total, open_)
    return [
        OwnNeed(n, bids.get(n.id, 0), *questions.get(n.id, (0, 0))) for n in needs
    ]


def status_counts(user_id: int) -> dict[str, int]:
    """How many of a manufacturer's needs are in each state."""
    return dict(db.session.execute(
        select(Need.status, func.count(Need.id))
        .where(Need.manufacturer_id == user_id).group_by(Need.status)
    ).all())


def submitted_needs() -> list[Need]:
    """The staff queue: submitted needs, oldest first."""
    return list(db.session.scalars(
        select(Need).where(Need.status == NeedStatus.SUBMITTED)
        .options(selectinload(Need.disciplines), selectinload(Need.manufacturer))
        .order_by(Need.submitted_at, Need.id)
    ))


def active_bid_count(need_id: int) -> int:
    """How many active bids a need has (all that anyone but the bidder sees before the deadline)."""
    return db.session.scalar(
        select(func.count(Bid.id)).where(Bid.need_id == need_id, Bid.status != BidStatus.WITHDRAWN)
    ) or 0


def open_needs_of(user_id: int, scenario_id: int | None = None) -> list[Need]:
    """A manufacturer's needs still open for bids (optionally linked to one scenario)."""
    now = utcnow()
    query = select(Need).where(
        Need.manufacturer_id == user_id, Need.status == NeedStatus.PUBLISHED,
        or_(Need.bid_deadline.is_(None), Need.bid_deadline > now),
    )
    if scenario_id is not None:
        query = query.where(Need.scenario_id == scenario_id)
    return list(db.session.scalars(query.order_by(Need.bid_deadline)))


def scenario_choices() -> list:
    """Every catalogue scenario by code (the need form's 'linked scenario' list)."""
    from marketplace.models import Scenario

    return list(db.session.scalars(select(Scenario).order_by(Scenario.code)))
