"""Gini coefficient and top-10 % share, and the CSV escaping of formula-like cells."""

from __future__ import annotations

import pytest

from marketplace.services.audit.export import csv_safe
from marketplace.services.reviews.exposure import gini, top_share


@pytest.mark.parametrize(
    ("values", "expected"),
    [([], 0.0), ([0, 0, 0], 0.0), ([5, 5, 5, 5], 0.0), ([0, 0, 0, 12], 0.75), ([1, 2, 3, 4], 0.25)],
)
def test_gini(values, expected):
    assert gini(values) == pytest.approx(expected)


def test_top_ten_percent_share_takes_at_least_one_studio():
    assert top_share([10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) == pytest.approx(1.0)
    assert top_share([1] * 20) == pytest.approx(0.1)  # 2 of 20 studios
    assert top_share([0, 0]) == 0.0


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@A1", "\tx", "\r=x"])
def test_formula_like_cells_are_quoted(cell):
    assert csv_safe(cell) == "'" + cell


def test_plain_cells_are_unchanged():
    assert csv_safe("studio:7") == "studio:7" and csv_safe(3) == "3" and csv_safe(None) == ""
