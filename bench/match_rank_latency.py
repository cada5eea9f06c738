"""Matcher.rank latency for one need over a pool of studios: the hand weights the app used before
(no passage part scored, fit tiers first) vs the frozen learned ranking (every part, passage
parts included), in one run on the same pool and queries.

The pool is the dev-set studios (English and Chinese texts) repeated with distinct ids up to
--pool; vectors come from the 384-dimension hashing encoder (the ranking's cost is matrix work on
stored vectors, so it does not depend on which encoder made them); studio passage vectors are
pre-encoded, as the app stores them (`flask match refresh`). Each query's own passages are
encoded once before timing (the app encodes a need's passages once and caches them).

    .venv/bin/python bench/match_rank_latency.py [--pool 1000] [--queries 40]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from matching.engine import Matcher  # noqa: E402
from matching.evaluate import read_catalogue  # noqa: E402
from matching.fit import tier_order  # noqa: E402
from matching.fusion import HAND_WEIGHTS, WEIGHTS, WEIGHTS_BY_QUERY_LANGUAGE  # noqa: E402
from matching.store import encode_profiles  # noqa: E402
from matching.testing import HashingEncoder  # noqa: E402
from matching.types import Profile  # noqa: E402

DATA = ROOT / "tests" / "data"


def rows(name: str) -> list[dict]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pool", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument("--k", type=int, default=10)
    args = parser.parse_args()
    encoder = HashingEncoder(dim=384)
    industries, scenarios = read_catalogue(ROOT / "marketplace/catalog/data/industries")
    disciplines = json.loads((ROOT / "marketplace/catalog/data/disciplines.json").read_text())
    texts = rows("dev_studios.jsonl") + rows("dev_studios_zh.jsonl")
    profiles = [
        Profile.from_dict({**texts[i % len(texts)], "id": f"S{i}"}, with_tags=False)
        for i in range(args.pool)
    ]
    needs = rows("dev_needs.jsonl") + rows("dev_needs_zh.jsonl")
    queries = [Profile.from_dict({**n, "id": f"Q{i}"}, with_tags=False)
               for i, n in enumerate(needs[: args.queries])]  # fmt: skip
    vectors, _ = encode_profiles(encoder, profiles, with_passages=True)
    matcher = Matcher.from_catalog(scenarios, encoder, industries=industries,
                                   disciplines=disciplines,
                                   corpus=[p.text for p in profiles])  # fmt: skip
    pool = matcher.pool(matcher.prepare(profiles, vectors=vectors))
    prepared = matcher.prepare(queries)
    matcher.passage_vectors(prepared)  # each query's passages once, as the app caches them
    print(f"pool {len(pool)} studios ({sum(len(p.passages) for p in pool.items)} passages), "
          f"{len(prepared)} queries, k {args.k}; median and p90 ms per query, one run")  # fmt: skip
    systems = {
        "before (hand weights, fit tiers)": (HAND_WEIGHTS, {}, False, True),
        "now (frozen learned ranking)": (WEIGHTS, WEIGHTS_BY_QUERY_LANGUAGE, None, False),
    }
    for explain in (False, True):
        for name, (weights, by_language, passages, tiers) in systems.items():
            matcher.weights, matcher.language_weights = dict(weights), dict(by_language)
            matcher._score_passages = passages
            times = []
            for _ in range(2):  # second round timed: caches warm, as in a running app
                times = []
                for q in prepared:
                    t = time.perf_counter()
                    found = matcher.rank(q, pool, k=args.k, explain_matches=explain)
                    if tiers:
                        found = [found[i] for i in tier_order([m.fit for m in found])]
                    times.append((time.perf_counter() - t) * 1000)
            med, p90 = float(np.median(times)), float(np.percentile(times, 90))
            what = "with explanations" if explain else "ranking only"
            print(f"  {name:<34} {what:<18} median {med:7.2f} ms  p90 {p90:7.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
