"""Score normalisation and fusion. The fusion weights live here and only here.

Each part is first put on a common scale, then the final score is a weighted sum:

    score = sum(WEIGHTS[part] * normalise(raw[part]))

See matching/README.md ("Scoring") for the ablation behind these numbers.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

import numpy as np

logger = logging.getLogger(__name__)

PARTS: tuple[str, ...] = ("dense", "passage", "lexical", "industry", "discipline")

WEIGHTS: dict[str, float] = {
    # whole-text cosine of the two MiniLM embeddings: the broad semantic fit
    "dense": 1.0,
    # best-matching passage pair (title, sentence or portfolio item). Measured: no gain on the dev
    # set or the sample in either direction (README, ablation), so it does not vote; it is still
    # computed, reported in the parts and quoted in every explanation.
    "passage": 0.0,
    # TF-IDF cosine: exact product words ("moxibustion", "BIPV") the encoder blurs
    "lexical": 0.5,
    # P(the two share an industry) and P(they share a discipline), from ticked, catalogue or
    # predicted tags. Relevance is one point per shared facet, so the two get equal weight.
    "industry": 1.0,
    "discipline": 1.0,
}

# Normalisation "z": per query, over the candidates being ranked; a part that is constant
# across candidates contributes 0.
EPS = 1e-6


def zscore(raw: np.ndarray) -> np.ndarray:
    """Standardise one part over the candidates of one query (mean 0, std 1)."""
    raw = np.asarray(raw, dtype=np.float64)
    if raw.size == 0:
        return raw.astype(np.float32)
    std = raw.std()
    if std < EPS:
        return np.zeros_like(raw, dtype=np.float32)
    return ((raw - raw.mean()) / std).astype(np.float32)


def minmax(raw: np.ndarray) -> np.ndarray:
    """Rescale one part to [0, 1] over the candidates of one query."""
    raw = np.asarray(raw, dtype=np.float64)
    if raw.size == 0:
        return raw.astype(np.float32)
    span = raw.max() - raw.min()
    if span < EPS:
        return np.zeros_like(raw, dtype=np.float32)
    return ((raw - raw.min()) / span).astype(np.float32)


NORMALISERS = {"z": zscore, "minmax": minmax}


def normalise(raw: Mapping[str, np.ndarray], method: str = "z") -> dict[str, np.ndarray]:
    """Normalise every part with the same method."""
    fn = NORMALISERS[method]
    return {name: fn(values) for name, values in raw.items()}


def fuse(
    normalised: Mapping[str, np.ndarray], weights: Mapping[str, float] | None = None
) -> np.ndarray:
    """Weighted sum of normalised parts; parts without a weight (or weight 0) are ignored."""
    weights = WEIGHTS if weights is None else weights
    total: np.ndarray | None = None
    for name, values in normalised.items():
        w = weights.get(name, 0.0)
        if not w:
            continue
        total = w * values if total is None else total + w * values
    if total is None:
        n = len(next(iter(normalised.values()))) if normalised else 0
        return np.zeros(n, dtype=np.float32)
    return total.astype(np.float32)
