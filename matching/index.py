"""Vector indexes over unit vectors: exact (numpy, default) and approximate (hnswlib, large sets).

Both return the top-k by inner product (= cosine for unit vectors) as (positions, scores), where a
position indexes ``index.ids``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

logger = logging.getLogger(__name__)


@runtime_checkable
class VectorIndex(Protocol):
    """Top-k inner-product search over a growing set of identified vectors."""

    ids: list[str]

    def add(self, ids: Sequence[str], vectors: np.ndarray) -> None:
        """Append vectors under the given ids."""
        ...

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Top-k (positions, scores) for one (dim,) query, best first."""
        ...

    def __len__(self) -> int: ...


def top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k largest scores, best first (argpartition, then sort the k)."""
    k = min(k, scores.shape[0])
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    if k < scores.shape[0]:
        part = np.argpartition(-scores, k - 1)[:k]
    else:
        part = np.arange(scores.shape[0])
    return part[np.argsort(-scores[part], kind="stable")]


class ExactIndex:
    """Brute-force inner product over a contiguous float32 matrix; exact and fine to ~100k rows."""

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self.ids: list[str] = []
        self._chunks: list[np.ndarray] = []
        self._matrix = np.zeros((0, dim), dtype=np.float32)

    def add(self, ids: Sequence[str], vectors: np.ndarray) -> None:
        """Append vectors under the given ids."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1, self.dim)
        if len(ids) != len(vectors):
            raise ValueError(f"{len(ids)} ids for {len(vectors)} vectors")
        self.ids.extend(ids)
        self._chunks.append(vectors)

    @property
    def matrix(self) -> np.ndarray:
        """All vectors as one (n, dim) matrix."""
        if self._chunks:
            self._matrix = np.vstack([self._matrix, *self._chunks])
            self._chunks = []
        return self._matrix

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Exact top-k (positions, scores) for one query."""
        scores = self.matrix @ np.asarray(query, dtype=np.float32)
        positions = top_k(scores, k)
        return positions, scores[positions]

    def __len__(self) -> int:
        return len(self.ids)


class HnswIndex:
    """Approximate search with hnswlib (inner-product space); recall is set by ef at query time."""

    def __init__(
        self,
        dim: int,
        *,
        m: int = 16,
        ef_construction: int = 100,
        ef: int = 64,
        capacity: int = 1024,
        threads: int = 1,
        seed: int = 100,
    ) -> None:
        import hnswlib  # local: only the approximate index needs it

        self.dim = dim
        self.ids: list[str] = []
        self.ef = ef
        self.threads = threads
        self._index = hnswlib.Index(space="ip", dim=dim)
        self._index.init_index(
            max_elements=capacity, M=m, ef_construction=ef_construction, random_seed=seed
        )
        self._index.set_ef(ef)

    def add(self, ids: Sequence[str], vectors: np.ndarray) -> None:
        """Insert vectors under the given ids, growing capacity as needed."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1, self.dim)
        if len(ids) != len(vectors):
            raise ValueError(f"{len(ids)} ids for {len(vectors)} vectors")
        needed = len(self.ids) + len(ids)
        capacity = self._index.get_max_elements()
        if needed > capacity:
            self._index.resize_index(max(needed, capacity * 2))
        labels = np.arange(len(self.ids), needed)
        self._index.add_items(vectors, labels, num_threads=self.threads)
        self.ids.extend(ids)

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Approximate top-k (positions, scores) for one query."""
        k = min(k, len(self.ids))
        if k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        self._index.set_ef(max(self.ef, k))
        labels, distances = self._index.knn_query(
            np.asarray(query, dtype=np.float32).reshape(1, -1), k=k, num_threads=1
        )
        return labels[0].astype(np.int64), (1.0 - distances[0]).astype(np.float32)

    def __len__(self) -> int:
        return len(self.ids)

    def save(self, path: str | Path) -> None:
        """Write the graph to ``path`` and the ids to ``path`` + ``.ids.json``."""
        self._index.save_index(str(path))
        Path(f"{path}.ids.json").write_text(json.dumps(self.ids), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path, dim: int, *, ef: int = 64, threads: int = 1) -> HnswIndex:
        """Read an index written by save()."""
        import hnswlib

        index = cls.__new__(cls)
        index.dim, index.ef, index.threads = dim, ef, threads
        index.ids = json.loads(Path(f"{path}.ids.json").read_text(encoding="utf-8"))
        index._index = hnswlib.Index(space="ip", dim=dim)
        index._index.load_index(str(path), max_elements=max(len(index.ids), 1))
        index._index.set_ef(ef)
        return index


def make_index(kind: str, dim: int, **options: int) -> VectorIndex:
    """Factory: ``"exact"`` (default for the app) or ``"hnsw"`` (large studio directories)."""
    if kind == "exact":
        return ExactIndex(dim)
    if kind == "hnsw":
        return HnswIndex(dim, **options)
    raise ValueError(f"unknown index kind {kind!r} (use 'exact' or 'hnsw')")
