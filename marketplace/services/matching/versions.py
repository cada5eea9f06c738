"""Versions of stored lists for page caches: they change whenever what a list shows may change."""

from __future__ import annotations

import functools

from sqlalchemy import Select, bindparam, func, select

from marketplace.extensions import db
from marketplace.models import MatchDecision, MatchRow, Scenario, Studio, StudioInterest
from marketplace.models.matching import SCENARIO_TO_STUDIO, match_key
from marketplace.services.catalog.cache import catalogue_version


@functools.cache
def _statement() -> Select:
    """One statement, built once (every visit only binds the scenario)."""
    this_list = (
        MatchRow.direction == SCENARIO_TO_STUDIO,
        MatchRow.source_key == bindparam("scenario_key"),
    )
    interest = (
        select(StudioInterest.id)
        .join(Scenario, Scenario.id == StudioInterest.scenario_id)
        .where(Scenario.code == bindparam("code"))
        .subquery()
    )
    parts = [
        select(func.count(Studio.id)),  # directory_version's two figures
        select(func.max(Studio.updated_at)),
        select(func.count(MatchRow.id)).where(*this_list),
        select(func.max(MatchRow.computed_at)).where(*this_list),
        select(func.max(MatchRow.retired_at)).where(*this_list),
        select(func.max(MatchDecision.id)),
        select(func.max(MatchDecision.decided_at)),
        select(func.count(interest.c.id)),
        select(func.max(interest.c.id)),
    ]
    return select(*(p.scalar_subquery() for p in parts))


def scenario_page_version(code: str) -> tuple:
    """The catalogue, every studio, this scenario's match rows and interest, every decision.

    One query: a studio edit or suspension (count and newest `updated_at`, as in
    `directory_version`), a refresh (computed_at), a retired pair, a studio's interest in this
    scenario (count, newest) and any staff decision (newest id and time) all move it.
    """
    code = (code or "").upper()
    params = {"code": code, "scenario_key": match_key("scenario", code)}
    found = db.session.execute(_statement(), params).one()
    return (catalogue_version(), *found)
