"""Profiles per second through the project's encoding pipeline vs ``model.encode`` alone.

Same profiles, same process, same run:
- ``model.encode`` alone: one whole-text vector per profile (what a bare cosine baseline needs);
- the pipeline, cold: ``matching.store.encode_profiles`` (text building, Chinese glossing,
  fingerprints, de-duplication, one batched encode of the whole texts; passages are encoded
  later, only for the explanations that quote them);
- the old pipeline, cold: the same with ``with_passages=True`` (whole text *and* every passage,
  what every profile cost before passages became lazy), for comparison;
- the pipeline, warm: the same call with every vector already stored (nothing re-encoded).

Profiles are the labelled studios and needs plus the catalogue scenarios. Medians of --rounds.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/encode_throughput.py [--rounds 3] [--threads N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from matching.encoder import get_encoder  # noqa: E402
from matching.evaluate import read_catalogue  # noqa: E402
from matching.store import encode_profiles  # noqa: E402
from matching.text import encode_text, passages  # noqa: E402
from matching.types import Profile  # noqa: E402

CATALOGUE = ROOT / "marketplace" / "catalog" / "data" / "industries"
LABELLED = [
    ROOT / "tests" / "data" / "dev_studios.jsonl",
    ROOT / "tests" / "data" / "dev_needs.jsonl",
    ROOT / "tests" / "data" / "eval-sample" / "studios.jsonl",
    ROOT / "tests" / "data" / "eval-sample" / "needs.jsonl",
    ROOT / "tests" / "data" / "dev_needs_zh.jsonl",
    ROOT / "tests" / "data" / "dev_studios_zh.jsonl",
]


def load_profiles() -> list[Profile]:
    """Every labelled studio/need and every catalogue scenario, as profiles."""
    profiles = []
    for path in LABELLED:
        if path.is_file():
            lines = path.read_text(encoding="utf-8").splitlines()
            rows = [json.loads(line) for line in lines if line.strip()]
            # ids repeat across files (a Chinese need keeps its English original's id)
            profiles += [Profile.from_dict({**r, "id": f"{path.stem}:{r['id']}"}) for r in rows]
    profiles += [Profile.from_scenario(s) for s in read_catalogue(CATALOGUE)[1]]
    return profiles


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=None, help="torch threads (default: all)")
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()
    encoder = get_encoder(threads=args.threads)
    encoder.batch_size = args.batch_size
    t = time.perf_counter()
    model = encoder.load()
    load_s = time.perf_counter() - t
    import torch

    profiles = load_profiles()
    wholes = [encode_text(p) for p in profiles]
    n_passages = sum(len(passages(p)) for p in profiles)
    model.encode(wholes[:32], batch_size=args.batch_size)  # warm-up

    bare, cold, old, warm = [], [], [], []
    for _ in range(args.rounds):
        t = time.perf_counter()
        model.encode(wholes, batch_size=args.batch_size, normalize_embeddings=True)
        bare.append(time.perf_counter() - t)
        t = time.perf_counter()
        vectors, _ = encode_profiles(encoder, profiles)
        cold.append(time.perf_counter() - t)
        t = time.perf_counter()
        encode_profiles(encoder, profiles, with_passages=True)
        old.append(time.perf_counter() - t)
        stored = {p.id: v for p, v in zip(profiles, vectors, strict=True)}
        t = time.perf_counter()
        encode_profiles(encoder, profiles, stored)
        warm.append(time.perf_counter() - t)

    n = len(profiles)
    print(
        f"profiles: {n} ({n_passages} passages, {n_passages / n:.1f} per profile); "
        f"torch threads: {torch.get_num_threads()}; cpus: {os.cpu_count()}; "
        f"batch size: {args.batch_size}; model load: {load_s:.1f} s; rounds: {args.rounds}"
    )
    print(f"{'path':<44} {'median s':>9} {'profiles/s':>11} {'texts/s':>9} {'speed×':>7}")
    base = statistics.median(bare)
    for name, times, texts in (
        ("model.encode alone (whole text only)", bare, n),
        ("pipeline, cold (whole text; lazy passages)", cold, n),
        ("old pipeline, cold (whole text + passages)", old, n + n_passages),
        ("pipeline, warm (all vectors stored)", warm, 0),
    ):
        med = statistics.median(times)
        rate = f"{texts / med:>9.1f}" if texts else f"{'-':>9}"
        print(f"{name:<44} {med:>9.3f} {n / med:>11.1f} {rate} {base / med:>7.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
