"""The review queue: current match rows at a proposal fit level that nobody has decided on."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from marketplace.extensions import db
from marketplace.models import MatchDecision, MatchRow, Studio
from marketplace.models.match_review import APPROVED, REJECTED
from marketplace.models.matching import NEED_TO_STUDIO, SCENARIO_TO_STUDIO, split_key
from marketplace.policies.studios_policy import studio_is_public
from marketplace.services.reviews.sources import (
    Source,
    load_sources,
    load_studios,
    pair_fingerprint,
)
from marketplace.services.reviews.wording import Point, explain_for_reviewer

PROPOSAL_FITS = ("strong", "good")
PROPOSAL_DIRECTIONS = (SCENARIO_TO_STUDIO, NEED_TO_STUDIO)
PAGE = 50

Pair = tuple[str, str, str]  # (direction, source_key, target_key)


@dataclass(frozen=True)
class QueueFilter:
    """What the queue narrows by; every field optional."""

    industry: str | None = None
    source: str | None = None
    fit: str | None = None
    verified: bool | None = None
    since: datetime | None = None


@dataclass
class Proposal:
    """One proposal as the reviewer sees it."""

    row: MatchRow
    source: Source
    studio: Studio
    fingerprint: str
    token: str
    points: list[Point] = field(default_factory=list)
    runner_ups: list[tuple[int | None, str]] = field(default_factory=list)


def latest_decisions(pairs: Iterable[Pair] | None = None) -> dict[Pair, MatchDecision]:
    """The most recent decision on each pair (all pairs, or those given)."""
    query = select(MatchDecision).order_by(MatchDecision.decided_at, MatchDecision.id)
    wanted = set(pairs) if pairs is not None else None
    if wanted is not None:
        if not wanted:
            return {}
        query = query.where(MatchDecision.source_key.in_({p[1] for p in wanted}))
    out: dict[Pair, MatchDecision] = {}
    for d in db.session.scalars(query):
        pair = (d.direction, d.source_key, d.target_key)
        if wanted is None or pair in wanted:
            out[pair] = d
    return out


def is_settled(decision: MatchDecision | None, fingerprint: str) -> bool:
    """Approved pairs stay approved; a rejection stands until either side's content changes."""
    if decision is None:
        return False
    return decision.decision == APPROVED or (
        decision.decision == REJECTED and decision.fingerprint == fingerprint
    )


def proposal_token(row: MatchRow, fingerprint: str, decision: MatchDecision | None) -> str:
    """What the reviewer looked at; a decision with another token is refused as stale."""
    blob = "|".join(map(str, (
        row.id, row.score, row.rank, row.fit, row.model, row.weights_version, row.retired_at,
        fingerprint, decision.id if decision else 0,
    ))).encode("utf-8")  # fmt: skip
    return hashlib.sha256(blob).hexdigest()[:24]


def _candidate_rows(filters: QueueFilter) -> list[MatchRow]:
    query = select(MatchRow).where(
        MatchRow.direction.in_(PROPOSAL_DIRECTIONS),
        MatchRow.retired_at.is_(None),
        MatchRow.fit.in_([filters.fit] if filters.fit else PROPOSAL_FITS),
    )
    if filters.source:
        query = query.where(MatchRow.source_key == filters.source)
    if filters.since:
        query = query.where(MatchRow.created_at >= filters.since)
    return list(db.session.scalars(query.order_by(MatchRow.source_key, MatchRow.rank)))


def _lists(rows: list[MatchRow]) -> dict[tuple[str, str], list[MatchRow]]:
    """Each involved source's whole current list (runner-ups included), by rank."""
    keys = {r.source_key for r in rows}
    lists: dict[tuple[str, str], list[MatchRow]] = defaultdict(list)
    if not keys:
        return lists
    for r in db.session.scalars(
        select(MatchRow)
        .where(MatchRow.source_key.in_(keys), MatchRow.retired_at.is_(None))
        .where(MatchRow.direction.in_(PROPOSAL_DIRECTIONS))
        .order_by(MatchRow.rank)
    ):
        lists[(r.direction, r.source_key)].append(r)
    return lists


def _studio_id(row: MatchRow) -> int | None:
    kind, value = split_key(row.target_key)
    return int(value) if kind == "studio" and value.isdigit() else None


def _studio_text(studio: Studio) -> str:
    return "\n".join([studio.capability_statement or "",
                      *(f"{p.title} {p.description}" for p in studio.portfolio)])  # fmt: skip


