"""A figure's value with its state: recorded, not yet recorded, or suppressed (a small cell)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

RECORDED = "recorded"
NOT_RECORDED = "not_recorded"
SUPPRESSED = "suppressed"


@dataclass(frozen=True)
class Value:
    """A number from the record, or why there is none."""

    value: int | float | None
    status: str = RECORDED

    @property
    def shown(self) -> bool:
        """True when the number may be shown."""
        return self.status == RECORDED

    def as_dict(self) -> dict[str, Any]:
        """{"value": ..., "status": ...} for JSON (value null unless recorded)."""
        return {"value": self.value if self.shown else None, "status": self.status}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Value:
        """The inverse of as_dict (stored report snapshots)."""
        return cls(data.get("value"), data.get("status", RECORDED))


NOT_YET = Value(None, NOT_RECORDED)


def count(n: int) -> Value:
    """A recorded count."""
    return Value(n)


def guarded(value: int | float, basis: int, threshold: int) -> Value:
    """`value` unless it rests on 1..threshold-1 awards or contracts (then suppressed)."""
    if 0 < basis < threshold:
        return Value(None, SUPPRESSED)
    return Value(value)


def mean(values: list[float]) -> Value:
    """The average, or not recorded when there is nothing to average."""
    return Value(round(sum(values) / len(values), 2)) if values else NOT_YET
