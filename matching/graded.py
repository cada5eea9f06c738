"""Matching judged by reading: graded nDCG@10 and recall@5 on human 0–3 grades, frozen split.

A judgments file holds, per need, a 0–3 grade for every studio ("would a manufacturer shortlist
this studio?", judged from the texts alone). The needs are split ONCE into a tune half and a
test half by a fixed seed (`split`); weights are chosen on the tune half only (`tune`) and the
figures reported are the test half's, with plain MiniLM cosine scored in the same run.
Figures: graded nDCG@10 (gain = grade, discount 1/log2(rank+1), ideal over all candidates) and
recall@5 of the studios graded ≥ 2. Run it with `python bench/match_graded.py`.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from matching.evaluate import _setup, ndcg_at_k
from matching.fusion import BASE_PARTS as PARTS
from matching.fusion import HAND_WEIGHTS as WEIGHTS  # this older harness tunes the hand weights
from matching.fusion import fuse, normalise

SEED = "issue-20"  # frozen: changing it re-opens the test half to tuning
GOOD = 2  # grade counted as "a good studio" for recall@5
GRID = (0.0, 0.5, 1.0)  # weight grid for passage, lexical, industry and discipline (dense = 1)


def read_judgments(path: str | Path) -> dict[str, dict[str, int]]:
    """{need id: {studio id: grade}} from a judgments JSON Lines file."""
    out = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out[str(row["need"])] = {str(k): int(v) for k, v in row["grades"].items()}
    return out


def split(need_ids: Sequence[str], seed: str = SEED) -> tuple[list[str], list[str]]:
    """(tune, test): needs ordered by a seeded hash, first half tune. The same id set always
    gives the same halves, whatever the input order (judging more needs re-draws the split:
    re-tune on the new tune half before reporting)."""
    ordered = sorted(need_ids, key=lambda i: hashlib.sha256(f"{seed}:{i}".encode()).hexdigest())
    half = (len(ordered) + 1) // 2
    return sorted(ordered[:half]), sorted(ordered[half:])


def recall_at(scores: np.ndarray, grades: np.ndarray, k: int = 5, good: int = GOOD) -> float:
    """Share of the candidates graded ≥ good that are in the top k (NaN when there are none)."""
    wanted = grades >= good
    if not wanted.any():
        return float("nan")
    top = np.argsort(-scores, kind="stable")[:k]
    return float(wanted[top].sum() / wanted.sum())


@dataclass
class Figures:
    """Mean graded nDCG@10 and recall@5 of one system over some needs."""

    ndcg: float
    recall5: float
    needs: int


@dataclass
class GradedResult:
    """The protocol's output: chosen weights, and per split and system, the figures."""

    tune_ids: list[str]
    test_ids: list[str]
    chosen: dict[str, float]
    figures: dict[str, dict[str, Figures]] = field(default_factory=dict)  # split -> system -> F


def _mean(values: list[float]) -> float:
    kept = [v for v in values if not np.isnan(v)]
    return float(np.mean(kept)) if kept else float("nan")


def _figures(scores: Mapping[str, np.ndarray], grades: Mapping[str, np.ndarray]) -> Figures:
    return Figures(
        ndcg=_mean([ndcg_at_k(scores[n], grades[n]) for n in scores]),
        recall5=_mean([recall_at(scores[n], grades[n]) for n in scores]),
        needs=len(scores),
    )


def grid(base: Mapping[str, float] = WEIGHTS) -> list[dict[str, float]]:
    """Every weight set on the grid (dense fixed at 1), the current weights first."""
    sets = [dict(base)]
    for p, lx, ind, dis in itertools.product(GRID, repeat=4):
        sets.append({"dense": 1.0, "passage": p, "lexical": lx, "industry": ind,
                     "discipline": dis})  # fmt: skip
    return sets


def tune(
    parts: Mapping[str, Mapping[str, np.ndarray]], grades: Mapping[str, np.ndarray]
) -> dict[str, float]:
    """The weight set with the best mean graded nDCG@10 on these (tune) needs; ties go to the
    earlier set (the current weights, then the smaller weights)."""
    best, best_score = dict(WEIGHTS), -1.0
    for weights in grid():
        scores = {n: fuse(parts[n], weights) for n in parts}
        score = _figures(scores, grades).ndcg
        if score > best_score + 1e-9:
            best, best_score = weights, score
    return best


