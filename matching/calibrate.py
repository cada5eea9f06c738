"""Choose the fit-level thresholds on a labelled set (how matching.fit.THRESHOLDS were chosen).

Every (need, studio) pair of the labelled set is scored; relevance comes from the labels. For each
level the loosest threshold (most pairs admitted) whose precision meets its target is chosen:

- strong:   points >= s and dense >= d, with P(relevance = 2) >= STRONG_TARGET;
- good:     points >= g,               with P(relevance >= 1) >= GOOD_TARGET;
- possible: points >= p or dense >= q, with P(relevance >= 1) >= POSSIBLE_TARGET.

    python -m matching.calibrate --studios F --needs F --scenarios-dir DIR
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from matching.encoder import Encoder
from matching.evaluate import _setup, read_catalogue, read_jsonl, relevance
from matching.fit import Thresholds
from matching.fusion import WEIGHTS

logger = logging.getLogger(__name__)

STRONG_TARGET = 0.80
GOOD_TARGET = 0.90
POSSIBLE_TARGET = 0.60
MIN_SUPPORT = 20  # a level admitting fewer pairs than this is not trusted
GRID = np.round(np.arange(0.0, 2.01, 0.05), 2)
DENSE_GRID = np.round(np.arange(0.20, 0.81, 0.05), 2)


def pair_table(
    studios: Sequence[Mapping[str, Any]],
    needs: Sequence[Mapping[str, Any]],
    scenarios: Sequence[Mapping[str, Any]],
    encoder: Encoder,
    **catalogue: Any,
) -> dict[str, np.ndarray]:
    """Raw points, dense cosine and label relevance of every (need, studio) pair."""
    setup = _setup(
        {"studio": studios, "need": needs}, scenarios, encoder, weights=WEIGHTS,
        normalisation="z", adapt=True, passages=False, **catalogue,
    )  # fmt: skip
    pool = setup.matcher.pool([setup.prepared[f"studio:{s['id']}"] for s in studios])
    points, dense, rel = [], [], []
    for need in needs:
        raw = setup.matcher.raw_parts(setup.prepared[f"need:{need['id']}"], pool)
        points.append(raw["industry"] + raw["discipline"])
        dense.append(raw["dense"])
        rel.append([relevance(need, s) for s in studios])
    return {k: np.concatenate(v) for k, v in (("points", points), ("dense", dense), ("rel", rel))}


def _best(masks: dict[tuple[float, ...], np.ndarray], good: np.ndarray, target: float) -> Any:
    best, best_n = None, -1
    for key, mask in masks.items():
        n = int(mask.sum())
        if n >= MIN_SUPPORT and good[mask].mean() >= target and n > best_n:
            best, best_n = key, n
    return best


def choose(table: Mapping[str, np.ndarray]) -> Thresholds:
    """The loosest thresholds meeting each level's precision target."""
    pts, dense, rel = table["points"], table["dense"], table["rel"]
    strong = _best(
        {(s, d): (pts >= s) & (dense >= d) for s in GRID for d in DENSE_GRID}, rel == 2,
        STRONG_TARGET,
    )  # fmt: skip
    good = _best({(g,): pts >= g for g in GRID}, rel >= 1, GOOD_TARGET)
    possible = _best(
        {(p, q): (pts >= p) | (dense >= q) for p in GRID for q in DENSE_GRID}, rel >= 1,
        POSSIBLE_TARGET,
    )  # fmt: skip
    if strong is None or good is None or possible is None:
        raise ValueError("no threshold meets the precision targets on this set")
    values = (strong[0], strong[1], good[0], possible[0], possible[1])
    return Thresholds(*(float(v) for v in values))


def describe(table: Mapping[str, np.ndarray], t: Thresholds) -> str:
    """Pairs admitted and precision per level (each level excludes the ones above it)."""
    pts, dense, rel = table["points"], table["dense"], table["rel"]
    strong = (pts >= t.strong_points) & (dense >= t.strong_dense)
    good = (pts >= t.good_points) & ~strong
    possible = ((pts >= t.possible_points) | (dense >= t.possible_dense)) & ~strong & ~good
    none = ~(strong | good | possible)
    lines = [f"{t}", f"pairs: {len(rel)}; base rate P(rel>=1) {np.mean(rel >= 1):.3f}"]
    for name, mask in (("strong", strong), ("good", good), ("possible", possible), ("none", none)):
        n = int(mask.sum())
        p1 = float((rel[mask] >= 1).mean()) if n else float("nan")
        p2 = float((rel[mask] == 2).mean()) if n else float("nan")
        lines.append(f"  {name:<9} {n:>5} pairs  P(rel>=1) {p1:.3f}  P(rel=2) {p2:.3f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """CLI: print the chosen thresholds and what they admit."""
    parser = argparse.ArgumentParser(prog="python -m matching.calibrate", description=__doc__)
    parser.add_argument("--studios", required=True)
    parser.add_argument("--needs", required=True)
    parser.add_argument("--scenarios-dir", required=True)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    from matching.encoder import get_encoder
    from matching.fit import THRESHOLDS

    industries, scenarios = read_catalogue(args.scenarios_dir)
    disc = Path(args.scenarios_dir).parent / "disciplines.json"
    disciplines = json.loads(disc.read_text(encoding="utf-8")) if disc.is_file() else []
    table = pair_table(
        read_jsonl(args.studios), read_jsonl(args.needs), scenarios, get_encoder(),
        industries=industries, disciplines=disciplines,
    )  # fmt: skip
    sys.stdout.write("current:\n" + describe(table, THRESHOLDS) + "\n")
    sys.stdout.write("chosen:\n" + describe(table, choose(table)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
