"""Catalogue events: scenarios were created or edited."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from marketplace.events import DomainEvent


@dataclass(frozen=True)
class ScenariosChanged(DomainEvent):
    """Catalogue scenarios were created or edited (an import)."""

    topic: ClassVar[str] = "scenarios-changed"
    codes: tuple[str, ...] = ()