def build(
    rows: list[MatchRow], *, settled_too: bool = False, explain: bool = True
) -> list[Proposal]:
    """Proposals for these rows (public studios and known sources only), explained."""
    sources = load_sources(r.source_key for r in rows)
    lists = _lists(rows)
    ids = {_studio_id(r) for rows_ in lists.values() for r in rows_} | {_studio_id(r) for r in rows}
    studios = load_studios(i for i in ids if i is not None)
    decisions = latest_decisions((r.direction, r.source_key, r.target_key) for r in rows)
    out = []
    for row in rows:
        source, studio = sources.get(row.source_key), studios.get(_studio_id(row) or -1)
        if source is None or studio is None or not studio_is_public(studio):
            continue
        fingerprint = pair_fingerprint(source, studio)
        decision = decisions.get((row.direction, row.source_key, row.target_key))
        if not settled_too and is_settled(decision, fingerprint):
            continue
        same_list = lists.get((row.direction, row.source_key), [row])
        names = {r.id: studios[_studio_id(r)].name for r in same_list if _studio_id(r) in studios}
        at = next((i for i, r in enumerate(same_list) if r.id == row.id), 0)
        prev_row = same_list[at - 1] if at > 0 else None
        next_row = same_list[at + 1] if at + 1 < len(same_list) else None
        points = [] if not explain else explain_for_reviewer(
            row.explanation or {}, rank=row.rank, score=row.score, listed=len(same_list),
            source_text=source.text, studio_text=_studio_text(studio),
            next_name=names.get(next_row.id) if next_row else None,
            next_score=next_row.score if next_row else None,
            prev_name=names.get(prev_row.id) if prev_row else None,
            prev_score=prev_row.score if prev_row else None,
        )  # fmt: skip
        runner_ups = [(r.rank, names.get(r.id, "?")) for r in same_list[at + 1 : at + 4]]
        token = proposal_token(row, fingerprint, decision)
        out.append(Proposal(row, source, studio, fingerprint, token, points, runner_ups))
    return out


@dataclass
class QueuePage:
    """The queue as staff open it: proposals in priority order, how many wait, how many wait
    per industry, and every strong proposal of each source (for "approve every strong one")."""

    proposals: list[Proposal]
    total: int
    by_industry: dict[str | None, int]
    strong: dict[str, list[Proposal]]


def _approved_per_source() -> Counter:
    out: Counter = Counter()
    for (_direction, source, _target), d in latest_decisions().items():
        if d.decision == APPROVED:
            out[source] += 1
    return out


def priority(proposals: list[Proposal]) -> list[Proposal]:
    """Proposals for published needs first, nearest deadline first; then scenarios with the
    fewest approved studios; within one source, strong before good, then by rank."""
    approved = _approved_per_source()
    far = datetime.max

    def key(p: Proposal):
        need = p.source.kind == "need"
        return (not need, (p.source.deadline or far) if need else far, approved[p.source.key],
                p.source.key, p.row.fit != "strong", p.row.rank or 0)  # fmt: skip

    return sorted(proposals, key=key)


def queue_page(filters: QueueFilter, limit: int = PAGE, explain: bool = True) -> QueuePage:
    """Undecided proposals matching the filters in priority order, with the page's figures."""
    proposals = build(_candidate_rows(filters), explain=False)
    if filters.industry:
        proposals = [p for p in proposals if p.source.industry_code == filters.industry]
    if filters.verified is not None:
        proposals = [p for p in proposals if p.studio.is_verified == filters.verified]
    proposals = priority(proposals)
    by_industry = Counter(p.source.industry_code for p in proposals)
    strong: dict[str, list[Proposal]] = defaultdict(list)
    for p in proposals:
        if p.row.fit == "strong":
            strong[p.source.key].append(p)
    shown = proposals[:limit]
    if explain and shown:  # explain only the page shown (it reads texts and segments Chinese)
        explained = {p.row.id: p for p in build([p.row for p in shown])}
        shown = [explained.get(p.row.id, p) for p in shown]
    return QueuePage(shown, len(proposals), dict(by_industry), dict(strong))


def queue(
    filters: QueueFilter, limit: int = PAGE, explain: bool = True
) -> tuple[list[Proposal], int]:
    """Undecided proposals matching the filters (in priority order), and their count."""
    page = queue_page(filters, limit, explain)
    return page.proposals, page.total


def queue_count() -> int:
    """How many proposals wait for a decision (the staff dashboard's figure)."""
    return queue(QueueFilter(), limit=0, explain=False)[1]
