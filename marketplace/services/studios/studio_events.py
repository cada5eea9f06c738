"""Studio events: profiles, portfolios, listing or verification changed, or studios removed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from marketplace.events import DomainEvent


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
