"""Lexical tag suggestions: industries and disciplines of a text by TF-IDF, no embedding model.

Each tag becomes one document made of the texts tagged with it (for example every catalogue
scenario of an industry, and a discipline's own names); a query is scored against those
documents by cosine similarity. Fast (milliseconds) and bounded by the caller's text cap, so a
web request can afford it while the embedding model stays in the background jobs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from matching.lexical import LexicalScorer

FACETS = ("industries", "disciplines")


@dataclass(frozen=True)
class TaggedText:
    """A text with the tags it is known to carry."""

    text: str
    industries: tuple[str, ...] = ()
    disciplines: tuple[str, ...] = ()


class LexicalTagger:
    """One TF-IDF document per tag; suggest() ranks the tags of each facet for a text."""

    def __init__(self, examples: Iterable[TaggedText]) -> None:
        docs: dict[str, dict[str, list[str]]] = {f: defaultdict(list) for f in FACETS}
        for example in examples:
            for facet in FACETS:
                for code in getattr(example, facet):
                    docs[facet][code].append(example.text)
        self._codes = {f: sorted(docs[f]) for f in FACETS}
        texts = {f: ["\n".join(docs[f][c]) for c in self._codes[f]] for f in FACETS}
        self._scorer = LexicalScorer(max_df=1.0).fit([t for f in FACETS for t in texts[f]])
        self._matrix = {f: self._scorer.transform(texts[f]) for f in FACETS if texts[f]}

    def suggest(
        self, text: str, top: int = 3, min_score: float = 0.05
    ) -> dict[str, list[tuple[str, float]]]:
        """The best `top` tags per facet scoring at least `min_score`, best first."""
        out: dict[str, list[tuple[str, float]]] = {f: [] for f in FACETS}
        if not text.strip():
            return out
        query = self._scorer.transform([text])
        for facet, matrix in self._matrix.items():
            scores = LexicalScorer.similarity(query, matrix)
            ranked = sorted(zip(self._codes[facet], scores, strict=True), key=lambda p: -p[1])
            out[facet] = [(c, round(float(s), 4)) for c, s in ranked[:top] if s >= min_score]
        return out


def codes_of(pairs: Sequence[tuple[str, float]]) -> list[str]:
    """The codes of suggest()'s (code, score) pairs."""
    return [code for code, _score in pairs]
