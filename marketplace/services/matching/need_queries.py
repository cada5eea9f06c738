"""Live need matching for the command line: studios for needs, needs for studios (with fit)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from marketplace.extensions import db
from marketplace.models import Need, Studio
from marketplace.models.matching import NEED_TO_STUDIO, STUDIO_TO_NEED
from marketplace.services.common.service_errors import NotFound
from marketplace.services.matching import matches, need_matches
from marketplace.services.matching.match_reasons import explanation_json
from marketplace.services.reviews import verdicts


def need_refs() -> list[str]:
    """Every need's ref, sorted."""
    return list(db.session.scalars(select(Need.ref).order_by(Need.ref)))


def _needs_by_ref(refs: Sequence[str]) -> dict[str, Need]:
    found = {n.ref: n for n in db.session.scalars(
        select(Need).where(Need.ref.in_(list(refs))).options(selectinload(Need.disciplines)))}
    unknown = [r for r in refs if r not in found]
    if unknown:  # before the matcher is built: a typo costs no model load
        raise NotFound(f"No need with ref {', '.join(unknown)}.")
    return found


def studios_for_needs(refs: Sequence[str], top: int) -> dict[str, list[dict]]:
    """For each need ref, the listed studios that fit it, best first (fewer when fewer fit)."""
    found = _needs_by_ref(refs)
    eng = matches.engine()
    studios = matches.load_studios(eng.encoder)
    prepared = matches.prepare_studios(eng, studios)
    pool = eng.matcher.pool(matches.listed(studios, prepared))
    rows = {str(s.id): s for s in studios.rows}
    needs = [found[r] for r in refs]
    queries = need_matches._prepared_needs(eng, needs)
    out = {}
    for ref, query in zip(refs, queries, strict=True):
        ranked = need_matches.graded(eng.matcher.rank(query, pool, k=top))
        hidden = verdicts.for_list(NEED_TO_STUDIO, f"need:{found[ref].id}",
                                   [f"studio:{m.id}" for m, _f in ranked]).hidden  # fmt: skip
        ranked = [(m, fit) for m, fit in ranked if f"studio:{m.id}" not in hidden]
        out[ref] = [
            {
                "ref": rows[m.id].ref, "studio_id": rows[m.id].id, "name": rows[m.id].name,
                "score": round(m.score, 4), "fit": fit,
                "reasons": explanation_json(m, NEED_TO_STUDIO)["reasons"],
            }
            for m, fit in ranked
        ]  # fmt: skip
    return out


def needs_for_studios(refs: Sequence[str], top: int) -> dict[str, list[dict]]:
    """For each studio ref, the needs open for bids that fit it, best first."""
    found = {s.ref: s for s in db.session.scalars(select(Studio).where(Studio.ref.in_(refs)))}
    unknown = [r for r in refs if r not in found]
    if unknown:
        raise NotFound(f"No studio with ref {', '.join(unknown)}.")
    empty = [r for r in refs if not found[r].capability_statement]
    if empty:
        raise NotFound(f"Studio {', '.join(empty)} has no capability statement to match on.")
    eng = matches.engine()
    studios = matches.load_studios(eng.encoder)
    prepared = dict(zip((str(s.id) for s in studios.rows),
                        matches.prepare_studios(eng, studios), strict=True))  # fmt: skip
    needs = need_matches.open_needs()
    by_id = {str(n.id): n for n in needs}
    pool = eng.matcher.pool(need_matches._prepared_needs(eng, needs) if needs else [])
    out = {}
    for ref in refs:
        ranked = need_matches.graded(eng.matcher.rank(prepared[str(found[ref].id)], pool, k=top))
        hidden = verdicts.for_list(STUDIO_TO_NEED, f"studio:{found[ref].id}",
                                   [f"need:{m.id}" for m, _f in ranked]).hidden  # fmt: skip
        ranked = [(m, fit) for m, fit in ranked if f"need:{m.id}" not in hidden]
        out[ref] = [
            {
                "ref": by_id[m.id].ref, "title": by_id[m.id].title, "score": round(m.score, 4),
                "fit": fit, "reasons": explanation_json(m, STUDIO_TO_NEED)["reasons"],
            }
            for m, fit in ranked
        ]  # fmt: skip
    return out
