"""What the commission's decisions mean for every list that shows a pair: a rejected pair leaves
the list until either side's text changes; an approved pair carries the commission's mark.

A pair is decided once, in the direction proposals are made (scenario or need -> studio), and
counts in both directions: "Studios that fit" a scenario and the studio's "Scenarios for you".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from marketplace.models.match_review import APPROVED, REJECTED
from marketplace.models.matching import (
    NEED_TO_STUDIO,
    SCENARIO_TO_STUDIO,
    STUDIO_TO_NEED,
    STUDIO_TO_SCENARIO,
    match_key,
    split_key,
)
from marketplace.services.reviews.proposals import Pair, latest_decisions
from marketplace.services.reviews.sources import load_sources, load_studios, pair_fingerprint

_PROPOSED_AS = {STUDIO_TO_SCENARIO: SCENARIO_TO_STUDIO, STUDIO_TO_NEED: NEED_TO_STUDIO}


def proposal_pair(direction: str, source_key: str, target_key: str) -> Pair:
    """The pair as proposals are decided (scenario/need -> studio), whichever list shows it."""
    if direction in _PROPOSED_AS:
        return _PROPOSED_AS[direction], target_key, source_key
    return direction, source_key, target_key


@dataclass(frozen=True)
class Verdicts:
    """Pairs (proposal direction) the commission approved, and those whose rejection stands."""

    approved: frozenset[Pair]
    rejected: frozenset[Pair]


def standing(pairs: Iterable[Pair]) -> Verdicts:
    """Approved pairs, and rejected pairs whose two sides have not changed since the decision
    (the latest decision counts; a withdrawn decision leaves the pair undecided)."""
    latest = latest_decisions(set(pairs))
    approved = frozenset(p for p, d in latest.items() if d.decision == APPROVED)
    rejected = {p: d for p, d in latest.items() if d.decision == REJECTED}
    if not rejected:
        return Verdicts(approved, frozenset())
    sources = load_sources(p[1] for p in rejected)
    ids = [int(v) for _k, v in (split_key(p[2]) for p in rejected) if v.isdigit()]
    studios = load_studios(ids)
    standing_rejections = set()
    for pair, decision in rejected.items():
        studio_value = split_key(pair[2])[1]
        studio = studios.get(int(studio_value)) if studio_value.isdigit() else None
        if pair_fingerprint(sources.get(pair[1]), studio) == decision.fingerprint:
            standing_rejections.add(pair)
    return Verdicts(approved, frozenset(standing_rejections))


@dataclass(frozen=True)
class ListVerdicts:
    """For one list (direction and source): target keys to leave out and target keys approved."""

    hidden: frozenset[str]
    approved: frozenset[str]


def for_list(direction: str, source_key: str, target_keys: Iterable[str]) -> ListVerdicts:
    """Which of a list's targets the commission rejected (hide) or approved (mark)."""
    pairs = {t: proposal_pair(direction, source_key, t) for t in target_keys}
    verdicts = standing(pairs.values())
    return ListVerdicts(
        frozenset(t for t, p in pairs.items() if p in verdicts.rejected),
        frozenset(t for t, p in pairs.items() if p in verdicts.approved),
    )


def studio_key(studio_id: int) -> str:
    """The match key of a studio ("studio:7")."""
    return match_key("studio", studio_id)


def approved_scenarios(studio_id: int) -> list:
    """Scenarios the commission approved this studio for (its public page), by code."""
    from sqlalchemy import select

    from marketplace.extensions import db
    from marketplace.models import Scenario
    from marketplace.services.reviews.decisions import approved_scenario_codes

    codes = approved_scenario_codes(studio_id)
    if not codes:
        return []
    return list(db.session.scalars(
        select(Scenario).where(Scenario.code.in_(codes)).order_by(Scenario.code)))
