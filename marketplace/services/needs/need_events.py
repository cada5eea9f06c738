"""Need events: a need was published, edited, closed or withdrawn from bidding."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from marketplace.events import DomainEvent


@dataclass(frozen=True)
class NeedsChanged(DomainEvent):
    """Needs whose text, tags or status changed: their match lists are recomputed by a job."""

    topic: ClassVar[str] = "needs-changed"
    ids: tuple[int, ...] = ()
