"""tier_order (how the app ordered lists before the learned ranking; the graded benchmark still
reports that order as "app before") and need lists: the ranking's order, non-fits left out."""

from __future__ import annotations

import itertools
from types import SimpleNamespace

from matching.fit import LEVELS, tier, tier_order


def _never_rises(levels) -> bool:
    tiers = [tier(level) for level in levels]
    return all(a <= b for a, b in itertools.pairwise(tiers))


def test_stronger_levels_come_first_and_score_order_is_kept_within_a_level():
    # the fused-score order as the engine finds it: #2 good, #3-#5 strong (the list)
    levels = ["strong", "good", "strong", "strong", "strong", "possible", "good"]
    order = tier_order(levels)
    assert [levels[i] for i in order] == ["strong"] * 4 + ["good"] * 2 + ["possible"]
    assert order == [0, 2, 3, 4, 1, 6, 5]  # within a level, the better score stays ahead
    assert _never_rises([levels[i] for i in order])


def test_no_fit_goes_last():
    assert tier_order([None, "possible", "strong"]) == [2, 1, 0]
    assert [tier(level) for level in (*LEVELS, None)] == [0, 1, 2, 3]


def test_need_lists_keep_the_rankings_order_and_leave_out_non_fits():
    """Issue 20: a fit level is a label and a filter; it never re-sorts the learned ranking."""
    from marketplace.services.matching.need_matches import graded

    found = [SimpleNamespace(id=str(i), fit=level, raw={}) for i, level in
             enumerate(["good", "strong", None, "possible", "strong"])]  # fmt: skip
    ranked = graded(found)
    assert [(m.id, fit) for m, fit in ranked] == [
        ("0", "good"), ("1", "strong"), ("3", "possible"), ("4", "strong")]
