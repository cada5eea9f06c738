"""Events the commission's decisions raise (the lead maps them to notifications in bootstrap)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from marketplace.events import DomainEvent


@dataclass(frozen=True)
class MatchDecided(DomainEvent):
    """Staff approved or rejected a proposed match; both sides are told of an approval."""

    topic: ClassVar[str] = "match-decided"
    decision_id: int = 0
    decision: str = ""
    direction: str = ""
    source_key: str = ""
    target_key: str = ""


@dataclass(frozen=True)
class AccountSuspended(DomainEvent):
    """A studio or manufacturer was suspended (or restored: suspended=False)."""

    topic: ClassVar[str] = "account-suspended"
    subject: str = ""
    suspended: bool = True
