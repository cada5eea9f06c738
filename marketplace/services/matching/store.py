"""Matching's database side: profiles from the catalogue and studios, stored vectors, stored lists.

Plain reads and session writes; the callers in services/matches.py own the transactions.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from marketplace.extensions import db
from marketplace.models import Discipline, Embedding, Industry, MatchRow, Scenario, Studio
from marketplace.models._types import utcnow
from marketplace.models.matching import (
    DIRECTION_KINDS,
    SCENARIO_TO_STUDIO,
    STUDIO_TO_SCENARIO,
    match_key,
)
from matching.store import ProfileVectors
from matching.types import Profile

log = logging.getLogger(__name__)


def catalogue_docs() -> dict[str, list[dict[str, Any]]]:
    """Scenarios, industries and disciplines as the plain dicts Matcher.from_catalog reads."""
    scenarios = db.session.scalars(
        select(Scenario).options(selectinload(Scenario.disciplines)).order_by(Scenario.code)
    )
    industries = db.session.scalars(select(Industry).order_by(Industry.position))
    disciplines = db.session.scalars(select(Discipline).order_by(Discipline.position))
    return {
        "scenarios": [
            {
                "code": s.code, "industry": s.industry_code, "disciplines": s.discipline_codes,
                "title": s.title, "title_zh": s.title_zh, "summary": s.summary,
                "description": s.description, "deliverables": list(s.deliverables or []),
                "summary_zh": s.summary_zh, "description_zh": s.description_zh,
            }
            for s in scenarios
        ],
        "industries": [
            {"code": i.code, "name": i.name, "name_zh": i.name_zh, "trend": i.trend}
            for i in industries
        ],
        "disciplines": [
            {"code": d.code, "name": d.name, "name_zh": d.name_zh} for d in disciplines
        ],
    }  # fmt: skip


def signature(docs: Mapping[str, Any], model: str) -> str:
    """A hash of the catalogue content and the model: a new one means a new Matcher."""
    blob = json.dumps([docs, model], sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def studio_profile(studio: Studio) -> Profile:
    """A studio as the matcher sees it: name, statement, portfolio items and its ticked tags."""
    return Profile(
        id=str(studio.id),
        title=studio.name,
        text=studio.capability_statement or "",
        industries=tuple(studio.industry_codes),
        disciplines=tuple(studio.discipline_codes),
        extra_texts=tuple(
            f"{p.title}: {p.description}".strip() for p in studio.portfolio if p.title
        ),
        keywords=(studio.name_zh,) if studio.name_zh else (),
    )


def matchable_studios(ids: Iterable[int] | None = None) -> list[Studio]:
    """Studios with a capability statement (all, or those of ids), tags and portfolio loaded."""
    query = (
        select(Studio)
        .where(Studio.capability_statement != "")
        .options(
            selectinload(Studio.industries),
            selectinload(Studio.disciplines),
            selectinload(Studio.portfolio),
        )
        .order_by(Studio.id)
    )
    if ids is not None:
        query = query.where(Studio.id.in_(list(ids)))
    return list(db.session.scalars(query))


def kind_of(key: str, default: str) -> str:
    """'catalogue' for the tagger's industry:/discipline: pseudo-profiles, else the default."""
    return "catalogue" if ":" in key else default


def load_vectors(kinds: Sequence[str], model: str, dim: int) -> dict[str, ProfileVectors]:
    """Stored vectors made by `model`, keyed by profile id (other models' rows are ignored)."""
    rows = db.session.execute(
        select(Embedding.key, Embedding.fingerprint, Embedding.vectors).where(
            Embedding.kind.in_(kinds), Embedding.model == model
        )
    )
    out = {}
    for key, fp, blob in rows:
        try:
            out[key] = ProfileVectors.from_bytes(blob, fingerprint=fp, model=model, dim=dim)
        except ValueError:
            log.warning("stored vectors for %s are malformed; they will be re-encoded", key)
    return out


def save_vectors(
    session: Session, kind: str, vectors: Mapping[str, ProfileVectors], tags=None
) -> None:
    """Insert or update the embedding rows of these profiles (and their predicted tags)."""
    if not vectors:
        return
    existing = {
        (e.kind, e.key): e
        for e in session.scalars(select(Embedding).where(Embedding.key.in_(list(vectors))))
    }
    for key, vec in vectors.items():
        row_kind = kind_of(key, kind)
        row = existing.get((row_kind, key))
        if row is None:
            row = Embedding(kind=row_kind, key=key)
            session.add(row)
        row.fingerprint, row.model, row.vectors = vec.fingerprint, vec.model, vec.to_bytes()
        row.updated_at = utcnow()
        if tags is not None and key in tags:
            row.predicted_tags = tags[key]