def evaluate_graded(
    studios: Sequence[Mapping[str, Any]],
    needs: Sequence[Mapping[str, Any]],
    judgments: Mapping[str, Mapping[str, int]],
    scenarios: Sequence[Mapping[str, Any]],
    encoder: Any,
    *,
    industries: Sequence[Mapping[str, Any]] = (),
    disciplines: Sequence[Mapping[str, Any]] = (),
    variants: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
) -> GradedResult:
    """Tune on one half of the judged needs, report both halves for: plain cosine, the current
    hybrid, the tuned hybrid. `variants` adds studio sets with the same ids (e.g. the studios
    written in Chinese): each is scored as "<name>" with the same needs and grades."""
    judged = [n for n in needs if str(n["id"]) in judgments]
    tune_ids, test_ids = split([str(n["id"]) for n in judged])
    groups: dict[str, Sequence[Mapping[str, Any]]] = {"need": judged, "studio": studios}
    for name, items in (variants or {}).items():
        groups[f"v-{name}"] = items
    setup = _setup(groups, scenarios, encoder, industries=industries, disciplines=disciplines,
                   weights=WEIGHTS, normalisation="z", adapt=True, passages=True)  # fmt: skip
    studio_sets = {"": studios, **(variants or {})}
    result = GradedResult(tune_ids, test_ids, {})
    per_set: dict[str, tuple[dict, dict, dict]] = {}
    for name, items in studio_sets.items():
        group = "studio" if not name else f"v-{name}"
        cands = [setup.prepared[f"{group}:{s['id']}"] for s in items]
        pool = setup.matcher.pool(cands)
        parts, cosine, grades = {}, {}, {}
        for need in judged:
            nid = str(need["id"])
            raw = setup.matcher.raw_parts(setup.prepared[f"need:{nid}"], pool)
            parts[nid] = normalise(raw, "z")
            cosine[nid] = np.asarray(raw["dense"])
            grades[nid] = np.array([judgments[nid].get(str(s["id"]), 0) for s in items], float)
        per_set[name] = (parts, cosine, grades)
    parts, _cos, grades = per_set[""]
    result.chosen = tune({n: parts[n] for n in tune_ids}, {n: grades[n] for n in tune_ids})
    for name, (parts, cosine, grades) in per_set.items():
        for half, ids in (("tune", tune_ids), ("test", test_ids)):
            g = {n: grades[n] for n in ids}
            key = f"{name} {half}".strip()
            result.figures[key] = {
                "cosine": _figures({n: cosine[n] for n in ids}, g),
                "hybrid (current)": _figures({n: fuse(parts[n], WEIGHTS) for n in ids}, g),
                "hybrid (tuned)": _figures({n: fuse(parts[n], result.chosen) for n in ids}, g),
            }
    return result


def format_graded(result: GradedResult) -> str:
    """The plain-text report: the split, the chosen weights, a table per split."""
    chosen = ", ".join(f"{p} {result.chosen.get(p, 0):g}" for p in PARTS)
    lines = [
        f"frozen split (seed {SEED!r}): tune {', '.join(result.tune_ids)} | "
        f"test {', '.join(result.test_ids)}",
        f"weights chosen on the tune half: {chosen}",
        f"{'split':<16}{'system':<20}{'graded nDCG@10':>16}{'recall@5 (>=2)':>16}{'needs':>7}",
    ]
    for split_name, systems in result.figures.items():
        base = systems["cosine"].ndcg
        for system, f in systems.items():
            ratio = f"  ({f.ndcg / base:.3f}x cosine)" if system != "cosine" and base else ""
            lines.append(f"{split_name:<16}{system:<20}{f.ndcg:>16.3f}{f.recall5:>16.3f}"
                         f"{f.needs:>7}{ratio}")  # fmt: skip
    return "\n".join(lines)
