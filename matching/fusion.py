"""Score normalisation and fusion. The fusion weights live here and only here.

Each part is first put on a common scale (z-scored over the candidates of one query), then the
final score is a weighted sum:

    score = sum(WEIGHTS[part] * normalise(raw[part]))

WEIGHTS are the frozen learned ranking in data/ranking_weights.json (a logistic regression chosen
on the tune half of the graded set; see matching/README.md, "Ranking").
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

logger = logging.getLogger(__name__)

# The parts the Matcher computes for every (query, candidate) pair (Matcher.raw_parts).
BASE_PARTS: tuple[str, ...] = ("dense", "passage", "lexical", "industry", "discipline")
PARTS: tuple[str, ...] = (
    *BASE_PARTS,
    # best cosine of the query's whole text with one candidate passage that is not an exclusion
    "maxsim",
    # mean over the query's passages of their best cosine with a candidate capability passage
    "needmax",
    # best cosine of the query with a passage stating what the candidate does NOT do (0: none)
    "negation",
    # how far that exclusion beats the candidate's best capability passage (0 when none)
    "neg_margin",
    # cosine with the query expanded by its two nearest candidates (pseudo-relevance feedback)
    "prf",
    # TF-IDF cosine of the glossed texts (Chinese read through glossary + lexicon)
    "lexg",
    # cosine with the candidate's text without its exclusion passages (dense when it states none)
    "affirm",
)
PASSAGE_PARTS: tuple[str, ...] = (
    "passage", "maxsim", "needmax", "negation", "neg_margin", "affirm",
)  # fmt: skip

# The hand-set weights the app ranked need↔studio by before the learned ranking (the graded
# bench prints them as "app before", fit tiers first). They still rank the scenario directions
# (a studio's scenarios, a scenario's studios), which the graded set does not judge; they were
# measured there on the label-based dev set (README, "Scoring").
HAND_WEIGHTS: dict[str, float] = {
    "dense": 1.0, "passage": 0.0, "lexical": 0.5, "industry": 1.0, "discipline": 1.0,
}  # fmt: skip

# The frozen ranking: a logistic regression over the z-scored parts, every choice (feature set,
# C, label threshold, per-language weights) made on the TUNE half of tests/data/graded only.
# Regenerate with `HF_HUB_OFFLINE=1 .venv/bin/python bench/match_graded.py --write`.
RANKING_PATH = Path(__file__).with_name("data") / "ranking_weights.json"


def load_ranking(path: Path = RANKING_PATH) -> dict[str, Any]:
    """The frozen ranking file: weights (every part, 0 where unused), per query language
    overrides ("by_query_language": {"zh": {...}}) and how they were chosen."""
    data = json.loads(path.read_text(encoding="utf-8"))
    unknown = set(data["weights"]) - set(PARTS)
    for extra in data.get("by_query_language", {}).values():
        unknown |= set(extra) - set(PARTS)
    if unknown:
        raise ValueError(f"{path.name}: unknown parts {sorted(unknown)}")
    return data


def _complete(weights: Mapping[str, float]) -> dict[str, float]:
    return {p: float(weights.get(p, 0.0)) for p in PARTS}


RANKING = load_ranking()
WEIGHTS: dict[str, float] = _complete(RANKING["weights"])
# Weights for a query written (mostly) in one language, where the tune half chose them.
WEIGHTS_BY_QUERY_LANGUAGE: dict[str, dict[str, float]] = {
    lang: _complete(w) for lang, w in RANKING.get("by_query_language", {}).items()
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
