"""Figures an operator watches, read from the database and the queue at scrape time."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import func, select

from marketplace import heartbeat, jobs
from marketplace.extensions import db
from marketplace.models import MatchRow, OutboxEntry
from marketplace.services.ops.readiness import heartbeat_age

_HANDLER = re.compile(r"^([\w.]+): ")


@dataclass
class Figures:
    """One reading of every operational figure (None: not known, e.g. no consumer ever beat)."""

    queue_depth: int
    scheduled_jobs: int
    outbox_pending: int
    outbox_oldest_age: float  # seconds; 0 when nothing is pending
    outbox_given_up: int
    failing_by_handler: dict[str, int] = field(default_factory=dict)
    heartbeat_age: float | None = None
    last_drain_at: float | None = None  # unix time of the last finished drain
    match_lists: dict[str, int] = field(default_factory=dict)
    match_oldest_age: dict[str, float] = field(default_factory=dict)


def _age(moment: datetime | None, now: float) -> float:
    if moment is None:
        return 0.0
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, now - moment.timestamp())


def _outbox(now: float) -> tuple[int, float, int, dict[str, int]]:
    open_rows = (OutboxEntry.done_at.is_(None), OutboxEntry.failed_at.is_(None))
    pending, oldest = db.session.execute(
        select(func.count(OutboxEntry.id), func.min(OutboxEntry.created_at)).where(*open_rows)
    ).one()
    given_up = db.session.scalar(
        select(func.count(OutboxEntry.id)).where(OutboxEntry.failed_at.is_not(None))
    )
    failing: dict[str, int] = {}
    errors = db.session.scalars(
        select(OutboxEntry.last_error).where(*open_rows, OutboxEntry.attempts > 0)
    )
    for error in errors:
        found = _HANDLER.match(error or "")
        handler = found.group(1) if found else "unknown"
        failing[handler] = failing.get(handler, 0) + 1
    return int(pending), _age(oldest, now), int(given_up or 0), failing


def _match_lists(now: float) -> tuple[dict[str, int], dict[str, float]]:
    latest = (
        select(
            MatchRow.direction,
            MatchRow.source_key,
            func.max(MatchRow.computed_at).label("computed_at"),
        )
        .group_by(MatchRow.direction, MatchRow.source_key)
        .subquery()
    )
    counts: dict[str, int] = {}
    oldest: dict[str, float] = {}
    rows = db.session.execute(
        select(latest.c.direction, func.count(), func.min(latest.c.computed_at)).group_by(
            latest.c.direction
        )
    )
    for direction, count, computed_at in rows:
        counts[direction] = int(count)
        oldest[direction] = _age(computed_at, now)
    return counts, oldest


def read() -> Figures:
    """Read every figure now."""
    now = time.time()
    pending, oldest, given_up, failing = _outbox(now)
    lists, list_ages = _match_lists(now)
    last_drain = heartbeat.last_drain(jobs.huey)
    return Figures(
        queue_depth=jobs.huey.pending_count(),
        scheduled_jobs=jobs.huey.scheduled_count(),
        outbox_pending=pending,
        outbox_oldest_age=oldest,
        outbox_given_up=given_up,
        failing_by_handler=failing,
        heartbeat_age=None if jobs.huey.immediate else heartbeat_age(),
        last_drain_at=None if last_drain is None else float(last_drain["at"]),
        match_lists=lists,
        match_oldest_age=list_ages,
    )
