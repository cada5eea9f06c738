"""Stored recommendations as pages show them; reads only (never loads the embedding model)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.models import Embedding, MatchRow, Scenario, Studio, StudioInterest
from marketplace.models.matching import SCENARIO_TO_STUDIO, STUDIO_TO_SCENARIO, match_key
from marketplace.policies.studios_policy import public_studio_clause
from marketplace.services.reviews import verdicts

log = logging.getLogger(__name__)

SHOWN = 10
SUGGEST_MIN = 0.5  # only confident predictions are offered as tag suggestions


@dataclass(frozen=True)
class Fit:
    """One stored recommendation with the object it points to."""

    rank: int
    score: float
    target: Any  # a Studio or a Scenario
    explanation: dict[str, Any]
    interested: bool = False
    fit: str | None = None  # "strong" / "good" / "possible" once matching grades its lists
    row_id: int | None = None  # the stable match row (review decisions attach to it)
    direction: str | None = None  # whose voice the reasons speak in
    approved: bool = False  # the commission approved this pair (shown as commission-approved)

    @property
    def reasons(self) -> list[str]:
        """Plain-language reasons, for everyone, in the reader's language."""
        from marketplace.services.matching.match_reasons import reader_reasons

        return reader_reasons(self.explanation, self.direction)


@dataclass
class Panel:
    """A list of fits, when it was computed, and a notice when it is missing or out of date."""

    fits: list[Fit] = field(default_factory=list)
    computed_at: datetime | None = None
    notice: str | None = None


def _rows(direction: str, source: str) -> list[MatchRow]:
    """The current (not retired) rows of one source's list, best first."""
    return list(
        db.session.scalars(
            select(MatchRow)
            .where(
                MatchRow.direction == direction,
                MatchRow.source_key == source,
                MatchRow.retired_at.is_(None),
            )
            .order_by(MatchRow.rank)
        )
    )


def screened(direction: str, source: str, rows: list[MatchRow]) -> tuple[list[MatchRow], frozenset]:
    """A list's rows without the pairs the commission rejected (until either side changes),
    and the target keys it approved."""
    judged = verdicts.for_list(direction, source, [r.target_key for r in rows])
    return [r for r in rows if r.target_key not in judged.hidden], judged.approved


def _computed_at(direction: str, source: str) -> datetime | None:
    """When this source's list was last computed (an emptied list counts: its rows are retired)."""
    return db.session.scalar(
        select(func.max(MatchRow.computed_at)).where(
            MatchRow.direction == direction, MatchRow.source_key == source
        )
    )


def _problem() -> str | None:
    from marketplace.services.matching.encoding import model_problem  # no torch: a file check

    problem = model_problem()
    if problem:
        log.warning("matching unavailable: %s", problem)
    return problem


UNAVAILABLE = _l("Matching is unavailable right now, so recommendations cannot be updated.")


def studios_for_scenario(code: str, limit: int = SHOWN) -> Panel:
    """The stored 'Studios that fit' of a scenario: listed studios only, best first."""
    rows, approved = screened(SCENARIO_TO_STUDIO, match_key("scenario", code),
                              _rows(SCENARIO_TO_STUDIO, match_key("scenario", code)))
    ids = [int(r.target_value) for r in rows if r.target_value.isdigit()]
    studios = {
        s.id: s
        for s in db.session.scalars(
            select(Studio).where(Studio.id.in_(ids), public_studio_clause())
        )
    }
    shown = [r for r in rows if r.target_value.isdigit() and int(r.target_value) in studios]
    fits = [
        Fit(
            rank, r.score, studios[int(r.target_value)], r.explanation, fit=r.fit,
            row_id=r.id, direction=r.direction, approved=r.target_key in approved,
        )
        for rank, r in enumerate(shown[:limit], start=1)
    ]
    panel = Panel(fits, rows[0].computed_at if rows else None)
    if not fits and _problem():
        panel.notice = UNAVAILABLE
    return panel


def scenarios_for_studio(studio: Studio, limit: int = SHOWN) -> Panel:
    """The stored 'Scenarios for you' of a studio, with whether it already expressed interest."""
    source = match_key("studio", studio.id)
    rows, approved = screened(STUDIO_TO_SCENARIO, source, _rows(STUDIO_TO_SCENARIO, source))
    codes = [r.target_value for r in rows]
    scenarios = {
        s.code: s for s in db.session.scalars(select(Scenario).where(Scenario.code.in_(codes)))
    }
    interested = set(
        db.session.scalars(
            select(Scenario.code)
            .join(StudioInterest, StudioInterest.scenario_id == Scenario.id)
            .where(StudioInterest.studio_id == studio.id)
        )
    )
    shown = [r for r in rows if r.target_value in scenarios]
    fits = [
        Fit(
            rank, r.score, scenarios[r.target_value], r.explanation,
            r.target_value in interested, fit=r.fit, row_id=r.id, direction=r.direction,
            approved=r.target_key in approved,
        )
        for rank, r in enumerate(shown[:limit], start=1)
    ]
    computed = _computed_at(STUDIO_TO_SCENARIO, match_key("studio", studio.id))
    panel = Panel(fits, computed)
    if studio.capability_statement and (computed is None or computed < studio.updated_at):
        if _problem():
            panel.notice = UNAVAILABLE
        else:
            panel.notice = _(
                "Recommendations for your latest profile are not ready yet; "
                "they appear here once matching has caught up."
            )
    return panel


def tag_suggestions(studio: Studio) -> dict[str, list[tuple[str, float]]]:
    """Confident predicted tags of the saved statement that the studio has not ticked."""
    stored = db.session.scalar(
        select(Embedding.predicted_tags).where(
            Embedding.kind == "studio", Embedding.key == str(studio.id)
        )
    )
    if not stored:
        return {"industries": [], "disciplines": []}
    ticked = {"industries": set(studio.industry_codes), "disciplines": set(studio.discipline_codes)}
    return {
        facet: [
            (code, p)
            for code, p in stored.get(facet, [])
            if p >= SUGGEST_MIN and code not in ticked[facet]
        ]
        for facet in ("industries", "disciplines")
    }
