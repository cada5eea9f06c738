"""The base type of domain events and the topic registry that rebuilds them from outbox rows.

Each event type is declared beside the domain that records it, in
`services/<domain>/<domain>_events.py` (e.g. `StudiosChanged` in
`services/studios/studio_events.py`). A service records one with `database.record_event(...)`
inside `write_transaction()`: an outbox row in the same transaction, handed after the commit to
the handlers that `marketplace/bootstrap.py` maps to it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, ClassVar

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
