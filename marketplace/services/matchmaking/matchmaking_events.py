"""Domain events of matchmaking: who takes part in an event changed (fits are recomputed)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from marketplace.events import DomainEvent


@dataclass(frozen=True)
class ParticipantsChanged(DomainEvent):
    """Registrations of these events changed: a job ranks their participants by fit again."""

    topic: ClassVar[str] = "event-participants-changed"
    event_ids: tuple[int, ...] = ()
