"""Post-award records the city figures need (engagements, outcomes, ratings, company profiles).

The one module that knows where those records live (wt-engagement's models). A part whose data
the platform does not hold yet says so, and the figures built on it read "not yet recorded",
never 0: contract values and launches until some manufacturer has recorded an outcome; company
districts and industries while the companies table is absent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import inspect, select

from marketplace.extensions import db
from marketplace.models import Company, Engagement, EngagementStatus
from marketplace.models._types import utcnow
from marketplace.models.rating import Rating
from marketplace.services.city.periods import CITY_TZ
from marketplace.services.engagements.ratings import revealed_clause


@dataclass(frozen=True)
class EngagementRec:
    """One engagement (an award carried into work) and how it ended."""

    id: int
    need_id: int
    studio_id: int
    started_at: datetime
    status: str  # "active", "completed" or "cancelled"
    completed_at: datetime | None  # when it ended: completed or cancelled
    contract_value: int | None  # CNY, recorded by the manufacturer on completion
    launched_at: datetime | None  # the product reached the market


@dataclass(frozen=True)
class RatingRec:
    """One revealed, not hidden rating (the mean of its 1–5 scores) and when it was given."""

    engagement_id: int
    score: float
    rated_at: datetime


@dataclass
class Outcomes:
    """What the post-award records hold."""

    engagements_recorded: bool = False  # engagements are kept (the table exists)
    outcomes_recorded: bool = False  # some manufacturer has recorded an outcome
    companies_recorded: bool = False
    engagements: list[EngagementRec] = field(default_factory=list)
    ratings: list[RatingRec] = field(default_factory=list)
    company_district: dict[int, str] = field(default_factory=dict)  # manufacturer user id →
    company_industry: dict[int, str] = field(default_factory=dict)


def _day_start(day: date) -> datetime:
    """Midnight of a Chongqing day, as naive UTC."""
    local = datetime(day.year, day.month, day.day, tzinfo=CITY_TZ)
    return local.astimezone(UTC).replace(tzinfo=None)


def _launched(e: Engagement) -> datetime | None:
    if not e.product_launched:
        return None
    return _day_start(e.launched_on) if e.launched_on else e.outcome_recorded_at


def load() -> Outcomes:
    """Read the post-award records, where the database has them."""
    tables = set(inspect(db.engine).get_table_names())
    out = Outcomes(engagements_recorded=Engagement.__tablename__ in tables,
                   companies_recorded=Company.__tablename__ in tables)  # fmt: skip
    if out.companies_recorded:
        for user_id, district, industry in db.session.execute(
            select(Company.user_id, Company.district, Company.industry_code)
        ):
            if district:
                out.company_district[user_id] = district
            if industry:
                out.company_industry[user_id] = industry
    if not out.engagements_recorded:
        return out
    for e in db.session.scalars(select(Engagement)):
        ended = e.completed_at if e.status == EngagementStatus.COMPLETED else e.cancelled_at
        out.engagements.append(EngagementRec(
            e.id, e.need_id, e.studio_id, e.started_at, e.status, ended, e.contract_value,
            _launched(e),
        ))  # fmt: skip
        out.outcomes_recorded |= e.outcome_recorded_at is not None
    rows = db.session.scalars(
        select(Rating).join(Engagement, Engagement.id == Rating.engagement_id)
        .where(revealed_clause(utcnow()), Rating.hidden_at.is_(None))
    )  # fmt: skip
    out.ratings = [RatingRec(r.engagement_id, round(r.average, 2), r.created_at) for r in rows]
    return out
