"""Matching judged by reading: the frozen tune/test protocol on the graded judgments.

First, the graded set (tests/data/graded, 50 needs × 50 studios in English and in Chinese, split
stored in the data): graded nDCG@10 and recall@5 of plain cosine and the passage scorer per
language pair, test half first (matching/graded_set.py); then, in the same run, one table of
cosine, the passage scorer, the app as it ranked before (hand weights, fit tiers first) and the
app's ranking now (Matcher.rank with the frozen weights of matching/data/ranking_weights.json;
matching/graded_fusion.py).

With --write it first re-chooses the ranking on the TUNE half only (feature set, C, label
threshold, per-language weights: printed, best first) and replaces the frozen file only when the
grid's best beats the file's own weights on the same tune half (champion/challenger: a refit
that scores lower on tune than what the app already runs is not written), then reports the
Matcher ranking with the weights in force. Then, with --sample, on the older
8-need sample: for the tune and the test half of the judged needs (split once by a fixed seed,
see matching/graded.py): graded nDCG@10 and recall@5 (studios graded >= 2) of plain MiniLM cosine,
the current hybrid and the hybrid with weights chosen on the tune half only, all in one run.
With --zh-studios (the same studios written in Chinese, same ids, so the same grades) it also
scores English needs over Chinese studios against English over English.

The sealed holdout (tests/data/graded/holdout_*) is read only with --holdout: every run with it
is a look at it. Its texts (never its grades) also enter the unsupervised lexical IDF, so the
README's figures, all recorded with it, move by up to ±0.01 without it.

Encodings are cached on disk (--cache, default instance/graded-encodings.sqlite, gitignored) so
that re-runs cost no model time.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/match_graded.py \
        [--judgments tests/data/eval-sample/judgments.jsonl] \
        [--zh-studios tests/data/eval-sample/studios_zh.jsonl]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from matching.encoder import get_encoder
from matching.evaluate import read_catalogue, read_jsonl
from matching.graded import evaluate_graded, format_graded, read_judgments
from matching.graded_fusion import (
    app_features,
    app_setup,
    baselines,
    compare,
    format_comparison,
    frozen_ranking,
    grades_of,
    keeps_incumbent,
    learn_ranking,
    tune_score,
    write_ranking,
)
from matching.graded_set import evaluate_set, format_result, read_graded_set
from matching.vector_cache import CachedEncoder, VectorCache

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "data" / "eval-sample"


GRADED_CACHE = ROOT / "instance" / "graded-encodings.sqlite"  # gitignored


def cached_encoder(path: str | Path = GRADED_CACHE) -> CachedEncoder:
    """The real encoder behind the product's vector cache (matching/vector_cache.py) at `path`."""
    return CachedEncoder(get_encoder(threads=1), VectorCache(path))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--studios", default=str(SAMPLE / "studios.jsonl"))
    parser.add_argument("--needs", default=str(SAMPLE / "needs.jsonl"))
    parser.add_argument("--judgments", default=str(SAMPLE / "judgments.jsonl"))
    parser.add_argument("--zh-studios", default=str(SAMPLE / "studios_zh.jsonl"))
    parser.add_argument("--graded", default=str(ROOT / "tests" / "data" / "graded"))
    parser.add_argument("--cache", default=str(GRADED_CACHE))
    parser.add_argument("--sample", action="store_true", help="also run the 8-need sample")
    parser.add_argument("--holdout", action="store_true",
                        help="also read and score the sealed holdout_* files (a look: say so)")
    parser.add_argument("--write", action="store_true",
                        help="re-choose the ranking on the tune half and write the frozen file")
    args = parser.parse_args(argv)
    Path(args.cache).parent.mkdir(parents=True, exist_ok=True)
    graded_encoder = cached_encoder(args.cache)
    started = time.perf_counter()
    try:
        graded = read_graded_set(args.graded, holdout=args.holdout)
    except (OSError, ValueError) as exc:  # a missing or malformed folder: say which, exit 2
        parser.error(f"--graded {args.graded}: {exc}")
    passages = evaluate_set(graded, graded_encoder)
    print(format_result(passages))
    industries, scenarios = read_catalogue(ROOT / "marketplace/catalog/data/industries")
    disciplines = json.loads((ROOT / "marketplace/catalog/data/disciplines.json").read_text())
    setup = app_setup(graded, graded_encoder, scenarios, industries=industries,
                      disciplines=disciplines)  # fmt: skip
    base = baselines(graded, graded_encoder)
    ranking = None
    if args.write:
        tried: list = []
        feats, grades = app_features(graded, setup), grades_of(graded)
        ranking = learn_ranking(feats, grades, graded.ids("tune"), tried)
        print("\nranking choices, TUNE half only (mean nDCG@10 over the 4 pairs), best 8:")
        for r in sorted(tried, key=lambda r: -r.tune_score)[:8]:
            print(f"  {r.tune_score:.4f}  {r.feature_set:<34} C {r.c:<5g} label ≥{r.label} "
                  f"{r.languages}")
        incumbent = tune_score(frozen_ranking(), feats, grades, graded.ids("tune"))
        if keeps_incumbent(ranking, incumbent):
            print(f"kept: matching/data/ranking_weights.json (its tune mean {incumbent:.4f} ≥ "
                  f"the grid's best {ranking.tune_score:.4f}; nothing written)")
            ranking = None
        else:
            write_ranking(ranking, graded)
            print(f"written: matching/data/ranking_weights.json (tune mean "
                  f"{ranking.tune_score:.4f} > {incumbent:.4f}, the file before)")
    print("\nall systems, one run (cosine, passages, the app before, the app's ranking now):")
    print(format_comparison(compare(graded, base, setup, passages.chosen, ranking)))
    print(f"({time.perf_counter() - started:.1f} s, {graded_encoder.encoded} texts encoded)")
    if not args.sample:
        return 0
    encoder = cached_encoder(args.cache)
    variants = {}
    if args.zh_studios and Path(args.zh_studios).is_file():
        variants["zh studios"] = read_jsonl(args.zh_studios)
    started = time.perf_counter()
    result = evaluate_graded(
        read_jsonl(args.studios), read_jsonl(args.needs), read_judgments(args.judgments),
        scenarios, encoder, industries=industries, disciplines=disciplines, variants=variants,
    )  # fmt: skip
    print(format_graded(result))
    if variants:
        print(
            "English needs over Chinese studios / English needs over English studios "
            "(graded nDCG@10, same needs, same grades):"
        )
        for system in ("cosine", "hybrid (current)", "hybrid (tuned)"):
            ratios = []
            for half in ("tune", "test"):
                en = result.figures[half][system].ndcg
                zh = result.figures[f"zh studios {half}"][system].ndcg
                ratios.append(f"{half} {zh / en:.3f}x")
            print(f"  {system:<18} " + ", ".join(ratios))
    print(
        f"({time.perf_counter() - started:.1f} s, {encoder.encoded} texts encoded, "
        f"the rest from {args.cache})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
