"""Interest becomes a lead: which studios said they can take a scenario on, with notes and fit."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from marketplace.extensions import db
from marketplace.models import MatchRow, Scenario, Studio, StudioInterest
from marketplace.models.matching import SCENARIO_TO_STUDIO, match_key


@dataclass
class Lead:
    """A studio that can take a scenario on: its note and, when matching ranked it, its fit."""

    studio: Studio
    note: str | None
    fit: str | None
    rank: int | None


def for_scenario(scenario: Scenario) -> list[Lead]:
    """Listed studios interested in the scenario, best-ranked first, then newest."""
    interests = list(db.session.scalars(
        select(StudioInterest).where(StudioInterest.scenario_id == scenario.id)
        .options(selectinload(StudioInterest.studio))
        .order_by(StudioInterest.created_at.desc())
    ))
    rows = {
        r.target_key: r for r in db.session.scalars(select(MatchRow).where(
            MatchRow.direction == SCENARIO_TO_STUDIO,
            MatchRow.source_key == match_key("scenario", scenario.code),
            MatchRow.retired_at.is_(None),
        ))
    }
    leads = []
    for interest in interests:
        studio = interest.studio
        if studio is None or not studio.is_listed:
            continue
        row = rows.get(match_key("studio", studio.id))
        leads.append(Lead(studio, interest.note, row.fit if row else None,
                          row.rank if row else None))
    return sorted(leads, key=lambda lead: (lead.rank is None, lead.rank or 0))


def scenarios_of_studio(studio_id: int) -> list[Scenario]:
    """The scenarios a studio said it can take on (for its public page), by code."""
    return list(db.session.scalars(
        select(Scenario).join(StudioInterest, StudioInterest.scenario_id == Scenario.id)
        .where(StudioInterest.studio_id == studio_id).order_by(Scenario.code)
    ))
