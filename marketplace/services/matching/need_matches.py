"""Matching for needs, both ways: 'Studios that fit' a need and 'Needs for you' for a studio.

Same library and stored-row mechanism as scenarios (directions need-studio and studio-need). Only
needs open for bids are matched; a need that closes or goes back to review loses its lists. Each
match carries a fit level ("strong", "good", "possible") when the library grades it, and lists
end where the fit ends (fewer than ten when fewer fit). Run by jobs after NeedsChanged and
StudiosChanged; `flask match refresh` recomputes everything.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from marketplace.database import write_transaction
from marketplace.extensions import db
from marketplace.models import Need, NeedStatus
from marketplace.models._types import utcnow
from marketplace.models.matching import NEED_TO_STUDIO, STUDIO_TO_NEED
from marketplace.policies.needs_policy import open_need_clause
from marketplace.policies.studios_policy import public_studio_clause
from marketplace.services.matching import matches, store
from marketplace.services.matching.encoding import encoder
from marketplace.services.matching.match_reasons import explanation_json
from matching.fit import fit_level
from matching.lexical_tags import LexicalTagger, TaggedText
from matching.types import Profile

log = logging.getLogger(__name__)

STORED_TOP = 10
KIND = "need"


def fit_of(match: Any) -> str | None:
    """A match's fit level: the library's own, else graded from its raw parts."""
    level = getattr(match, "fit", None)
    return level if level is not None else fit_level(match.raw)


def graded(found: Sequence[Any]) -> list[tuple[Any, str | None]]:
    """Matches with their fit, without those that do not fit, in the ranking's own order (the
    learned ranking decides the order; a fit level is a label and a filter, never a re-sort)."""
    levels = [fit_of(m) for m in found]
    return [(m, level) for m, level in zip(found, levels, strict=True) if level is not None]


def need_profile(need: Need) -> Profile:
    """A need as the matcher sees it: title, description, its industry and disciplines."""
    return Profile(
        id=str(need.id), title=need.title, text=need.description,
        industries=(need.industry_code,) if need.industry_code else (),
        disciplines=tuple(need.discipline_codes),
    )  # fmt: skip


def open_needs() -> list[Need]:
    """Needs open for bids: published, deadline ahead."""
    return list(db.session.scalars(
        select(Need).where(open_need_clause(utcnow()))
        .options(selectinload(Need.disciplines)).order_by(Need.id)
    ))  # fmt: skip


def _entries(found, direction: str) -> list[tuple[str, float, dict]]:
    out = []
    for m, fit in graded(found):
        explanation = explanation_json(m, direction)
        explanation["fit"] = fit
        out.append((m.id, m.score, explanation))
    return out


def _prepared_needs(eng: matches.Engine, needs: list[Need]):
    profiles = [need_profile(n) for n in needs]
    stored = store.load_vectors([KIND], eng.encoder.name, eng.encoder.dim)
    vectors, _ = matches._encode_chunked(eng.encoder, profiles, stored, KIND, matches._noop)
    return eng.matcher.prepare(profiles, vectors=[vectors[p.id] for p in profiles])


def refresh_all(studios: matches.Studios | None = None) -> tuple[int, int]:
    """Recompute every open need's studios and every studio's needs; returns (lists, lists).
    `studios`: already loaded by the caller (one event loads every studio once)."""
    needs = open_needs()
    studios = studios or matches.load_studios(encoder())
    eng = matches.engine(studios=studios)
    prepared_studios = matches.prepare_studios(eng, studios)
    listed = matches.listed(studios, prepared_studios)
    prepared_needs = _prepared_needs(eng, needs) if needs else []
    studio_pool = eng.matcher.pool(listed)
    need_pool = eng.matcher.pool(prepared_needs)
    by_need = {
        q.id: _entries(eng.matcher.rank(q, studio_pool, k=STORED_TOP), NEED_TO_STUDIO)
        for q in prepared_needs
    }
    by_studio = {
        q.id: _entries(eng.matcher.rank(q, need_pool, k=STORED_TOP), STUDIO_TO_NEED)
        for q in prepared_studios
    }
    with write_transaction() as session:
        store.upsert_lists(session, NEED_TO_STUDIO, by_need, model=eng.encoder.name,
                           replace_all=True)  # fmt: skip
        store.upsert_lists(session, STUDIO_TO_NEED, by_studio, model=eng.encoder.name,
                           replace_all=True)  # fmt: skip
    log.info("need matching: %d needs, %d studios", len(by_need), len(by_studio))
    return len(by_need), len(by_studio)


def on_needs_changed(events: Sequence[Any]) -> None:
    """Needs changed (published, edited, closed, imported): recompute the need lists."""
    if any(e.ids for e in events):
        refresh_if_any()


def refresh_if_any(studios: matches.Studios | None = None) -> None:
    """Recompute the need lists, unless no need was ever submitted or no studio is matchable."""
    if not open_needs() and not db.session.scalar(
        select(Need.id).where(Need.status != NeedStatus.DRAFT).limit(1)
    ):
        return  # no need was ever submitted: nothing to match, stay fast
    if not store.matchable_studios():
        return
    refresh_all(studios)


SUGGEST_MAX_CHARS = 6_000  # a need's title and description fit; anything beyond is not read


def _lexical_tagger() -> LexicalTagger:
    """The catalogue's lexical tagger, built once per app (83 scenarios: milliseconds)."""
    from marketplace.models import Discipline, Industry, Scenario

    cached = current_app.extensions.get("lexical_tagger")
    if cached is None:
        examples = [
            TaggedText(" ".join((s.title, s.title_zh, s.summary, s.summary_zh, s.description,
                                 s.description_zh)),
                       industries=(s.industry_code,),
                       disciplines=tuple(d.code for d in s.disciplines))
            for s in db.session.scalars(select(Scenario))
        ] + [
            TaggedText(f"{d.name} {d.name_zh}", disciplines=(d.code,))
            for d in db.session.scalars(select(Discipline))
        ] + [
            TaggedText(f"{i.name} {i.name_zh} {i.trend} {i.trend_zh}", industries=(i.code,))
            for i in db.session.scalars(select(Industry))
        ]  # fmt: skip
        cached = current_app.extensions["lexical_tagger"] = LexicalTagger(examples)
    return cached


