"""The two sides of a proposal (a scenario or a need, and a studio) as reviewers see them."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from marketplace.extensions import db
from marketplace.models import Embedding, Need, Scenario, Studio
from marketplace.models.matching import split_key
from marketplace.policies.needs_policy import public_need_clause


@dataclass(frozen=True)
class Source:
    """What a proposal was made for: a catalogue scenario or a manufacturer's need."""

    key: str
    kind: str
    label: str
    title: str
    industry_code: str | None
    text: str
    endpoint: str | None = None
    endpoint_args: dict[str, Any] | None = None
    fingerprint: str = ""
    deadline: datetime | None = None  # a need's bid deadline (the queue's order of priority)
    title_zh: str | None = None  # a scenario's Chinese title


def _hash(value: Any) -> str:
    blob = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def studio_fingerprint(studio: Studio) -> str:
    """A hash of what the matcher reads of a studio: a change re-opens a rejected pair."""
    return _hash([
        studio.name, studio.capability_statement, studio.industry_codes, studio.discipline_codes,
        [(p.title, p.description) for p in studio.portfolio],
    ])  # fmt: skip


def _scenarios(codes: list[str]) -> dict[str, Source]:
    rows = db.session.scalars(
        select(Scenario).where(Scenario.code.in_(codes)).options(selectinload(Scenario.disciplines))
    )
    return {
        f"scenario:{s.code}": Source(
            key=f"scenario:{s.code}", kind="scenario", label=s.code, title=s.title,
            title_zh=s.title_zh,
            industry_code=s.industry_code,
            text="\n".join([s.title, s.title_zh or "", s.summary or "", s.description or ""]),
            endpoint="catalog.scenario", endpoint_args={"code": s.code},
            fingerprint=_hash([s.title, s.summary, s.description, s.discipline_codes]),
        )
        for s in rows
    }  # fmt: skip


def _needs(ids: list[str]) -> dict[str, Source]:
    """Public needs by id (a suspended manufacturer's are left out), fingerprinted on what the
    matcher reads."""
    wanted = [int(i) for i in ids if i.isdigit()]
    out = {}
    for need in db.session.scalars(
        select(Need).where(Need.id.in_(wanted), public_need_clause())
    ):
        text, title = need.description or "", need.title or f"#{need.id}"
        out[f"need:{need.id}"] = Source(
            key=f"need:{need.id}", kind="need", label=f"#{need.id}", title=title,
            industry_code=need.industry_code, text=f"{title}\n{text}",
            endpoint="needs.detail", endpoint_args={"need_id": need.id},
            fingerprint=_hash([title, text]), deadline=need.bid_deadline,
        )  # fmt: skip
    return out


def load_sources(keys: Iterable[str]) -> dict[str, Source]:
    """Sources by namespaced key; a key whose object is gone is left out."""
    by_kind: dict[str, list[str]] = {}
    for key in set(keys):
        kind, value = split_key(key)
        by_kind.setdefault(kind, []).append(value)
    out: dict[str, Source] = {}
    if by_kind.get("scenario"):
        out.update(_scenarios(by_kind["scenario"]))
    if by_kind.get("need"):
        out.update(_needs(by_kind["need"]))
    for kind, values in by_kind.items():
        if kind in ("scenario", "need"):
            continue
        for key, fp in db.session.execute(  # other kinds: the vectors' content fingerprint
            select(Embedding.key, Embedding.fingerprint).where(
                Embedding.kind == kind, Embedding.key.in_(values)
            )
        ):
            out[f"{kind}:{key}"] = Source(f"{kind}:{key}", kind, key, key, None, "", fingerprint=fp)
    return out


def load_studios(ids: Iterable[int]) -> dict[int, Studio]:
    """Studios with tags and portfolio loaded."""
    query = (
        select(Studio)
        .where(Studio.id.in_(list(set(ids))))
        .options(
            selectinload(Studio.industries),
            selectinload(Studio.disciplines),
            selectinload(Studio.portfolio),
        )
    )
    return {s.id: s for s in db.session.scalars(query)}


def pair_fingerprint(source: Source | None, studio: Studio | None) -> str:
    """Fingerprint of both sides of a pair as they are now."""
    return _hash([
        source.fingerprint if source else "", studio_fingerprint(studio) if studio else "",
    ])[:40]  # fmt: skip
