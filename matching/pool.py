"""Candidates stacked for vectorised scoring: whole and passage vectors, tag probabilities,
lexical rows and exclusion flags, with a vector index for shortlists (``CandidatePool``)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from scipy import sparse

from matching.glossary import gloss
from matching.index import ExactIndex, VectorIndex
from matching.lexical import LexicalScorer
from matching.passage_match import is_exclusion
from matching.passage_vectors import has_passages, stack_rows
from matching.text import lexical_text
from matching.types import Prepared


@lru_cache(maxsize=50_000)
def glossed_lexical_text(text: str) -> str:
    """A lexical text with its Chinese read through the glossary and lexicon (cached: jieba)."""
    return gloss(text)


class CandidatePool:
    """Prepared candidates stacked for vectorised scoring, with a vector index for shortlists."""

    def __init__(self, items: Sequence[Prepared], index: VectorIndex | None = None) -> None:
        self.items = list(items)
        self.ids = [p.id for p in self.items]
        self._positions = {id_: i for i, id_ in enumerate(self.ids)}
        self.whole = stack_rows([p.vectors.whole for p in self.items])
        counts = [len(p.passages) for p in self.items]
        self.starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        complete = all(has_passages(p) for p in self.items)
        self.passages: np.ndarray | None = (
            stack_rows([p.vectors.passages for p in self.items]) if complete else None
        )
        self.industries = stack_rows([p.industries for p in self.items])
        self.disciplines = stack_rows([p.disciplines for p in self.items])
        self._index = index
        self._lexical: sparse.csr_matrix | None = None
        self._lexical_version = -1
        self._glossed: sparse.csr_matrix | None = None
        self._glossed_version = -1
        # Which stacked passage rows state an exclusion ("we do not do hardware").
        self.exclusions = np.array(
            [is_exclusion(t) for p in self.items for t in p.passages], dtype=bool
        )
        self.affirm: np.ndarray | None = None  # whole vectors without the exclusion passages

    @property
    def index(self) -> VectorIndex:
        """The index used for shortlists (an ExactIndex over ``whole`` unless one was given)."""
        if self._index is None:
            self._index = ExactIndex(self.whole.shape[1])
            self._index.add(self.ids, self.whole)
        return self._index

    def __len__(self) -> int:
        return len(self.items)

    def shortlist(self, vector: np.ndarray, n: int) -> np.ndarray:
        """Pool positions of the n nearest candidates by whole-text vector (unknown ids skipped)."""
        hits, _ = self.index.search(vector, n)
        found = [self._positions.get(self.index.ids[h]) for h in hits]
        return np.array([p for p in found if p is not None], dtype=np.int64)

    def lexical(self, scorer: LexicalScorer, version: int) -> sparse.csr_matrix:
        """TF-IDF rows of the candidates, recomputed when the scorer was refitted."""
        if self._lexical is None or self._lexical_version != version:
            self._lexical = scorer.transform([lexical_text(p.profile) for p in self.items])
            self._lexical_version = version
        return self._lexical

    def glossed(self, scorer: LexicalScorer, version: int) -> sparse.csr_matrix:
        """TF-IDF rows of the candidates' glossed lexical texts (the lexg part)."""
        if self._glossed is None or self._glossed_version != version:
            texts = [glossed_lexical_text(lexical_text(p.profile)) for p in self.items]
            self._glossed = scorer.transform(texts)
            self._glossed_version = version
        return self._glossed
