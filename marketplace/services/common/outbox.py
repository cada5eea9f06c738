"""The outbox drain: run the handlers of pending events, coalesced by type, then mark them."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select

from marketplace.database import write_transaction
from marketplace.events import DomainEvent, from_payload
from marketplace.extensions import db
from marketplace.models._types import utcnow
from marketplace.models.outbox import OutboxEntry

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BATCH = 500


@dataclass
class DrainReport:
    """What one drain did."""

    processed: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def pending(limit: int = BATCH) -> list[OutboxEntry]:
    """Events whose handlers have not all succeeded yet, oldest first."""
    return list(
        db.session.scalars(
            select(OutboxEntry)
            .where(OutboxEntry.done_at.is_(None), OutboxEntry.failed_at.is_(None))
            .order_by(OutboxEntry.id)
            .limit(limit)
        )
    )


def pending_count() -> int:
    """How many events wait for their handlers."""
    return len(pending(limit=10_000))


def is_pending(event_type: type[DomainEvent], **match) -> bool:
    """True when an event of this type whose payload lists these values waits (e.g. ids=7)."""
    for row in pending():
        if row.topic != event_type.topic:
            continue
        if all(v in (row.payload.get(k) or []) for k, v in match.items()):
            return True
    return False


def drain(limit: int = BATCH) -> DrainReport:
    """Handle every pending event, one handler call per event type; failures stay pending."""
    from marketplace.bootstrap import handlers_for, known_event_types

    known_event_types()  # a fresh worker process learns every topic before reading rows
    report = DrainReport()
    rows = pending(limit)
    db.session.rollback()  # end the read snapshot before handlers write
    by_topic: dict[str, list[tuple[int, DomainEvent | None]]] = defaultdict(list)
    for row in rows:
        by_topic[row.topic].append((row.id, from_payload(row.topic, row.payload)))
    done, failed = [], {}
    for topic, items in by_topic.items():
        events = [e for _, e in items if e is not None]
        error = None
        for handler in handlers_for(topic):
            try:
                handler(events)
            except Exception as exc:  # one handler's failure must not stop the others
                db.session.rollback()
                error = f"{handler.__module__}.{handler.__name__}: {exc!r}"
                log.exception("outbox handler failed for %s (%d events)", topic, len(events))
        ids = [i for i, _ in items]
        if error:
            failed.update(dict.fromkeys(ids, error))
        else:
            done.extend(ids)
    if rows:
        _mark(done, failed, report)
    return report


def _mark(done: list[int], failed: dict[int, str], report: DrainReport) -> None:
    now = utcnow()
    with write_transaction() as session:
        query = select(OutboxEntry).where(OutboxEntry.id.in_(done + list(failed)))
        for row in session.scalars(query):
            if row.id in failed:
                row.attempts += 1
                row.last_error = failed[row.id][:2000]
                if row.attempts >= MAX_ATTEMPTS:
                    row.failed_at = now
                    log.error(
                        "outbox event %d (%s %s) gave up after %d attempts: %s",
                        row.id, row.topic, row.payload, row.attempts, row.last_error,
                    )  # fmt: skip
            elif row.done_at is None:
                row.done_at = now
    report.processed = len(done)
    report.failed = len(failed)
    report.errors = sorted(set(failed.values()))
