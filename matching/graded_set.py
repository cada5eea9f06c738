"""The graded set in tests/data/graded: 50 needs × 50 studios, each written in English and in
Chinese, every pair graded 0–3 by reading, split ONCE into tune and test needs (stored in the
data as each need's "split"). Scores plain MiniLM cosine and the passage scorer per language
pair; weights are chosen on the tune half only.

    python -m matching.graded_set [DIR] [--cache FILE]
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from matching.evaluate import ndcg_at_k
from matching.glossary import gloss
from matching.graded import GOOD, recall_at
from matching.passage_match import (
    PARTS,
    WEIGHTS,
    fuse_parts,
    need_pieces,
    score_parts,
    split_profile,
)
from matching.text import clean

PAIRS = ("en→en", "zh→en", "zh→zh", "en→zh")  # need language → studio language
GRID = {"affirm": (0.0, 0.5, 1.0), "maxsim": (0.0, 0.5, 1.0), "needmax": (0.0, 0.5, 1.0),
        "negation": (0.0, -0.5, -1.0)}  # fmt: skip


@dataclass
class GradedSet:
    """Needs and studios in both languages, grades, and the stored split."""

    needs: list[dict[str, Any]]
    studios: list[dict[str, Any]]
    grades: dict[str, dict[str, int]]

    def ids(self, half: str) -> list[str]:
        """The need ids of one half ("tune", "test" or a "holdout…" split), as stored."""
        return [n["id"] for n in self.needs if n["split"] == half]

    def halves(self) -> list[str]:
        """The halves present, reporting order: test, any holdout split, then tune."""
        present = list(dict.fromkeys(n["split"] for n in self.needs))
        extra = sorted(h for h in present if h not in ("tune", "test"))
        return [h for h in ("test", *extra, "tune") if h in present]


def valid_split(value: Any) -> bool:
    """'tune', 'test', or a holdout split ('holdout', 'holdout-2026', ...) scored on its own."""
    return value in ("tune", "test") or (isinstance(value, str) and value.startswith("holdout"))


def read_graded_set(folder: str | Path, *, holdout: bool = True) -> GradedSet:
    """needs.jsonl, studios.jsonl and judgments.jsonl of a graded folder, checked; needs and
    judgments of extra holdout files (``holdout*needs*.jsonl`` + ``holdout*judgments*.jsonl``,
    same format, graded over the same studios) are added, each reported as its own half, unless
    `holdout` is False (a sealed holdout stays unread)."""
    folder = Path(folder)

    def rows(name: str) -> list[dict[str, Any]]:
        lines = (folder / name).read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]

    needs, studios = rows("needs.jsonl"), rows("studios.jsonl")
    judged = rows("judgments.jsonl")
    for extra in sorted(folder.glob("holdout*needs*.jsonl")) if holdout else ():
        needs += rows(extra.name)
    for extra in sorted(folder.glob("holdout*judgments*.jsonl")) if holdout else ():
        judged += rows(extra.name)
    grades = {r["need"]: {k: int(v) for k, v in r["grades"].items()} for r in judged}
    studio_ids = {s["id"] for s in studios}
    for n in needs:
        if not valid_split(n.get("split")):
            raise ValueError(f"need {n['id']}: split must be 'tune', 'test' or 'holdout…'")
        if set(grades.get(n["id"], {})) != studio_ids:
            raise ValueError(f"need {n['id']}: judgments must grade every studio")
    return GradedSet(needs, studios, grades)


def _need(n: Mapping[str, Any], lang: str) -> tuple[str, str]:
    return (n["title_zh"], n["text_zh"]) if lang == "zh" else (n["title"], n["text"])


def _studio(s: Mapping[str, Any], lang: str) -> tuple[str, str]:
    return (s["name_zh"], s["text_zh"]) if lang == "zh" else (s["name"], s["text"])


@dataclass
class Result:
    """Per half, language pair and system: mean graded nDCG@10 and recall@5 (grade ≥ 2)."""

    chosen: dict[str, float]
    sizes: dict[str, int]
    figures: dict[tuple[str, str, str], tuple[float, float]] = field(default_factory=dict)


def _whole(title: str, text: str) -> str:
    return gloss(" ".join(p for p in (clean(title), clean(text)) if p))


class _Remembering:
    """An encoder that encodes each distinct text once (every need re-reads the same studios)."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.seen: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Rows for `texts`, encoding only the texts not seen before, in one batch."""
        new = [t for t in dict.fromkeys(texts) if t not in self.seen]
        if new:
            rows = np.asarray(self.inner.encode(new), dtype=np.float32)
            self.seen.update(zip(new, rows, strict=True))
        dim = next(iter(self.seen.values())).shape[0] if self.seen else 0
        return np.vstack([self.seen[t] for t in texts]) if texts else np.zeros((0, dim), np.float32)


