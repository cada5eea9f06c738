"""Top-10 query latency of the exact and approximate vector indexes at 10k, 100k and 1M vectors.

The vectors are realistic: they are drawn around real all-MiniLM-L6-v2 embeddings of the
catalogue and the labelled studio/need texts (a mix of two real vectors plus noise from the real
embeddings' own covariance), so neighbourhoods look like real profiles. On isotropic Gaussian
vectors HNSW recall collapses and the figure would mean nothing.

For each size it prints: the bare numpy matrix-vector product (the floor), ExactIndex.search and
HnswIndex.search latency (median and p99 over the queries, and the ratio of medians to the bare
product measured in the same run), the HNSW build time and its recall@10 against exact search.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/match_latency.py [--sizes 10000,100000,1000000]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from matching.index import ExactIndex, HnswIndex  # noqa: E402
from matching.store import encode_profiles  # noqa: E402


def real_embeddings() -> np.ndarray:
    """Whole-text and passage vectors of every catalogue scenario and labelled profile."""
    from encode_throughput import load_profiles  # same profiles as the encoding benchmark

    from matching.encoder import get_encoder

    vectors, _ = encode_profiles(get_encoder(), load_profiles())
    return np.vstack([np.vstack([v.whole[None, :], v.passages]) for v in vectors])


def synthesise(real: np.ndarray, n: int, rng: np.random.Generator, noise: float) -> np.ndarray:
    """n unit vectors around the real ones: mix of two real vectors + covariance-shaped noise."""
    centred = real - real.mean(axis=0)
    out = np.empty((n, real.shape[1]), dtype=np.float32)
    for start in range(0, n, 20_000):
        m = min(20_000, n - start)
        a = real[rng.integers(0, len(real), m)]
        b = real[rng.integers(0, len(real), m)]
        w = rng.uniform(0.6, 1.0, (m, 1)).astype(np.float32)
        mix = rng.normal(0, 1 / np.sqrt(len(real)), (m, len(real))).astype(np.float32)
        chunk = w * a + (1 - w) * b + noise * (mix @ centred)
        out[start : start + m] = chunk / np.linalg.norm(chunk, axis=1, keepdims=True)
    return out


def timed(fn, queries: np.ndarray) -> tuple[np.ndarray, list]:
    """Per-query wall times (ms) and results."""
    times, results = [], []
    for q in queries:
        t = time.perf_counter()
        results.append(fn(q))
        times.append((time.perf_counter() - t) * 1000)
    return np.array(times), results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--m", type=int, default=16, help="HNSW M")
    parser.add_argument("--ef-construction", type=int, default=100)
    parser.add_argument("--ef", default="64,128,256", help="HNSW ef values at query time")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1, help="build threads")
    parser.add_argument("--noise", type=float, default=0.5, help="0.5: mean pair cos ≈ real")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    real = real_embeddings()
    print(f"seed vectors: {len(real)} real embeddings; queries per size: {args.queries}; "
          f"HNSW M={args.m} ef_construction={args.ef_construction} ef={args.ef} "
          f"build threads={args.threads}; cpus={os.cpu_count()}")  # fmt: skip
    header = f"{'size':>9} {'index':<11} {'median ms':>9} {'p99 ms':>9} {'× matvec':>9}  notes"
    print(header)
    for size in (int(s) for s in args.sizes.split(",")):
        data = synthesise(real, size, rng, args.noise)
        queries = synthesise(real, args.queries, rng, args.noise)
        nn_cos = float(np.median((queries[:50] @ data.T).max(axis=1)))
        ids = [str(i) for i in range(size)]
        exact = ExactIndex(data.shape[1])
        exact.add(ids, data)
        matrix = exact.matrix
        bare, _ = timed(lambda q, m=matrix: m @ q, queries)
        exact_t, exact_res = timed(lambda q, e=exact: e.search(q, 10)[0], queries)
        t = time.perf_counter()
        hnsw = HnswIndex(data.shape[1], m=args.m, ef_construction=args.ef_construction,
                         capacity=size, threads=args.threads)  # fmt: skip
        hnsw.add(ids, data)
        build = time.perf_counter() - t
        rows = [
            ("matvec", bare, f"bare M @ q; median nearest-neighbour cos {nn_cos:.2f}"),
            ("exact", exact_t, "ExactIndex.search (matvec + argpartition)"),
        ]
        for ef in (int(e) for e in args.ef.split(",")):
            hnsw.ef = ef
            hnsw_t, hnsw_res = timed(lambda q, h=hnsw: h.search(q, 10)[0], queries)
            pairs = zip(exact_res, hnsw_res, strict=True)
            recall = np.mean([len(set(a) & set(b)) / 10 for a, b in pairs])
            rows.append((f"hnsw ef={ef}", hnsw_t, f"recall@10 {recall:.3f}; build {build:.1f} s"))
        base = float(np.median(bare))
        for name, times, note in rows:
            med, p99 = float(np.median(times)), float(np.percentile(times, 99))
            print(f"{size:>9} {name:<11} {med:>9.3f} {p99:>9.3f} {med / base:>9.3f}  {note}")
        del data, exact, matrix, hnsw
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
