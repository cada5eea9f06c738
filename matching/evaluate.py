"""Offline evaluation: nDCG@10 of the hybrid matcher against same-run TF-IDF and cosine baselines.

Relevance of a (query, candidate) pair comes from the labels only: 1 for a shared industry plus 1
for a shared discipline (so 0, 1 or 2). The system sees only ``text`` (and a need's ``title``);
catalogue scenarios keep their tags (they are the system's own data). Gain is linear in
relevance, discount 1/log2(rank + 1), ideal ordering over all candidates of the query.

    python -m matching.evaluate --studios F --needs F --scenarios-dir DIR
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from matching.encoder import Encoder
from matching.fusion import PARTS, PASSAGE_PARTS, WEIGHTS, fuse, normalise
from matching.report import DirectionResult, format_fit, format_report, zh_ratios
from matching.store import encode_profiles
from matching.text import build_text, lexical_text
from matching.types import Profile

# Re-exported for callers of the earlier single-module API.
__all__ = ["DirectionResult", "evaluate", "format_fit", "format_report", "zh_ratios"]

logger = logging.getLogger(__name__)

K = 10
TAG_PARTS = ("industry", "discipline")
DIRECTIONS = ("need→studio", "studio→need", "studio→scenario")


def labels_of(item: Mapping[str, Any]) -> tuple[set[str], set[str]]:
    """(industries, disciplines) label sets of a studio, need or scenario dict."""
    industries = item.get("industries") or ([item["industry"]] if item.get("industry") else [])
    return set(industries), set(item.get("disciplines") or ())


def relevance(query: Mapping[str, Any], candidate: Mapping[str, Any]) -> int:
    """2 = shares an industry and a discipline, 1 = shares one of the two, 0 = neither."""
    qi, qd = labels_of(query)
    ci, cd = labels_of(candidate)
    return int(bool(qi & ci)) + int(bool(qd & cd))


def ndcg_at_k(
    scores: Sequence[float] | np.ndarray, rels: Sequence[int] | np.ndarray, k: int = K
) -> float:
    """nDCG@k of one ranking (ties broken by input order); NaN when no candidate is relevant."""
    scores = np.asarray(scores, dtype=np.float64)
    gains = np.asarray(rels, dtype=np.float64)
    discount = 1.0 / np.log2(np.arange(2, k + 2))
    order = np.argsort(-scores, kind="stable")[:k]
    ideal = np.sort(gains)[::-1][:k]
    idcg = float((ideal * discount[: len(ideal)]).sum())
    if idcg == 0:
        return float("nan")
    return float((gains[order] * discount[: len(order)]).sum()) / idcg


def ablation_configs(
    weights: Mapping[str, float], passages: bool = True
) -> dict[str, dict[str, float]]:
    """The hybrid, each part alone, and the hybrid without each part (passage ones if scored)."""
    configs: dict[str, dict[str, float]] = {"hybrid": dict(weights)}
    for part in PARTS:
        if part != "passage" or passages:
            configs[f"only {part}"] = {p: (1.0 if p == part else 0.0) for p in PARTS}
    configs["only tags"] = {p: float(p in TAG_PARTS) for p in PARTS}
    for part in PARTS:
        if weights.get(part):
            configs[f"without {part}"] = {**weights, part: 0.0}
    configs["without tags"] = {**weights, **dict.fromkeys(TAG_PARTS, 0.0)}
    if passages and not weights.get("passage"):
        configs["with passage 0.5"] = {**weights, "passage": 0.5}
    return configs


def _mean_ndcg(
    queries: Sequence[Mapping[str, Any]],
    candidates: Sequence[Mapping[str, Any]],
    scores: Sequence[np.ndarray],
) -> float:
    values = []
    for query, score in zip(queries, scores, strict=True):
        value = ndcg_at_k(score, [relevance(query, c) for c in candidates])
        if not np.isnan(value):
            values.append(value)
    return float(np.mean(values)) if values else float("nan")


@dataclass
class _Setup:
    """One matcher fitted on every evaluated text, the prepared profiles and the TF-IDF baseline."""

    matcher: Any
    prepared: dict[str, Any]
    tfidf: TfidfVectorizer
    configs: dict[str, dict[str, float]]
    normalisation: str


def _setup(
    groups: Mapping[str, Sequence[Mapping[str, Any]]],
    scenarios: Sequence[Mapping[str, Any]],
    encoder: Encoder,
    *,
    industries: Sequence[Mapping[str, Any]],
    disciplines: Sequence[Mapping[str, Any]],
    weights: Mapping[str, float],
    normalisation: str,
    adapt: bool,
    passages: bool,
) -> _Setup:
    from matching.engine import Matcher  # engine pulls in sklearn models; keep import local

    keyed = [(f"{g}:{item['id']}", item) for g, items in groups.items() for item in items]
    profiles = [Profile.from_dict({**item, "id": key}, with_tags=False) for key, item in keyed]
    corpus = [lexical_text(p) for p in profiles]
    vectors, _ = encode_profiles(encoder, profiles, with_passages=passages)
    matcher = Matcher.from_catalog(
        scenarios, encoder, industries=industries, disciplines=disciplines, corpus=corpus,
        unlabelled=np.vstack([v.whole for v in vectors]) if adapt and vectors else None,
        normalisation=normalisation, weights=weights,
    )  # fmt: skip
    matcher.score_passages = passages
    ready = matcher.prepare(profiles, vectors=vectors)
    prepared = dict(zip((k for k, _ in keyed), ready, strict=True))
    for item in matcher.catalogue.items:
        prepared[f"scenario:{item.id}"] = item
    tfidf = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    tfidf.fit([build_text(p.profile) for p in prepared.values()])
    return _Setup(matcher, prepared, tfidf, ablation_configs(weights, passages), normalisation)


def _direction(
    setup: _Setup,
    queries: Sequence[tuple[str, Mapping[str, Any]]],
    candidates: Sequence[tuple[str, Mapping[str, Any]]],
    pool: Any = None,
) -> DirectionResult:
    """nDCG@10 of every system, and fit-level precision, for (key, labelled dict) queries."""
    from matching.fit import fit_level

    q_x = [setup.prepared[k] for k, _ in queries]
    c_x = [setup.prepared[k] for k, _ in candidates]
    q_items, c_items = [d for _, d in queries], [d for _, d in candidates]
    pool = pool if pool is not None else setup.matcher.pool(c_x)
    raw = [setup.matcher.raw_parts(q, pool) for q in q_x]
    norm = [normalise(r, setup.normalisation) for r in raw]
    result = DirectionResult(queries=len(q_x), candidates=len(c_x))
    q_t = setup.tfidf.transform([build_text(p.profile) for p in q_x])
    c_t = setup.tfidf.transform([build_text(p.profile) for p in c_x])
    tfidf_scores = [(c_t @ q_t[i].T).toarray().ravel() for i in range(len(q_x))]
    result.scores["tfidf"] = _mean_ndcg(q_items, c_items, tfidf_scores)
    whole = np.vstack([c.vectors.whole for c in c_x])
    result.scores["cosine"] = _mean_ndcg(q_items, c_items, [whole @ q.vectors.whole for q in q_x])
    for label, w in setup.configs.items():
        result.scores[label] = _mean_ndcg(q_items, c_items, [fuse(n, w) for n in norm])
    shown: dict[str, list[int]] = {}
    for query, r, n in zip(q_items, raw, norm, strict=True):
        for j in np.argsort(-fuse(n, setup.configs["hybrid"]), kind="stable")[:K]:
            level = fit_level({name: float(v[j]) for name, v in r.items()})
            if level is not None:
                shown.setdefault(level, []).append(relevance(query, c_items[j]))
    for level, rels in shown.items():
        arr = np.asarray(rels)
        result.fit[level] = (len(arr), float((arr >= 1).mean()), float((arr == 2).mean()))
    return result


def evaluate(
    studios: Sequence[Mapping[str, Any]],
    needs: Sequence[Mapping[str, Any]],
    scenarios: Sequence[Mapping[str, Any]],
    encoder: Encoder,
    *,
    industries: Sequence[Mapping[str, Any]] = (),
    disciplines: Sequence[Mapping[str, Any]] = (),
    weights: Mapping[str, float] | None = None,
    normalisation: str = "z",
    adapt: bool = True,
    passages: bool | None = None,
    zh_needs: Sequence[Mapping[str, Any]] = (),
    zh_studios: Sequence[Mapping[str, Any]] = (),
) -> dict[str, DirectionResult]:
    """nDCG@10 of hybrid, tf-idf and cosine (plus the ablation) in every direction.

    Directions: need→studio, studio→need, studio→scenario. With Chinese needs/studios (same ids
    and labels as English originals), also ``zh need→studio`` (Chinese needs over the English
    studios) with ``en need→studio`` (the same needs in English), and likewise studio→need.
    ``passages`` also encodes and scores the passage parts (for their ablation rows); by default
    they are scored when the weights use one (the learned ranking does), as in the app.
    """
    weights = dict(WEIGHTS if weights is None else weights)
    if passages is None:
        passages = any(weights.get(p) for p in PASSAGE_PARTS)
    groups = {"studio": studios, "need": needs, "zh-need": zh_needs, "zh-studio": zh_studios}
    setup = _setup(
        groups, scenarios, encoder, industries=industries, disciplines=disciplines,
        weights=weights, normalisation=normalisation, adapt=adapt, passages=passages,
    )  # fmt: skip

    def keyed(group: str, items: Sequence[Mapping[str, Any]]) -> list[tuple[str, Any]]:
        return [(f"{group}:{item['id']}", item) for item in items]

    s_keys, n_keys = keyed("studio", studios), keyed("need", needs)
    scenario_keys = [(f"scenario:{s['code']}", s) for s in scenarios]
    results = {
        "need→studio": _direction(setup, n_keys, s_keys),
        "studio→need": _direction(setup, s_keys, n_keys),
        "studio→scenario": _direction(setup, s_keys, scenario_keys, setup.matcher.catalogue),
    }
    for group, originals, english, direction, cands in (
        ("zh-need", zh_needs, "need", "need→studio", s_keys),
        ("zh-studio", zh_studios, "studio", "studio→need", n_keys),
    ):
        if originals:
            results[f"zh {direction}"] = _direction(setup, keyed(group, originals), cands)
            results[f"en {direction}"] = _direction(setup, keyed(english, originals), cands)
    return results


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Read a JSON Lines file (blank lines skipped)."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def read_catalogue(directory: str | Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(industries without scenarios, scenarios) from a directory of ``<CODE>.json`` files."""
    industries, scenarios = [], []
    for path in sorted(Path(directory).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        scenarios.extend(data.get("scenarios", []))
        industries.append({k: v for k, v in data.items() if k != "scenarios"})
    return industries, scenarios


def main(argv: Sequence[str] | None = None) -> int:
    """CLI: print the evaluation table."""
    parser = argparse.ArgumentParser(prog="python -m matching.evaluate", description=__doc__)
    parser.add_argument("--studios", required=True)
    parser.add_argument("--needs", required=True)
    parser.add_argument("--scenarios-dir", required=True, help="directory of <CODE>.json files")
    parser.add_argument(
        "--disciplines", help="disciplines.json (default: next to the scenarios directory)"
    )
    parser.add_argument("--zh-needs", help="needs written in Chinese (same ids/labels as --needs)")
    parser.add_argument("--zh-studios", help="studios written in Chinese (same ids as --studios)")
    parser.add_argument("--passages", action="store_true", help="also score the passage part")
    parser.add_argument("--normalisation", default="z", choices=("z", "minmax"))
    parser.add_argument(
        "--no-adapt", action="store_true", help="no tagger self-training on the profile texts"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    from matching.encoder import get_encoder

    industries, scenarios = read_catalogue(args.scenarios_dir)
    disc_path = Path(args.disciplines or Path(args.scenarios_dir).parent / "disciplines.json")
    disciplines = json.loads(disc_path.read_text(encoding="utf-8")) if disc_path.is_file() else []
    results = evaluate(
        read_jsonl(args.studios), read_jsonl(args.needs), scenarios, get_encoder(),
        industries=industries, disciplines=disciplines, normalisation=args.normalisation,
        adapt=not args.no_adapt, passages=args.passages,
        zh_needs=read_jsonl(args.zh_needs) if args.zh_needs else (),
        zh_studios=read_jsonl(args.zh_studios) if args.zh_studios else (),
    )  # fmt: skip
    sys.stdout.write(format_report(results, f"{args.studios} + {args.needs}") + "\n")
    sys.stdout.write(format_fit(results) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
