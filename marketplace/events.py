"""Domain events: typed records of what changed, recorded in a transaction, dispatched after commit.

A service calls `record_event(StudiosChanged(ids=(7,)))` inside `write_transaction()`. The event is
written to the outbox table in the same transaction (so a crash right after the commit loses no
derived update) and, once the commit succeeds, `marketplace.bootstrap` hands it to its handlers
(search index, matching), which run as background jobs. Nothing is dispatched on rollback.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, ClassVar

from sqlalchemy.orm import Session

PENDING_KEY = "pending_events"
EVENT_TYPES: dict[str, type[DomainEvent]] = {}


@dataclass(frozen=True)
class DomainEvent:
    """Base class: `topic` names the event in the outbox; fields are its JSON payload."""

    topic: ClassVar[str] = "event"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        EVENT_TYPES[cls.topic] = cls  # so the outbox can rebuild it from its row

    def payload(self) -> dict[str, Any]:
        """The event's fields as JSON-ready values."""
        values = dataclasses.asdict(self)
        return {k: list(v) if isinstance(v, tuple) else v for k, v in values.items()}


@dataclass(frozen=True)
class StudiosChanged(DomainEvent):
    """Studios' profiles, portfolios, listing or verification changed."""

    topic: ClassVar[str] = "studios-changed"
    ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class StudiosRemoved(DomainEvent):
    """Studios were deleted or hidden for good."""

    topic: ClassVar[str] = "studios-removed"
    ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class ScenariosChanged(DomainEvent):
    """Catalogue scenarios were created or edited (an import)."""

    topic: ClassVar[str] = "scenarios-changed"
    codes: tuple[str, ...] = ()



def from_payload(topic: str, payload: dict[str, Any]) -> DomainEvent | None:
    """Rebuild an event from its outbox row; None for an unknown topic."""
    event_type = EVENT_TYPES.get(topic)
    if event_type is None:
        return None
    fields = {f.name for f in dataclasses.fields(event_type)}
    values = {
        k: tuple(v) if isinstance(v, list) else v for k, v in payload.items() if k in fields
    }
    return event_type(**values)


def record_event(event: DomainEvent, session: Session | None = None) -> None:
    """Record an event on the current write transaction: an outbox row now, dispatch later."""
    from marketplace.database import current_write_session
    from marketplace.models.outbox import OutboxEntry

    session = session or current_write_session()
    session.add(OutboxEntry(topic=event.topic, payload=event.payload()))
    session.info.setdefault(PENDING_KEY, []).append(event)
