"""Live matching for the command line: free text, a scenario or a studio against the other side.

One Engine and one batched encode per call, however many queries (no per-query start-up).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from marketplace.extensions import db
from marketplace.models import Scenario, Studio
from marketplace.models.matching import SCENARIO_TO_STUDIO, STUDIO_TO_SCENARIO
from marketplace.services.common.service_errors import NotFound
from marketplace.services.matching import matches
from marketplace.services.matching.match_reasons import explanation_json
from marketplace.services.reviews import verdicts
from matching.engine import Prepared
from matching.types import Profile

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Query:
    """One free-text query: an id to echo back, the text and an optional title."""

    id: str
    text: str
    title: str = ""


def _studio_side(eng: matches.Engine):
    studios = matches.load_studios(eng.encoder)
    prepared = matches.prepare_studios(eng, studios)
    listed = matches.listed(studios, prepared)
    rows = {str(s.id): s for s in studios.rows}
    return eng.matcher.pool(listed), rows, dict(zip(rows, prepared, strict=True))


def _studio_result(match, row: Studio, direction: str) -> dict:
    return {
        "ref": row.ref,
        "studio_id": row.id,
        "name": row.name,
        "score": round(match.score, 4),
        "fit": getattr(match, "fit", None),
        "reasons": explanation_json(match, direction)["reasons"],
    }


def _scenario_result(match, titles: dict[str, str], direction: str) -> dict:
    return {
        "code": match.id,
        "title": titles.get(match.id, ""),
        "score": round(match.score, 4),
        "fit": getattr(match, "fit", None),
        "reasons": explanation_json(match, direction)["reasons"],
    }


def _without_rejected(direction: str, source: str, kind: str, items: list[dict]) -> list[dict]:
    """A live list without the pairs the commission rejected (as on every page and export)."""
    field = "studio_id" if kind == "studio" else "code"
    keys = {f"{kind}:{item[field]}": item for item in items}
    hidden = verdicts.for_list(direction, source, keys).hidden
    return [item for key, item in keys.items() if key not in hidden]


def _text_queries(eng: matches.Engine, queries: Sequence[Query]) -> list[Prepared]:
    profiles = [Profile(id=f"query:{q.id}", text=q.text, title=q.title) for q in queries]
    return eng.matcher.prepare(profiles)  # one batched encode for the whole batch


def scenario_codes() -> list[str]:
    """Every scenario code in the catalogue, sorted."""
    return list(db.session.scalars(select(Scenario.code).order_by(Scenario.code)))


def studios_for_texts(queries: Sequence[Query], top: int) -> dict[str, list[dict]]:
    """For each free-text query, the best listed studios."""
    eng = matches.engine()
    pool, rows, _ = _studio_side(eng)
    out = {}
    for q, prepared in zip(queries, _text_queries(eng, queries), strict=True):
        ranked = eng.matcher.rank(prepared, pool, k=top)
        out[q.id] = [_studio_result(m, rows[m.id], "text-studio") for m in ranked]
    return out


def studios_for_scenarios(codes: Sequence[str], top: int) -> dict[str, list[dict]]:
    """For each scenario code, the best listed studios; NotFound names unknown codes."""
    known = set(db.session.scalars(select(Scenario.code).where(Scenario.code.in_(codes))))
    unknown = [c for c in codes if c not in known]
    if unknown:  # before the matcher is built: a typo costs no model load
        raise NotFound(f"No scenario with code {', '.join(unknown)}.")
    eng = matches.engine()
    by_code = {p.id: p for p in eng.matcher.catalogue.items}
    pool, rows, _ = _studio_side(eng)
    return {
        code: _without_rejected(SCENARIO_TO_STUDIO, f"scenario:{code}", "studio", [
            _studio_result(m, rows[m.id], "scenario-studio")
            for m in eng.matcher.rank(by_code[code], pool, k=top)
        ])
        for code in codes
    }  # fmt: skip


def _titles() -> dict[str, str]:
    rows = db.session.execute(select(Scenario.code, Scenario.title))
    return {code: title for code, title in rows}


def scenarios_for_texts(queries: Sequence[Query], top: int) -> dict[str, list[dict]]:
    """For each free-text query, the best scenarios."""
    eng = matches.engine()
    titles = _titles()
    return {
        q.id: [
            _scenario_result(m, titles, "text-scenario")
            for m in eng.matcher.rank(prepared, eng.matcher.catalogue, k=top)
        ]
        for q, prepared in zip(queries, _text_queries(eng, queries), strict=True)
    }


def scenarios_for_studios(refs: Sequence[str], top: int) -> dict[str, list[dict]]:
    """For each studio ref, its best scenarios; NotFound for unknown refs or empty profiles."""
    found = {s.ref: s for s in db.session.scalars(select(Studio).where(Studio.ref.in_(refs)))}
    unknown = [r for r in refs if r not in found]
    if unknown:
        raise NotFound(f"No studio with ref {', '.join(unknown)}.")
    empty = [r for r in refs if not found[r].capability_statement]
    if empty:
        raise NotFound(f"Studio {', '.join(empty)} has no capability statement to match on.")
    eng = matches.engine()
    _, _, prepared = _studio_side(eng)
    titles = _titles()
    return {
        ref: _without_rejected(STUDIO_TO_SCENARIO, f"studio:{found[ref].id}", "scenario", [
            _scenario_result(m, titles, "ref-scenario")
            for m in eng.matcher.rank(prepared[str(found[ref].id)], eng.matcher.catalogue, k=top)
        ])
        for ref in refs
    }  # fmt: skip