def evaluate_set(data: GradedSet, encoder, weights: Mapping[str, float] | None = None) -> Result:
    """Cosine, the passage scorer at WEIGHTS and with weights chosen on the tune half."""
    encoder = _Remembering(encoder)
    cosine: dict[tuple[str, str], np.ndarray] = {}
    parts: dict[tuple[str, str], dict[str, np.ndarray]] = {}
    for pair in PAIRS:
        qlang, slang = pair.split("→")
        split = [split_profile(*_studio(s, slang)) for s in data.studios]
        wholes = [_whole(*_studio(s, slang)) for s in data.studios]
        svec = np.asarray(encoder.encode(wholes), dtype=np.float32)
        for n in data.needs:
            q = need_pieces(*_need(n, qlang))
            cosine[(pair, n["id"])] = svec @ np.asarray(encoder.encode([q[0]]), np.float32)[0]
            parts[(pair, n["id"])] = score_parts(q, split, encoder)
    grades = {n["id"]: np.array([data.grades[n["id"]][s["id"]] for s in data.studios], float)
              for n in data.needs}  # fmt: skip
    tune_ids = data.ids("tune")
    chosen = dict(weights) if weights is not None else _tune(parts, grades, tune_ids)
    result = Result(chosen, {"tune": len(tune_ids), "test": len(data.ids("test")),
                             "studios": len(data.studios)})  # fmt: skip
    systems = {
        "cosine": lambda key: cosine[key],
        "passages (default)": lambda key: fuse_parts(parts[key], WEIGHTS),
        "passages (tuned)": lambda key: fuse_parts(parts[key], chosen),
    }
    for half in data.halves():
        ids = data.ids(half)
        for pair in PAIRS:
            for name, score in systems.items():
                nd = np.mean([ndcg_at_k(score((pair, i)), grades[i]) for i in ids])
                rc = [recall_at(score((pair, i)), grades[i], 5, GOOD) for i in ids]
                rc_mean = float(np.nanmean(rc)) if not all(np.isnan(rc)) else float("nan")
                result.figures[(half, pair, name)] = (float(nd), rc_mean)
    return result


def _tune(parts, grades, ids: Sequence[str]) -> dict[str, float]:
    """Best mean nDCG@10 over all four language pairs of the tune needs; ties keep the earlier
    (smaller) weights."""
    best, best_score = dict(WEIGHTS), -1.0
    for combo in itertools.product(*(GRID[p] for p in PARTS)):
        w = dict(zip(PARTS, combo, strict=True))
        if not any(w[p] for p in ("affirm", "maxsim", "needmax")):
            continue
        score = np.mean([ndcg_at_k(fuse_parts(parts[(pair, i)], w), grades[i])
                         for pair in PAIRS for i in ids])  # fmt: skip
        if score > best_score + 1e-9:
            best, best_score = w, float(score)
    return best


def format_result(result: Result) -> str:
    """Test half first (the protocol's figures), then the tune half, with the ratios."""
    lines = [
        f"graded set: {result.sizes['tune']} tune + {result.sizes['test']} test needs × "
        f"{result.sizes['studios']} studios, each in English and Chinese; split stored in the data",
        "weights chosen on the tune half: " + ", ".join(f"{p} {result.chosen[p]:g}" for p in PARTS),
    ]
    lines += figure_rows(result.figures, ("cosine", "passages (default)", "passages (tuned)"), 20)
    return "\n".join(lines)


def figure_rows(
    figures: Mapping[tuple[str, str, str], tuple[float, float]], systems: Sequence[str], width: int
) -> list[str]:
    """The per-half table (test half first): nDCG@10, recall@5, × cosine and × en→en for every
    language pair and system; `figures` maps (half, pair, system) to (nDCG@10, recall@5)."""
    lines = []
    present = list(dict.fromkeys(h for h, _, _ in figures))
    halves = [h for h in ("test", *sorted(set(present) - {"tune", "test"}), "tune") if h in present]
    for half in halves:
        lines.append(f"{half} half{' (the protocol figure)' if half == 'test' else ''}")
        lines.append(f"  {'pair':<7}{'system':<{width}}{'nDCG@10':>9}{'recall@5':>10}"
                     f"{'× cosine':>10}{'× en→en':>9}")  # fmt: skip
        for pair in PAIRS:
            for name in systems:
                nd, rc = figures[(half, pair, name)]
                base = figures[(half, pair, "cosine")][0]
                en = figures[(half, "en→en", name)][0]
                lines.append(f"  {pair:<7}{name:<{width}}{nd:>9.3f}{rc:>10.3f}"
                             f"{_ratio(nd, base):>9}×{_ratio(nd, en):>8}×")  # fmt: skip
    return lines


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.3f}" if b else "n/a"