def save_predicted_tags(session: Session, tags: Mapping[str, dict]) -> None:
    """Store each studio's predicted tags (shown as suggestions on its profile form)."""
    for row in session.scalars(
        select(Embedding).where(Embedding.kind == "studio", Embedding.key.in_(list(tags)))
    ):
        if row.predicted_tags != tags[row.key]:
            row.predicted_tags = tags[row.key]


def active_weights() -> tuple[str, dict[str, float]]:
    """The fusion weights in force and their version: the latest adopted by `match learn`
    (recorded in weights_versions), else the library's defaults under a content-hash name."""
    from marketplace.models.match_review import WeightsVersion
    from matching import fusion

    latest = db.session.scalar(select(WeightsVersion).order_by(WeightsVersion.id.desc()).limit(1))
    if latest is not None:
        return latest.version, {k: float(v) for k, v in latest.weights.items()}
    explicit = getattr(fusion, "WEIGHTS_VERSION", None)
    if explicit:
        return str(explicit), dict(fusion.WEIGHTS)
    blob = json.dumps(fusion.WEIGHTS, sort_keys=True).encode("utf-8")
    return "w-" + hashlib.sha256(blob).hexdigest()[:10], dict(fusion.WEIGHTS)


def weights_version() -> str:
    """The name of the fusion weights in force (recorded on every match row)."""
    return active_weights()[0]


def upsert_lists(
    session: Session,
    direction: str,
    lists: Mapping[str, list[tuple[str, float, dict]]],
    *,
    model: str,
    replace_all: bool = False,
) -> int:
    """Bring these sources' match rows to the given lists by diff: update pairs in place, add new
    ones, retire dropped ones (kept with retired_at). With replace_all, sources absent from
    `lists` are retired too. Keys in `lists` are bare ids; rows store namespaced keys."""
    source_kind, target_kind = DIRECTION_KINDS[direction]
    wanted = {match_key(source_kind, s): items for s, items in lists.items()}
    query = select(MatchRow).where(MatchRow.direction == direction)
    if not replace_all:
        query = query.where(MatchRow.source_key.in_(list(wanted)))
    existing: dict[tuple[str, str], MatchRow] = {
        (r.source_key, r.target_key): r for r in session.scalars(query)
    }
    now, version, written = utcnow(), weights_version(), 0
    seen: set[tuple[str, str]] = set()
    for source, items in wanted.items():
        for rank, (target, score, explanation) in enumerate(items, start=1):
            pair = (source, match_key(target_kind, target))
            seen.add(pair)
            row = existing.get(pair)
            if row is None:
                row = MatchRow(direction=direction, source_key=pair[0], target_key=pair[1])
                session.add(row)
            row.rank, row.score, row.explanation = rank, round(float(score), 4), explanation
            row.parts = dict(explanation.get("parts", {}))
            row.fit = explanation.get("fit")
            row.model, row.weights_version = model, version
            row.computed_at, row.retired_at = now, None
            written += 1
    for pair, row in existing.items():
        if pair not in seen and row.retired_at is None:
            row.retired_at, row.rank, row.computed_at = now, None, now
    return written


def forget_studios(session: Session, keys: Sequence[str]) -> None:
    """Delete a removed studio's vectors; retire its own list (scenario lists are recomputed)."""
    session.execute(delete(Embedding).where(Embedding.kind == "studio", Embedding.key.in_(keys)))
    now = utcnow()
    for row in session.scalars(
        select(MatchRow).where(
            MatchRow.source_key.in_([match_key("studio", k) for k in keys]),
            MatchRow.retired_at.is_(None),
        )
    ):
        row.retired_at, row.rank = now, None


def lists_missing(scenario_codes: Sequence[str], studio_keys: Sequence[str]) -> bool:
    """True when one of these scenarios or studios has never had a list computed."""
    have = set(
        db.session.execute(select(MatchRow.direction, MatchRow.source_key).distinct())
    )
    return any(
        (SCENARIO_TO_STUDIO, match_key("scenario", c)) not in have for c in scenario_codes
    ) or any((STUDIO_TO_SCENARIO, match_key("studio", k)) not in have for k in studio_keys)
