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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from matching.encoder import Encoder
from matching.fusion import PARTS, WEIGHTS, fuse, normalise
from matching.store import encode_profiles
from matching.text import build_text, lexical_text
from matching.types import Profile

logger = logging.getLogger(__name__)

K = 10
TAG_PARTS = ("industry", "discipline")
DIRECTIONS = ("need→studio", "studio→scenario")


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


@dataclass
class DirectionResult:
    """Mean nDCG@10 per system for one direction, over queries with a relevant candidate."""

    queries: int
    candidates: int
    scores: dict[str, float] = field(default_factory=dict)

    @property
    def best_baseline(self) -> float:
        """The better of the two baselines."""
        return max(self.scores["tfidf"], self.scores["cosine"])

    @property
    def ratio(self) -> float:
        """Hybrid over the better baseline."""
        return self.scores["hybrid"] / self.best_baseline


def ablation_configs(weights: Mapping[str, float]) -> dict[str, dict[str, float]]:
    """The hybrid, each part alone, and the hybrid without each part."""
    configs: dict[str, dict[str, float]] = {"hybrid": dict(weights)}
    for part in PARTS:
        configs[f"only {part}"] = {p: (1.0 if p == part else 0.0) for p in PARTS}
    configs["only tags"] = {p: float(p in TAG_PARTS) for p in PARTS}
    for part in PARTS:
        if weights.get(part):
            configs[f"without {part}"] = {**weights, part: 0.0}
    configs["without tags"] = {**weights, **dict.fromkeys(TAG_PARTS, 0.0)}
    if not weights.get("passage"):
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
) -> dict[str, DirectionResult]:
    """nDCG@10 of hybrid, tf-idf and cosine (plus the ablation) in both directions."""
    from matching.engine import Matcher  # engine pulls in sklearn models; keep import local

    weights = dict(WEIGHTS if weights is None else weights)
    studio_p = [Profile.from_dict(s, with_tags=False) for s in studios]
    need_p = [Profile.from_dict(n, with_tags=False) for n in needs]
    corpus = [lexical_text(p) for p in studio_p + need_p]
    vectors, _ = encode_profiles(encoder, studio_p + need_p)
    matcher = Matcher.from_catalog(
        scenarios, encoder, industries=industries, disciplines=disciplines, corpus=corpus,
        unlabelled=np.vstack([v.whole for v in vectors]) if adapt else None,
        normalisation=normalisation, weights=weights,
    )  # fmt: skip
    prepared = matcher.prepare(studio_p + need_p, vectors=vectors)
    studio_x, need_x = prepared[: len(studio_p)], prepared[len(studio_p) :]
    studio_pool = matcher.pool(studio_x)
    scenario_x = matcher.catalogue.items

    tfidf = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    tfidf.fit([build_text(p.profile) for p in [*scenario_x, *studio_x, *need_x]])

    def tfidf_rows(items: Sequence[Any]) -> Any:
        return tfidf.transform([build_text(p.profile) for p in items])

    configs = ablation_configs(weights)
    results: dict[str, DirectionResult] = {}
    for name, queries, cands, pool, labelled in (
        (DIRECTIONS[0], need_x, studio_x, studio_pool, (needs, studios)),
        (DIRECTIONS[1], studio_x, scenario_x, matcher.catalogue, (studios, scenarios)),
    ):
        raw = [matcher.raw_parts(q, pool) for q in queries]
        norm = [normalise(r, normalisation) for r in raw]
        cand_whole = np.vstack([c.vectors.whole for c in cands])
        q_tfidf, c_tfidf = tfidf_rows(queries), tfidf_rows(cands)
        result = DirectionResult(queries=len(queries), candidates=len(cands))
        tfidf_scores = [(c_tfidf @ q_tfidf[i].T).toarray().ravel() for i in range(len(queries))]
        result.scores["tfidf"] = _mean_ndcg(*labelled, tfidf_scores)
        cosine_scores = [cand_whole @ q.vectors.whole for q in queries]
        result.scores["cosine"] = _mean_ndcg(*labelled, cosine_scores)
        for label, w in configs.items():
            result.scores[label] = _mean_ndcg(*labelled, [fuse(n, w) for n in norm])
        results[name] = result
    return results


def format_report(results: Mapping[str, DirectionResult], title: str = "") -> str:
    """A plain-text table: one row per system, one column per direction."""
    names = list(next(iter(results.values())).scores)
    header = f"{'nDCG@10':<22}" + "".join(f"{d:>18}" for d in results)
    lines = [title] if title else []
    lines.append(header)
    lines.append(
        f"{'(queries×candidates)':<22}"
        + "".join(f"{f'{r.queries}×{r.candidates}':>18}" for r in results.values())
    )
    for name in names:
        lines.append(f"{name:<22}" + "".join(f"{r.scores[name]:>18.3f}" for r in results.values()))
    lines.append(
        f"{'hybrid / best base':<22}" + "".join(f"{r.ratio:>17.3f}×" for r in results.values())
    )
    return "\n".join(lines)


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
        adapt=not args.no_adapt,
    )  # fmt: skip
    sys.stdout.write(format_report(results, f"{args.studios} + {args.needs}") + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
