"""Tag classifier: predicts industries and disciplines of untagged text from its embedding.

It is trained only on the system's own tagged data: the catalogue scenarios (whole text and
passages), each industry's trend text and each discipline's name. One logistic regression per
tag (one-vs-rest), so a studio can belong to several industries at once.

Optionally it adapts to the way studios and manufacturers write (first person, shorter, less
formal than the catalogue) by one round of self-training: untagged profile vectors get hard
pseudo-labels from the catalogue-only model (the top tag plus any with p >= 0.5) and are added
with a lower weight. This uses profile *texts* only, never anyone's labels.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression

from matching.tags import DISCIPLINES, INDUSTRIES

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TagExample:
    """One training vector with its tags; a facet set to None is unknown for this example."""

    vector: np.ndarray
    industries: tuple[str, ...] | None
    disciplines: tuple[str, ...] | None
    weight: float = 1.0


@dataclass(frozen=True)
class TagPrediction:
    """Per-row tag probabilities, columns in INDUSTRIES / DISCIPLINES order."""

    industries: np.ndarray
    disciplines: np.ndarray


def one_hot(codes: Sequence[str], vocabulary: Sequence[str]) -> np.ndarray:
    """A 0/1 float vector over vocabulary; unknown codes are ignored."""
    out = np.zeros(len(vocabulary), dtype=np.float32)
    for code in codes:
        if code in vocabulary:
            out[vocabulary.index(code)] = 1.0
    return out


class TagClassifier:
    """One-vs-rest logistic regressions over sentence embeddings for both tag facets."""

    def __init__(
        self,
        *,
        c: float = 10.0,
        pseudo_weight: float = 0.5,
        pseudo_threshold: float = 0.5,
        max_unlabelled: int = 5000,
        seed: int = 0,
    ) -> None:
        self.c = c
        self.pseudo_weight = pseudo_weight
        self.pseudo_threshold = pseudo_threshold
        self.max_unlabelled = max_unlabelled
        self.seed = seed
        self._models: dict[str, list[LogisticRegression | None]] = {}

    @property
    def fitted(self) -> bool:
        """Whether fit() has run."""
        return bool(self._models)

    def fit(
        self, examples: Sequence[TagExample], unlabelled: np.ndarray | None = None
    ) -> TagClassifier:
        """Fit both facets on examples, then self-train once on unlabelled vectors if given."""
        self._fit(examples)
        if unlabelled is not None and len(unlabelled) and self.pseudo_weight > 0:
            x = np.asarray(unlabelled, dtype=np.float32)
            if len(x) > self.max_unlabelled:
                rng = np.random.default_rng(self.seed)
                x = x[rng.choice(len(x), self.max_unlabelled, replace=False)]
            prediction = self.predict(x)
            pseudo = [
                TagExample(row, ind, disc, self.pseudo_weight)
                for row, ind, disc in zip(
                    x,
                    self._hard_labels(prediction.industries, INDUSTRIES),
                    self._hard_labels(prediction.disciplines, DISCIPLINES),
                    strict=True,
                )
            ]
            self._fit([*examples, *pseudo])
            logger.info("tag classifier self-trained on %d unlabelled profiles", len(x))
        return self

    def _hard_labels(self, probs: np.ndarray, vocabulary: Sequence[str]) -> list[tuple[str, ...]]:
        top = probs.argmax(axis=1)
        return [
            tuple(
                v
                for j, v in enumerate(vocabulary)
                if j == top[i] or row[j] >= self.pseudo_threshold
            )
            for i, row in enumerate(probs)
        ]

    def _fit(self, examples: Sequence[TagExample]) -> None:
        for facet, vocabulary in (("industries", INDUSTRIES), ("disciplines", DISCIPLINES)):
            rows = [e for e in examples if getattr(e, facet) is not None]
            x = np.vstack([e.vector for e in rows]).astype(np.float32)
            y = np.vstack([one_hot(getattr(e, facet), vocabulary) for e in rows])
            weights = np.array([e.weight for e in rows], dtype=np.float64)
            models: list[LogisticRegression | None] = []
            for j in range(len(vocabulary)):
                if y[:, j].min() == y[:, j].max():
                    models.append(None)
                    continue
                model = LogisticRegression(C=self.c, max_iter=2000)
                model.fit(x, y[:, j], sample_weight=weights)
                models.append(model)
            self._models[facet] = models
            missing = [v for v, m in zip(vocabulary, models, strict=True) if m is None]
            if missing:
                logger.warning("no training examples for %s %s", facet, ", ".join(missing))
        logger.info("tag classifier fitted on %d examples", len(examples))

    def predict(self, vectors: np.ndarray) -> TagPrediction:
        """Tag probabilities for each row of vectors (n, dim)."""
        if not self.fitted:
            raise RuntimeError("TagClassifier.fit must be called first")
        x = np.asarray(vectors, dtype=np.float32).reshape(-1, vectors.shape[-1])
        facets = {}
        for facet, models in self._models.items():
            columns = [
                m.predict_proba(x)[:, 1] if m is not None else np.zeros(len(x)) for m in models
            ]
            facets[facet] = np.column_stack(columns).astype(np.float32)
        return TagPrediction(facets["industries"], facets["disciplines"])

    def suggest(
        self, vector: np.ndarray, *, threshold: float = 0.5, limit: int = 3
    ) -> dict[str, list[tuple[str, float]]]:
        """Tags to offer a studio as suggestions when it edits its profile: (code, probability)."""
        prediction = self.predict(vector.reshape(1, -1))
        out: dict[str, list[tuple[str, float]]] = {}
        for facet, vocabulary, probs in (
            ("industries", INDUSTRIES, prediction.industries[0]),
            ("disciplines", DISCIPLINES, prediction.disciplines[0]),
        ):
            order = np.argsort(-probs)[:limit]
            picked = [(vocabulary[j], float(probs[j])) for j in order if probs[j] >= threshold]
            out[facet] = picked or [(vocabulary[order[0]], float(probs[order[0]]))]
        return out
