"""Hybrid ranking: nearest documents by vector, fused with BM25F by reciprocal rank (RRF).

Pure numpy; the caller owns the encoder and the stored vectors. `VectorTable` holds the unit
vectors of the indexed documents (by index key); `nearest` answers a query vector with the
documents above a similarity floor; `rrf` fuses ranked lists: score(d) = Σ w / (K + rank).
The defaults held on the tune half of the labelled query set against a grid of weights, k and
floors (see `search_index/README.md`, "Hybrid"); `bench/search_quality.py` reports the test half.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

RRF_K = 60  # the usual constant: a document's rank matters, its raw score does not
BM25_WEIGHT = 1.0
VECTOR_WEIGHT = 1.0
MIN_SIMILARITY = 0.30  # cosine below which a vector neighbour is not a result on its own
MAX_VECTOR_HITS = 50  # vector neighbours considered per query

VectorHits = tuple[tuple[str, float], ...]  # (index key, cosine), best first


@dataclass(frozen=True)
class VectorTable:
    """The documents' unit vectors, one row per index key."""

    keys: tuple[str, ...]
    matrix: np.ndarray  # (n, dim) float32, rows of norm 1

    @classmethod
    def build(
        cls, vectors: Mapping[str, np.ndarray] | Iterable[tuple[str, np.ndarray]]
    ) -> VectorTable:
        """A table from {key: vector}; zero vectors are left out."""
        items = vectors.items() if isinstance(vectors, Mapping) else vectors
        keys, rows = [], []
        for key, vec in items:
            v = np.asarray(vec, dtype=np.float32).ravel()
            norm = float(np.linalg.norm(v))
            if norm > 0:
                keys.append(key)
                rows.append(v / norm)
        dim = rows[0].shape[0] if rows else 0
        matrix = np.vstack(rows) if rows else np.zeros((0, dim), dtype=np.float32)
        return cls(tuple(keys), matrix)

    @functools.cached_property
    def kinds(self) -> np.ndarray:
        """Each row's kind ("studio" for "studio:7"), for filtering by kind."""
        return np.array([k.partition(":")[0] for k in self.keys])

    def __len__(self) -> int:
        return len(self.keys)

    def nearest(
        self,
        query: np.ndarray,
        top_n: int = MAX_VECTOR_HITS,
        min_similarity: float = MIN_SIMILARITY,
        kinds: Sequence[str] = (),
    ) -> VectorHits:
        """The documents most similar to the query vector (cosine ≥ floor), best first."""
        if not len(self.keys):
            return ()
        q = np.asarray(query, dtype=np.float32).ravel()
        norm = float(np.linalg.norm(q))
        if norm == 0 or q.shape[0] != self.matrix.shape[1]:
            return ()
        sims = self.matrix @ (q / norm)
        if kinds:
            allowed = np.isin(self.kinds, list(kinds))
            if not allowed.all():
                sims = np.where(allowed, sims, -1.0)
        n = min(top_n, len(sims))
        top = np.argpartition(-sims, n - 1)[:n]
        top = top[np.argsort(-sims[top], kind="stable")]
        return tuple(
            (self.keys[i], round(float(sims[i]), 6)) for i in top if sims[i] >= min_similarity
        )


@dataclass(frozen=True)
class VectorInput:
    """A query's vector neighbours and how much they weigh in the fusion (hashable: memo key)."""

    hits: VectorHits
    bm25_weight: float = BM25_WEIGHT
    vector_weight: float = VECTOR_WEIGHT
    k: int = RRF_K


def rrf(
    rankings: Sequence[Sequence[object]], weights: Sequence[float] | None = None, k: int = RRF_K
) -> dict[object, float]:
    """Reciprocal rank fusion of ranked lists (best first): {item: Σ wᵢ / (k + rankᵢ)}."""
    weights = weights or [1.0] * len(rankings)
    fused: dict[object, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, item in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + weight / (k + rank)
    return fused
