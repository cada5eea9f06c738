"""Normalisation and fusion."""

import numpy as np
import pytest

from matching.fusion import PARTS, WEIGHTS, fuse, minmax, normalise, zscore


def test_zscore_standardises() -> None:
    z = zscore(np.array([1.0, 2.0, 3.0, 6.0]))
    assert z.mean() == pytest.approx(0, abs=1e-6)
    assert z.std() == pytest.approx(1, abs=1e-6)
    assert list(np.argsort(z)) == [0, 1, 2, 3]


def test_constant_and_empty_parts_contribute_nothing() -> None:
    assert zscore(np.full(4, 0.7)).tolist() == [0, 0, 0, 0]
    assert minmax(np.full(3, 2.0)).tolist() == [0, 0, 0]
    assert zscore(np.array([])).size == 0


def test_minmax_range() -> None:
    m = minmax(np.array([-1.0, 0.0, 3.0]))
    assert m.min() == 0 and m.max() == 1 and m[1] == pytest.approx(0.25)


def test_fuse_is_weighted_sum_and_ignores_zero_weights() -> None:
    parts = {"a": np.array([1.0, 0.0]), "b": np.array([0.0, 2.0]), "c": np.array([5.0, 5.0])}
    np.testing.assert_allclose(fuse(parts, {"a": 2.0, "b": 0.5, "c": 0.0}), [2.0, 1.0])


def test_fuse_without_weights_gives_zeros() -> None:
    assert fuse({"a": np.array([1.0, 2.0])}, {}).tolist() == [0, 0]


def test_normalise_every_part() -> None:
    raw = {"dense": np.array([0.1, 0.5]), "tags": np.array([0.0, 0.0])}
    norm = normalise(raw, "minmax")
    assert norm["dense"].tolist() == [0, 1] and norm["tags"].tolist() == [0, 0]


def test_weights_cover_exactly_the_parts() -> None:
    assert set(WEIGHTS) == set(PARTS)
    assert any(WEIGHTS.values())
