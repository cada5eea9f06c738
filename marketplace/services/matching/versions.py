"""Versions of stored lists for page caches: they change whenever what a list shows may change."""

from __future__ import annotations

from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.models import MatchDecision, MatchRow, Scenario, StudioInterest
from marketplace.models.matching import SCENARIO_TO_STUDIO, match_key
from marketplace.services.catalog.cache import directory_version


def scenario_page_version(code: str) -> tuple:
    """The catalogue, every studio, this scenario's match rows and interest, every decision.

    One query beside `directory_version`: a refresh (computed_at), a retired pair, a studio
    edit or suspension (updated_at), a studio's interest in this scenario (count, newest) and
    any staff decision (newest id and time) all move it.
    """
    code = (code or "").upper()
    this_list = (
        MatchRow.direction == SCENARIO_TO_STUDIO,
        MatchRow.source_key == match_key("scenario", code),
    )
    interest = (
        select(StudioInterest.id)
        .join(Scenario, Scenario.id == StudioInterest.scenario_id)
        .where(Scenario.code == code)
        .subquery()
    )
    parts = [
        select(func.count(MatchRow.id)).where(*this_list),
        select(func.max(MatchRow.computed_at)).where(*this_list),
        select(func.max(MatchRow.retired_at)).where(*this_list),
        select(func.max(MatchDecision.id)),
        select(func.max(MatchDecision.decided_at)),
        select(func.count(interest.c.id)),
        select(func.max(interest.c.id)),
    ]
    found = db.session.execute(select(*(p.scalar_subquery() for p in parts))).one()
    return (*directory_version(), *found)
