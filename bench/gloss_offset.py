"""Measure the gloss offset (matching/crosslingual.py) on the catalogue and write it.

The offset is the mean vector of the catalogue's Chinese texts as the encoder reads them
(glossed) minus the mean vector of their English originals: scenario titles, summaries,
descriptions and deliverables, industry names and trends, discipline names. No graded text and
no grade is read. Re-run it whenever the gloss (glossary, lexicon) or the model changes; the
app's stored vectors of Chinese profiles then re-encode once (their fingerprints carry the
offset's digest).

    HF_HUB_OFFLINE=1 .venv/bin/python bench/gloss_offset.py [--pairs all|paragraphs] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from matching import crosslingual  # noqa: E402
from matching.evaluate import read_catalogue  # noqa: E402

PARAGRAPH_MIN_CHARS = 80  # "paragraphs": only pairs whose English is at least this long


def pairs_of(kind: str) -> list[tuple[str, str]]:
    """The catalogue's (English, Chinese) pairs: all of them, or only the paragraph-long ones."""
    industries, scenarios = read_catalogue(ROOT / "marketplace/catalog/data/industries")
    disciplines = json.loads((ROOT / "marketplace/catalog/data/disciplines.json").read_text())
    pairs = crosslingual.catalogue_pairs(industries, scenarios, disciplines)
    if kind == "paragraphs":
        pairs = [(en, zh) for en, zh in pairs if len(en) >= PARAGRAPH_MIN_CHARS]
    return pairs


def write(measured: tuple[np.ndarray, np.ndarray], model: str, kind: str, count: int,
          path: Path) -> None:  # fmt: skip
    offset, english = measured
    body = {
        "model": model,
        "measured_on": f"catalogue (en, zh) pairs: {kind}, {count} pairs; no graded text",
        "regenerate": "HF_HUB_OFFLINE=1 .venv/bin/python bench/gloss_offset.py",
        "norm": round(float(np.linalg.norm(offset)), 4),
        "offset": [round(float(x), 6) for x in offset],
        "english_mean": [round(float(x), 6) for x in english],
    }
    path.write_text(json.dumps(body, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", default="all", choices=("all", "paragraphs"))
    parser.add_argument("--out", default=str(crosslingual.OFFSET_PATH))
    parser.add_argument("--cache", default=str(ROOT / "instance" / "graded-encodings.sqlite"))
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "bench"))
    from match_graded import cached_encoder

    started = time.perf_counter()
    encoder = cached_encoder(args.cache)
    pairs = pairs_of(args.pairs)
    measured = crosslingual.measure(encoder, pairs)
    write(measured, encoder.name, args.pairs, len(pairs), Path(args.out))
    print(f"{len(pairs)} pairs ({args.pairs}); offset norm {np.linalg.norm(measured[0]):.4f}; "
          f"written {args.out} ({time.perf_counter() - started:.1f} s)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
