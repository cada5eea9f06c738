"""Passage vectors for the Matcher and the passage parts of its ranking.

A profile's passages (its sentences and deliverables) are encoded lazily, once per text, and kept
here (bounded at ``PASSAGE_CACHE``); the affirm texts (a text without its exclusion sentences)
share that cache. ``PassageVectors.parts`` scores a query against a pool's passages: best passage
pair, maxsim, needmax, negation, neg_margin and affirm (see ``fusion.PARTS``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from matching import crosslingual
from matching.encoder import Encoder
from matching.passage_match import is_exclusion
from matching.types import Prepared

if TYPE_CHECKING:
    from matching.pool import CandidatePool

PASSAGE_CACHE = 50_000  # passage vectors kept per matcher (encoded lazily, keyed by text)


class PassageVectors:
    """Passage and affirm-text vectors by text: stored ones first, else encoded once, cached."""

    def __init__(self, encoder: Encoder) -> None:
        self.encoder = encoder
        self._cache: dict[str, np.ndarray] = {}

    def parts(
        self,
        query: Prepared,
        pool: CandidatePool,
        pos: np.ndarray,
        dense: np.ndarray,
        *,
        affirm: bool = True,
    ) -> dict[str, np.ndarray]:
        """The passage parts per candidate (encodes missing passages once): best passage pair,
        maxsim, needmax, negation and neg_margin (see fusion.PARTS)."""
        if pool.passages is None:
            pool.passages = stack_rows(self.of(pool.items))
        (q_passages,) = self.of([query])
        q_caps = np.array([not is_exclusion(t) for t in query.passages], dtype=bool)
        if not q_caps.any():
            q_caps[:] = True
        if len(pos) == len(pool) and np.array_equal(pos, np.arange(len(pool))):
            vectors, excluded, heads = pool.passages, pool.exclusions, pool.starts[:-1]
        else:
            counts = pool.starts[pos + 1] - pool.starts[pos]
            rows = np.concatenate([np.arange(pool.starts[i], pool.starts[i + 1]) for i in pos])
            heads = np.concatenate([[0], np.cumsum(counts)[:-1]])
            vectors, excluded = pool.passages[rows], pool.exclusions[rows]
        # One product: each candidate passage against the query's whole text and its passages.
        sims = vectors @ np.vstack([query.vectors.whole[None, :], q_passages]).T
        to_whole, pair = sims[:, 0], sims[:, 1:]
        best = np.maximum.reduceat(pair.max(axis=1), heads)
        capable = np.where(excluded[:, None], -np.inf, sims[:, np.r_[True, q_caps]])
        top = np.maximum.reduceat(capable, heads, axis=0)  # candidate × (whole, query passages)
        maxsim, per_sentence = top[:, 0], top[:, 1:]
        negation = np.maximum.reduceat(np.where(excluded, to_whole, -np.inf), heads)
        stated = np.isfinite(negation)
        has_caps = np.isfinite(maxsim)
        if not affirm:
            affirmed = np.zeros(len(pos), dtype=np.float32)
        else:
            if pool.affirm is None:
                pool.affirm = self.affirm(pool)
            affirmed = pool.affirm[pos] @ query.vectors.whole
        needmax = np.where(has_caps, per_sentence.mean(axis=1), dense)
        maxsim = np.where(has_caps, maxsim, dense)
        negation = np.where(stated, negation, 0.0)
        margin = np.where(stated, np.maximum(0.0, negation - maxsim), 0.0)
        return {"passage": best, "maxsim": maxsim, "needmax": needmax, "negation": negation,
                "neg_margin": margin, "affirm": affirmed}  # fmt: skip

    def affirm(self, pool: CandidatePool) -> np.ndarray:
        """Per candidate, the vector of its text without the passages that state an exclusion
        (its whole vector when it states none); the few texts needed are encoded once, cached."""
        out = pool.whole.copy()
        texts: dict[int, str] = {}
        for i, item in enumerate(pool.items):
            flags = pool.exclusions[pool.starts[i] : pool.starts[i + 1]]
            if flags.any() and not flags.all():
                kept = [t for t, f in zip(item.passages, flags, strict=True) if not f]
                texts[i] = " ".join(kept)
        needed = sorted({t for t in texts.values() if t not in self._cache})
        if needed:
            rows = crosslingual.embed(self.encoder, needed)
            self._cache.update(zip(needed, rows, strict=True))
        for i, text in texts.items():
            out[i] = self._cache[text]
        return out

    def of(self, items: Sequence[Prepared]) -> list[np.ndarray]:
        """Passage vectors of each item: stored ones, else encoded in one batch (cached by text)."""
        lacking = [p for p in items if not has_passages(p)]
        needed = {t for p in lacking for t in p.passages if t not in self._cache}
        if len(self._cache) + len(needed) > PASSAGE_CACHE:
            self._cache.clear()
            needed = {t for p in lacking for t in p.passages}
        if needed:
            texts = sorted(needed)
            rows = crosslingual.embed(self.encoder, texts)
            for text, row in zip(texts, rows, strict=True):
                self._cache[text] = row
        return [
            p.vectors.passages
            if has_passages(p)
            else np.vstack([self._cache[t] for t in p.passages]).astype(np.float32)
            for p in items
        ]

    def known(self, item: Prepared) -> np.ndarray | None:
        """The item's passage vectors when stored or already encoded here, else None (nothing
        is encoded): what a caller may keep so that another process need not encode them."""
        if has_passages(item):
            return item.vectors.passages
        if item.passages and all(t in self._cache for t in item.passages):
            return np.vstack([self._cache[t] for t in item.passages]).astype(np.float32)
        return None


def has_passages(prepared: Prepared) -> bool:
    return len(prepared.vectors.passages) == len(prepared.passages) > 0


def stack_rows(rows: Sequence[np.ndarray]) -> np.ndarray:
    return np.vstack(rows).astype(np.float32) if rows else np.zeros((0, 0), dtype=np.float32)