SUGGEST_MIN_SCORE = 0.02  # TF-IDF cosine: a one-line brief scores 0.03-0.05 on its real tags


def suggest_tags(title: str, description: str) -> dict[str, list[tuple[str, float]]]:
    """Predicted industries and disciplines of a need's text, by the lexical tagger: never the
    embedding model in a web request, and never more than SUGGEST_MAX_CHARS characters read."""
    text = f"{title}\n{description}"[:SUGGEST_MAX_CHARS]
    return _lexical_tagger().suggest(text, min_score=SUGGEST_MIN_SCORE)


def _current_rows(direction: str, source: str):
    from marketplace.models import MatchRow

    return list(db.session.scalars(
        select(MatchRow).where(
            MatchRow.direction == direction, MatchRow.source_key == source,
            MatchRow.retired_at.is_(None),
        ).order_by(MatchRow.rank)
    ))


def studios_for_need(need: Need, limit: int = STORED_TOP):
    """The stored 'Studios that fit' of a need: listed studios, best first, with fit levels."""
    from marketplace.models import Studio
    from marketplace.models.matching import match_key
    from marketplace.services.matching.recommendations import Fit, Panel, screened

    source = match_key("need", need.id)
    rows, approved = screened(NEED_TO_STUDIO, source, _current_rows(NEED_TO_STUDIO, source))
    ids = [int(r.target_value) for r in rows if r.target_value.isdigit()]
    studios = {s.id: s for s in db.session.scalars(
        select(Studio).where(Studio.id.in_(ids), public_studio_clause()))}  # fmt: skip
    shown = [r for r in rows if r.target_value.isdigit() and int(r.target_value) in studios]
    fits = [
        Fit(
            rank, r.score, studios[int(r.target_value)], r.explanation, fit=r.fit,
            row_id=r.id, direction=r.direction, approved=r.target_key in approved,
        )
        for rank, r in enumerate(shown[:limit], start=1)
    ]
    return Panel(fits, rows[0].computed_at if rows else None)


def needs_for_studio(studio_id: int, limit: int = STORED_TOP):
    """The stored 'Needs for you' of a studio: needs still open for bids, best first."""
    from marketplace.models.matching import match_key
    from marketplace.services.matching.recommendations import Fit, Panel, screened

    source = match_key("studio", studio_id)
    rows, approved = screened(STUDIO_TO_NEED, source, _current_rows(STUDIO_TO_NEED, source))
    ids = [int(r.target_value) for r in rows if r.target_value.isdigit()]
    needs = {n.id: n for n in db.session.scalars(
        select(Need).where(Need.id.in_(ids), open_need_clause(utcnow())))}  # fmt: skip
    shown = [r for r in rows if r.target_value.isdigit() and int(r.target_value) in needs]
    fits = [
        Fit(
            rank, r.score, needs[int(r.target_value)], r.explanation, fit=r.fit,
            row_id=r.id, direction=r.direction, approved=r.target_key in approved,
        )
        for rank, r in enumerate(shown[:limit], start=1)
    ]
    return Panel(fits, rows[0].computed_at if rows else None)
