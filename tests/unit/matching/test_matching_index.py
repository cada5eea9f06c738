"""Vector indexes: exact top-k and the approximate HNSW index."""

import numpy as np
import pytest

from matching.index import ExactIndex, HnswIndex, make_index, top_k


def _unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def test_top_k_orders_best_first() -> None:
    scores = np.array([0.1, 0.9, 0.5, 0.7])
    assert top_k(scores, 2).tolist() == [1, 3]
    assert top_k(scores, 10).tolist() == [1, 3, 2, 0]
    assert top_k(scores, 0).size == 0


def test_exact_index_matches_brute_force() -> None:
    rng = np.random.default_rng(0)
    vectors = _unit(rng.normal(size=(200, 16)))
    index = ExactIndex(16)
    index.add([f"v{i}" for i in range(100)], vectors[:100])
    index.add([f"v{i}" for i in range(100, 200)], vectors[100:])
    query = vectors[7]
    positions, scores = index.search(query, 5)
    expected = np.argsort(-(vectors @ query))[:5]
    assert positions.tolist() == expected.tolist()
    assert index.ids[positions[0]] == "v7" and scores[0] == pytest.approx(1.0, abs=1e-5)
    assert len(index) == 200


def test_add_rejects_mismatched_ids() -> None:
    with pytest.raises(ValueError):
        ExactIndex(4).add(["a"], np.zeros((2, 4), dtype=np.float32))


def test_hnsw_index_finds_neighbours_and_grows() -> None:
    rng = np.random.default_rng(1)
    centres = _unit(rng.normal(size=(20, 32)))
    vectors = _unit(centres[rng.integers(0, 20, 3000)] + 0.15 * rng.normal(size=(3000, 32)))
    exact, approx = ExactIndex(32), HnswIndex(32, capacity=100, ef=64)
    ids = [str(i) for i in range(3000)]
    exact.add(ids, vectors)
    approx.add(ids[:1000], vectors[:1000])
    approx.add(ids[1000:], vectors[1000:])  # beyond initial capacity
    assert len(approx) == 3000
    hits = 0
    for q in vectors[:50]:
        truth = set(exact.search(q, 10)[0].tolist())
        got, scores = approx.search(q, 10)
        hits += len(truth & set(got.tolist()))
        assert np.all(np.diff(scores) <= 1e-6)
    assert hits / 500 > 0.9


def test_make_index() -> None:
    assert isinstance(make_index("exact", 8), ExactIndex)
    assert isinstance(make_index("hnsw", 8), HnswIndex)
    with pytest.raises(ValueError):
        make_index("faiss", 8)


def test_hnsw_save_and_load(tmp_path) -> None:
    rng = np.random.default_rng(2)
    vectors = _unit(rng.normal(size=(300, 16)))
    index = HnswIndex(16, capacity=300)
    index.add([f"v{i}" for i in range(300)], vectors)
    index.save(tmp_path / "studios.hnsw")
    back = HnswIndex.load(tmp_path / "studios.hnsw", 16)
    assert back.ids == index.ids
    assert back.ids[back.search(vectors[42], 1)[0][0]] == "v42"
    back.add(["extra"], vectors[:1])
    assert len(back) == 301
