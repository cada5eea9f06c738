"""The one settings file of the city figures (targets.json): targets, threshold, licence."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

SETTINGS_FILE = Path(__file__).resolve().parent / "targets.json"


@dataclass(frozen=True)
class Target:
    """One target of the action plan, with its source sentence in both languages."""

    key: str
    figure: str | None  # the platform figure it is compared with; None: the platform cannot
    comparison: str  # "at_least" or "more_than"
    value: int
    baseline: int | None
    unit: str
    coverage: str  # "partial" or "none": how much of the target the platform can see
    sentence: str
    sentence_zh: str

    def met(self, actual: float | None) -> bool | None:
        """True when `actual` reaches the target; None when there is no figure."""
        if actual is None:
            return None
        return actual >= self.value if self.comparison == "at_least" else actual > self.value

    def share(self, actual: float | None) -> float | None:
        """How far the figure is toward the target (0..1, capped), or None."""
        if actual is None or not self.value:
            return None
        return min(1.0, actual / self.value)


@cache
def raw() -> dict[str, Any]:
    """The settings file as read (cached; it ships with the code)."""
    return json.loads(SETTINGS_FILE.read_text(encoding="utf-8"))


def targets() -> list[Target]:
    """The action plan's targets in the file's order."""
    return [Target(**{k: row[k] for k in Target.__dataclass_fields__}) for row in raw()["targets"]]


def target_for(figure: str) -> Target | None:
    """The target a platform figure is measured against, if any."""
    return next((t for t in targets() if t.figure == figure), None)


def threshold() -> int:
    """Cells resting on fewer awards or contracts than this are suppressed on public pages."""
    return int(raw()["suppression_threshold"])


def central_districts() -> frozenset[str]:
    """District codes counted as the central (main urban) districts."""
    return frozenset(raw()["central_districts"])


def licence() -> dict[str, str]:
    """The open-data licence line: name, url and attribution."""
    return dict(raw()["licence"])


def source() -> dict[str, str]:
    """Where the targets come from (title, date reported, note)."""
    return dict(raw()["source"])


def target_year() -> int:
    """The year the action plan's targets are for."""
    return int(raw()["target_year"])
