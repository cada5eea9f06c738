"""Per-process cache of the catalogue, which changes only on import.

Pages read industries, disciplines and the 83 scenarios from a snapshot of detached, fully loaded
ORM objects instead of querying them on every request. The snapshot is rebuilt at once in the
process that imports (the import calls invalidate()), and other processes (gunicorn workers, a CLI
import) are noticed by a one-row fingerprint query run at most every CATALOGUE_CHECK_SECONDS.
Treat the objects as read-only: never add them to a session or change them.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from dataclasses import dataclass, field

from flask import current_app, has_app_context
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from marketplace.extensions import db
from marketplace.models import Discipline, Industry, Scenario, Studio
from marketplace.services.common import list_page

log = logging.getLogger(__name__)
_generations = itertools.count(1)

EXTENSION_KEY = "marketplace.catalogue_cache"
DEFAULT_CHECK_SECONDS = 2.0  # 0 in tests: every request compares the fingerprint


def _fingerprint_query():
    return select(
        func.count(Scenario.id),
        func.max(Scenario.updated_at),
        select(func.count(Industry.code)).scalar_subquery(),
        select(func.count(Discipline.code)).scalar_subquery(),
    )


@dataclass(frozen=True)
class Snapshot:
    """The whole catalogue as read in one transaction."""

    fingerprint: tuple
    generation: int  # a new number for every load in this process
    industries: tuple[Industry, ...]
    disciplines: tuple[Discipline, ...]
    scenarios: tuple[Scenario, ...]  # in catalogue order: industry position, then code
    counts: dict[str, int] = field(default_factory=dict)  # scenarios per industry code
    by_code: dict[str, Scenario] = field(default_factory=dict)


@dataclass
class _Cache:
    snapshot: Snapshot | None = None
    checked_at: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


def _load() -> Snapshot:
    """Read everything in one transaction of a private session, then detach it."""
    with Session(db.engine) as session:
        fingerprint = tuple(session.execute(_fingerprint_query()).one())
        industries = tuple(session.scalars(select(Industry).order_by(Industry.position)))
        disciplines = tuple(session.scalars(select(Discipline).order_by(Discipline.position)))
        scenarios = tuple(
            session.scalars(
                select(Scenario)
                .join(Scenario.industry)
                .options(selectinload(Scenario.disciplines), selectinload(Scenario.industry))
                .order_by(Industry.position, Scenario.code)
            )
        )
    # Leaving the block closes the session: objects are detached with their state loaded
    # (close() does not expire them, unlike rollback() or commit()).
    counts: dict[str, int] = {}
    for scenario in scenarios:
        counts[scenario.industry_code] = counts.get(scenario.industry_code, 0) + 1
    log.debug("catalogue snapshot loaded: %d scenarios", len(scenarios))
    by_code = {s.code: s for s in scenarios}
    return Snapshot(
        fingerprint, next(_generations), industries, disciplines, scenarios, counts, by_code
    )


def snapshot() -> Snapshot:
    """The current catalogue snapshot, rebuilt when the database's fingerprint has moved."""
    cache: _Cache = current_app.extensions.setdefault(EXTENSION_KEY, _Cache())
    interval = float(
        current_app.config.get(
            "CATALOGUE_CHECK_SECONDS", 0.0 if current_app.testing else DEFAULT_CHECK_SECONDS
        )
    )
    now = time.monotonic()
    current = cache.snapshot
    if current is not None and now - cache.checked_at < interval:
        return current
    if current is not None:
        fingerprint = tuple(db.session.execute(_fingerprint_query()).one())
        if fingerprint == current.fingerprint:
            cache.checked_at = now
            return current
    with cache.lock:
        if cache.snapshot is current:  # nobody rebuilt it while we waited
            cache.snapshot = _load()
            cache.checked_at = time.monotonic()
        return cache.snapshot


def invalidate() -> None:
    """Drop this app's snapshot; the next read rebuilds it."""
    if has_app_context():
        cache = current_app.extensions.get(EXTENSION_KEY)
        if cache is not None:
            cache.snapshot = None


def scenario_page(
    industry: str | None, discipline: str | None, page: int, per_page: int
) -> list_page.ListPage:
    """Scenarios filtered by industry and/or discipline code, in catalogue order, one page."""
    rows = [
        s
        for s in snapshot().scenarios
        if (not industry or s.industry_code == industry)
        and (not discipline or any(d.code == discipline for d in s.disciplines))
    ]
    return list_page.page_of_list(rows, page, per_page)


def catalogue_version() -> int:
    """A number that changes whenever the catalogue snapshot does (for page caches)."""
    return snapshot().generation


def directory_version() -> tuple:
    """Changes whenever the catalogue or any studio changes (one small query)."""
    studios = db.session.execute(select(func.count(Studio.id), func.max(Studio.updated_at))).one()
    return (catalogue_version(), *studios)
