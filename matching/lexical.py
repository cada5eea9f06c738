"""Lexical similarity: TF-IDF (scikit-learn) fitted on the catalogue and the profiles."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable, Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from matching.text import tokenize

logger = logging.getLogger(__name__)

# Words every profile in this marketplace uses; they say nothing about fit.
DOMAIN_STOP_WORDS = frozenset(
    ("we", "our", "us", "you", "your", "design", "designs", "designer", "designers", "designed",
     "studio", "studios", "team", "chongqing", "work", "works", "project", "projects", "need",
     "needs", "want", "wants")
)  # fmt: skip
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | DOMAIN_STOP_WORDS


def analyze(text: str) -> list[str]:
    """Tokens for the lexical scorer: tokenize() minus stop words, plus adjacent-word bigrams."""
    words = [t for t in tokenize(text) if (t not in STOP_WORDS and len(t) > 1) or _is_cjk(t)]
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


def _is_cjk(token: str) -> bool:
    return bool(token) and "\u3400" <= token[0] <= "\ufaff"


class LexicalScorer:
    """TF-IDF (sublinear tf, smoothed idf, L2 rows) with English + Chinese tokens."""

    def __init__(self, *, min_df: int = 1, max_df: float = 0.5) -> None:
        self._vectorizer = TfidfVectorizer(
            analyzer=analyze, sublinear_tf=True, min_df=min_df, max_df=max_df, dtype=np.float32
        )
        self.fitted = False

    def fit(self, corpus: Iterable[str]) -> LexicalScorer:
        """Learn vocabulary and idf from the catalogue texts plus the profile texts."""
        docs = [d for d in corpus if d and d.strip()]
        try:
            self._vectorizer.fit(docs)
        except ValueError:  # tiny corpora: every term above max_df
            self._vectorizer.set_params(max_df=1.0)
            self._vectorizer.fit(docs)
        self.fitted = True
        logger.debug("lexical vocabulary: %d terms", len(self._vectorizer.vocabulary_))
        return self

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Unit-length TF-IDF rows for texts."""
        if not self.fitted:
            raise RuntimeError("LexicalScorer.fit must be called first")
        return sparse.csr_matrix(self._vectorizer.transform(list(texts)))

    @staticmethod
    def similarity(query: sparse.csr_matrix, candidates: sparse.csr_matrix) -> np.ndarray:
        """Cosine similarity of one query row with each candidate row."""
        return np.asarray((candidates @ query.T).todense()).ravel().astype(np.float32)
