"""Interest becomes a lead: which studios said they can take a scenario on, with notes and fit."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from marketplace.extensions import db
from marketplace.models import MatchRow, Scenario, Studio, StudioInterest
from marketplace.models.matching import SCENARIO_TO_STUDIO, match_key
from marketplace.policies.studios_policy import studio_is_public
from marketplace.services.reviews import verdicts


@dataclass
class Lead:
    """A studio that can take a scenario on: its note and, when matching ranked it, its fit."""

    studio: Studio
    note: str | None
    fit: str | None
    rank: int | None
    approved: bool = False  # the commission approved the pair


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
    source = match_key("scenario", scenario.code)
    judged = verdicts.for_list(SCENARIO_TO_STUDIO, source, [
        match_key("studio", i.studio_id) for i in interests])  # fmt: skip
    leads = []
    for interest in interests:
        studio, key = interest.studio, match_key("studio", interest.studio_id)
        if studio is None or not studio_is_public(studio) or key in judged.hidden:
            continue  # suspended or unlisted, or a pair the commission rejected
        row = rows.get(key)
        leads.append(Lead(studio, interest.note, row.fit if row else None,
                          row.rank if row else None, key in judged.approved))  # fmt: skip
    return sorted(leads, key=lambda lead: (lead.rank is None, lead.rank or 0))


def scenarios_of_studio(studio_id: int) -> list[Scenario]:
    """The scenarios a studio said it can take on (for its public page), by code."""
    return list(db.session.scalars(
        select(Scenario).join(StudioInterest, StudioInterest.scenario_id == Scenario.id)
        .where(StudioInterest.studio_id == studio_id).order_by(Scenario.code)
    ))
