"""Exposure audit: how often each studio was proposed, approved and invited; concentration."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select

from marketplace.extensions import db
from marketplace.models import Invitation, MatchDecision, MatchRow, Studio
from marketplace.models.match_review import APPROVED
from marketplace.models.matching import split_key
from marketplace.policies.studios_policy import public_studio_clause
from marketplace.services.reviews.proposals import PROPOSAL_DIRECTIONS, PROPOSAL_FITS

NEWCOMER_DAYS = 365


def gini(values: Sequence[float]) -> float:
    """Gini coefficient of non-negative counts: 0 = spread evenly, towards 1 = one takes all."""
    xs = sorted(float(v) for v in values)
    n, total = len(xs), sum(xs)
    if n == 0 or total == 0:
        return 0.0
    weighted = sum(i * x for i, x in enumerate(xs, start=1))
    return 2 * weighted / (n * total) - (n + 1) / n


def top_share(values: Sequence[float], fraction: float = 0.10) -> float:
    """Share of the total held by the top `fraction` of studios (at least one studio)."""
    xs = sorted((float(v) for v in values), reverse=True)
    total = sum(xs)
    if not xs or total == 0:
        return 0.0
    k = max(1, math.ceil(len(xs) * fraction))
    return sum(xs[:k]) / total


@dataclass
class StudioExposure:
    """One studio's exposure over the period."""

    studio_id: int
    name: str
    district: str | None
    newcomer: bool
    proposed: int = 0
    approved: int = 0
    invited: int = 0


@dataclass
class Group:
    """Exposure summed over a district or a cohort."""

    label: str
    studios: int = 0
    proposed: int = 0
    approved: int = 0
    invited: int = 0


@dataclass
class Report:
    """The exposure page: per studio, per group, and concentration figures."""

    since: datetime
    until: datetime
    studios: list[StudioExposure] = field(default_factory=list)
    districts: list[Group] = field(default_factory=list)
    cohorts: list[Group] = field(default_factory=list)
    gini_proposed: float = 0.0
    top10_proposed: float = 0.0
    gini_approved: float = 0.0
    top10_approved: float = 0.0


def invitation_counts(since: datetime, until: datetime) -> dict[int, int]:
    """Invitations to bid per studio made between since and until (UTC)."""
    return dict(db.session.execute(
        select(Invitation.studio_id, func.count(Invitation.id))
        .where(Invitation.created_at >= since, Invitation.created_at < until)
        .group_by(Invitation.studio_id)
    ).all())  # fmt: skip


def _studio_id(key: str) -> int | None:
    kind, value = split_key(key)
    return int(value) if kind == "studio" and value.isdigit() else None


def _group(label: str, members: list[StudioExposure]) -> Group:
    return Group(label, len(members), sum(m.proposed for m in members),
                 sum(m.approved for m in members), sum(m.invited for m in members))  # fmt: skip


def report(since: datetime, until: datetime) -> Report:
    """Exposure of every public studio between since and until (UTC)."""
    studios = list(db.session.scalars(
        select(Studio).where(public_studio_clause()).order_by(Studio.name)))
    proposed: Counter = Counter()
    for (target,) in db.session.execute(select(MatchRow.target_key).where(
        MatchRow.direction.in_(PROPOSAL_DIRECTIONS), MatchRow.fit.in_(PROPOSAL_FITS),
        MatchRow.created_at < until,
        or_(MatchRow.retired_at.is_(None), MatchRow.retired_at >= since),
    )):  # fmt: skip
        proposed[_studio_id(target)] += 1
    approved: Counter = Counter()
    for (target,) in db.session.execute(select(MatchDecision.target_key).where(
        MatchDecision.decision == APPROVED, MatchDecision.decided_at >= since,
        MatchDecision.decided_at < until,
    )):  # fmt: skip
        approved[_studio_id(target)] += 1
    invited = invitation_counts(since, until)
    cutoff = until - timedelta(days=NEWCOMER_DAYS)
    rows = [StudioExposure(s.id, s.name, s.district, s.created_at >= cutoff, proposed[s.id],
                           approved[s.id], invited.get(s.id, 0)) for s in studios]  # fmt: skip
    by_district: dict[str, list[StudioExposure]] = {}
    for r in rows:
        by_district.setdefault(r.district or "", []).append(r)
    out = Report(since, until, sorted(rows, key=lambda r: (-r.proposed, -r.approved, r.name)))
    out.districts = [_group(d, m) for d, m in sorted(by_district.items())]
    out.cohorts = [_group("newcomer", [r for r in rows if r.newcomer]),
                   _group("established", [r for r in rows if not r.newcomer])]  # fmt: skip
    out.gini_proposed = gini([r.proposed for r in rows])
    out.top10_proposed = top_share([r.proposed for r in rows])
    out.gini_approved = gini([r.approved for r in rows])
    out.top10_approved = top_share([r.approved for r in rows])
    return out
