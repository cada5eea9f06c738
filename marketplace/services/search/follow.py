"""Keep this host's search index in step with a database shared by several web hosts.

The outbox drain updates the index of the host whose consumer ran it. With several hosts each
keeps its own Whoosh folder, so each runs `flask search follow`: it reads search events from
the outbox by id (whether or not their drain is done), applies them to the local index with the
same idempotent handlers, and keeps its cursor beside the index. Every `full_every` seconds it
also compares the whole index with the database by content hash (and repairs it), which covers
an event whose id was allocated before a slower transaction committed (PostgreSQL).
"""

from __future__ import annotations

import json
import logging
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from sqlalchemy import func, select

from marketplace.events import from_payload
from marketplace.extensions import db
from marketplace.models.outbox import OutboxEntry
from marketplace.services.catalog.catalog_events import ScenariosChanged
from marketplace.services.search import indexing, search_handlers
from marketplace.services.studios.studio_events import StudiosChanged, StudiosRemoved

log = logging.getLogger(__name__)

APPLY = {
    StudiosChanged.topic: search_handlers.on_studios_changed,
    StudiosRemoved.topic: search_handlers.on_studios_changed,
    ScenariosChanged.topic: search_handlers.on_scenarios_changed,
}
BATCH = 500


@dataclass
class FollowReport:
    """What one pass did."""

    applied: int = 0
    cursor: int = 0
    full_check: bool = False
    repaired: int = 0


def cursor_path() -> Path:
    """The cursor file beside this host's index folder."""
    return Path(str(current_app.config["SEARCH_INDEX_DIR"]).rstrip("/") + ".follow.json")


def read_cursor() -> dict | None:
    """{"outbox_id", "full_at"} of this host, or None before the first pass."""
    path = cursor_path()
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def _write_cursor(outbox_id: int, full_at: float) -> None:
    path = cursor_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"outbox_id": outbox_id, "full_at": full_at}), encoding="utf-8")
    tmp.replace(path)


def _full_check(report: FollowReport) -> None:
    sync = indexing.bring_in_step()
    report.full_check = True
    report.repaired = sync.written + sync.deleted + (sync.documents if sync.rebuilt else 0)


def follow_once(full_every: float = 300.0) -> FollowReport:
    """Apply the search events recorded since this host's cursor; a full check when due."""
    state = read_cursor()
    report = FollowReport()
    now = time.time()
    if state is None or now - float(state["full_at"]) >= full_every:
        start = db.session.scalar(select(func.max(OutboxEntry.id))) or 0
        if state is not None:
            start = min(start, int(state["outbox_id"]))
        _full_check(report)
        state = {"outbox_id": start, "full_at": now}
    cursor = int(state["outbox_id"])
    rows = list(
        db.session.execute(
            select(OutboxEntry.id, OutboxEntry.topic, OutboxEntry.payload)
            .where(OutboxEntry.id > cursor, OutboxEntry.topic.in_(APPLY))
            .order_by(OutboxEntry.id)
            .limit(BATCH)
        )
    )
    db.session.rollback()  # end the read snapshot before the handlers read afresh
    by_topic = defaultdict(list)
    for _, topic, payload in rows:
        event = from_payload(topic, payload)
        if event is not None:
            by_topic[topic].append(event)
    for topic, events in by_topic.items():
        APPLY[topic](events)  # raises IndexOutOfStep: the cursor stays, the next pass retries
        report.applied += len(events)
    if rows:
        cursor = rows[-1][0]
    _write_cursor(cursor, float(state["full_at"]))
    report.cursor = cursor
    return report
