"""Fit levels from raw parts, and the calibration that chooses their thresholds."""

from __future__ import annotations

import numpy as np
import pytest

from matching.calibrate import choose, describe
from matching.fit import THRESHOLDS, at_least, fit_level, points


def test_both_facets_shared_and_similar_text_is_strong() -> None:
    assert fit_level({"industry": 1.0, "discipline": 1.0, "dense": 0.5}) == "strong"


def test_shared_facets_with_unrelated_text_are_not_strong() -> None:
    raw = {"industry": 1.0, "discipline": 1.0, "dense": THRESHOLDS.strong_dense - 0.05}
    assert fit_level(raw) == "good"


def test_one_likely_facet_is_good_and_a_similar_text_alone_is_possible() -> None:
    assert fit_level({"industry": 0.9, "discipline": 0.0, "dense": 0.1}) == "good"
    assert fit_level({"industry": 0.0, "discipline": 0.0, "dense": 0.6}) == "possible"


def test_nothing_in_common_is_no_fit() -> None:
    assert fit_level({"industry": 0.05, "discipline": 0.05, "dense": 0.1}) is None
    assert points({"industry": 0.25, "discipline": 0.5}) == pytest.approx(0.75)


def test_at_least_orders_levels_and_rejects_unknown_names() -> None:
    assert at_least("strong", "good") and at_least("good", "good")
    assert not at_least("possible", "good") and not at_least(None, "possible")
    with pytest.raises(ValueError, match="unknown fit level"):
        at_least("good", "great")


def test_calibration_picks_the_loosest_thresholds_meeting_the_targets() -> None:
    rng = np.random.default_rng(0)
    n = 3000
    pts = rng.uniform(0, 2, n)
    dense = rng.uniform(0.1, 0.7, n)
    # relevance rises with points: 2 above 1.4, 1 above 0.6, else mostly 0
    rel = np.where(pts > 1.4, 2, np.where(pts > 0.6, 1, (rng.uniform(size=n) < 0.1).astype(int)))
    table = {"points": pts, "dense": dense, "rel": rel}
    chosen = choose(table)
    # strong: P(rel=2 | pts >= s) = (2 - 1.4) / (2 - s) >= 0.8  ->  s = 1.25
    assert 1.2 <= chosen.strong_points <= 1.3
    # good: P(rel>=1 | pts >= g) >= 0.9  ->  g a little below 0.6 (0.45 in exact arithmetic)
    assert 0.35 <= chosen.good_points <= 0.5
    strong = (pts >= chosen.strong_points) & (dense >= chosen.strong_dense)
    assert (rel[strong] == 2).mean() >= 0.8
    assert "strong" in describe(table, chosen) and "pairs" in describe(table, chosen)
