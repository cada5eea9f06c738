"""Fit levels people understand ("strong", "good", "possible") from calibrated thresholds.

A level is read from a match's *raw* parts, which are comparable across lists (the fused score is
a z-score within one list, so it cannot say where a fit ends). ``points`` is the model's expected
relevance: P(shared industry) + P(shared discipline), i.e. 0 to 2 relevance points, the same scale
the labels use. The thresholds were chosen on the labelled dev set; see matching/README.md
("Fit levels") for the figures and ``matching.calibrate`` to reproduce them.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

logger = logging.getLogger(__name__)

LEVELS: tuple[str, ...] = ("strong", "good", "possible")


@dataclass(frozen=True)
class Thresholds:
    """Minimum expected relevance points (and whole-text cosine) for each level."""

    strong_points: float
    strong_dense: float
    good_points: float
    possible_points: float
    possible_dense: float


# Chosen by matching.calibrate on the dev set (90 studios x 60 needs = 5,400 pairs): the loosest
# thresholds with P(relevance = 2) >= 0.80 for strong, P(relevance >= 1) >= 0.90 for good and
# >= 0.60 for possible (cumulative). Figures in matching/README.md.
THRESHOLDS = Thresholds(
    strong_points=1.1,
    strong_dense=0.25,
    good_points=0.75,
    possible_points=0.25,
    possible_dense=0.35,
)


def points(raw: Mapping[str, float]) -> float:
    """Expected relevance points: P(shared industry) + P(shared discipline)."""
    return float(raw.get("industry", 0.0)) + float(raw.get("discipline", 0.0))


def fit_level(raw: Mapping[str, float], thresholds: Thresholds = THRESHOLDS) -> str | None:
    """'strong', 'good', 'possible', or None (not a fit: not shown) for one match's raw parts."""
    pts, dense = points(raw), float(raw.get("dense", 0.0))
    if pts >= thresholds.strong_points and dense >= thresholds.strong_dense:
        return "strong"
    if pts >= thresholds.good_points:
        return "good"
    if pts >= thresholds.possible_points or dense >= thresholds.possible_dense:
        return "possible"
    return None


def at_least(level: str | None, minimum: str) -> bool:
    """Whether a level is at least ``minimum`` (None is below every level)."""
    if minimum not in LEVELS:
        raise ValueError(f"unknown fit level {minimum!r}; expected one of {', '.join(LEVELS)}")
    return level is not None and LEVELS.index(level) <= LEVELS.index(minimum)


def at_most(level: str | None, ceiling: str) -> str | None:
    """``level`` lowered to ``ceiling`` when it is above it (None stays None)."""
    if level is None or LEVELS.index(level) >= LEVELS.index(ceiling):
        return level
    return ceiling


def tier(level: str | None) -> int:
    """0 for strong, 1 for good, 2 for possible, 3 for no fit (smaller is better)."""
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)


def tier_order(levels: Sequence[str | None]) -> list[int]:
    """Positions of a best-first list reordered so that the fit level never rises as the rank
    falls: stronger levels first, the list's own (score) order kept within a level."""
    return sorted(range(len(levels)), key=lambda i: tier(levels[i]))
