"""Tune-half experiment (not wired): a linear map in place of the gloss offset.

`matching/crosslingual.py` moves a glossed Chinese text's vector by the mean catalogue offset
(a translation). The classic cross-lingual alternative is a linear map learned on the same
catalogue EN/ZH pairs (no graded text, no grade): orthogonal Procrustes (Conneau et al., 2018)
or ridge regression towards the identity, on centred vectors. Each variant replaces
`crosslingual.shift` for one run of the app's own `Matcher.rank` (frozen weights) over the graded
set; only the TUNE needs are scored and printed (nDCG@10: mean, then per pair; en→en × plain
cosine, other pairs × en→en).

    HF_HUB_OFFLINE=1 .venv/bin/python bench/gloss_map.py [--ridge 1 3 10 30]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np  # noqa: E402

from matching import crosslingual  # noqa: E402
from matching.evaluate import ndcg_at_k, read_catalogue  # noqa: E402
from matching.glossary import gloss  # noqa: E402
from matching.graded_fusion import app_rankings, app_setup, baselines, grades_of  # noqa: E402
from matching.graded_set import PAIRS, read_graded_set  # noqa: E402


def mapped_shift(w: np.ndarray, mx: np.ndarray, my: np.ndarray):
    """A `shift` moving each row towards its mapped vector by its Chinese share."""

    def shift(rows, shares, model):
        rows, s = np.asarray(rows, np.float32), np.asarray(shares, np.float32)
        if not len(rows) or not s.any():
            return rows
        out = rows + s[:, None] * ((rows.astype(np.float64) - mx) @ w + my - rows)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        out = np.where((s > 0)[:, None], out / np.where(norms > 0, norms, 1.0), rows)
        return np.ascontiguousarray(out, dtype=np.float32)

    return shift


def main(argv: list[str] | None = None) -> int:
    from match_graded import cached_encoder

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ridge", type=float, nargs="*", default=[1.0, 3.0, 10.0, 30.0])
    args = parser.parse_args(argv)
    if any(lam <= 0 for lam in args.ridge):
        parser.error("--ridge: every λ must be > 0 (0 is plain least squares, singular here)")
    encoder = cached_encoder()
    industries, scenarios = read_catalogue(ROOT / "marketplace/catalog/data/industries")
    disciplines = json.loads((ROOT / "marketplace/catalog/data/disciplines.json").read_text())
    pairs = crosslingual.catalogue_pairs(industries, scenarios, disciplines)
    y = np.asarray(encoder.encode([en for en, _ in pairs]), np.float64)
    x = np.asarray(encoder.encode([gloss(zh) for _, zh in pairs]), np.float64)
    mx, my = x.mean(axis=0), y.mean(axis=0)
    xc, yc = x - mx, y - my
    u, _, vt = np.linalg.svd(xc.T @ yc)
    maps = {"Procrustes": u @ vt}
    for lam in args.ridge:
        eye = lam * np.eye(x.shape[1])
        maps[f"ridge λ={lam:g}"] = np.linalg.solve(xc.T @ xc + eye, xc.T @ yc + eye)
    graded = read_graded_set(ROOT / "tests" / "data" / "graded", holdout=False)
    tune, grades = graded.ids("tune"), grades_of(graded)
    cosine = baselines(graded, encoder, passages=False)
    base = np.mean([ndcg_at_k(cosine[("en→en", i)]["cos"], grades[i]) for i in tune])
    print(f"catalogue pairs: {len(pairs)}; TUNE needs: {len(tune)}; app ranking nDCG@10: mean, "
          + ", ".join(PAIRS) + "; en→en × cosine, others × en→en")  # fmt: skip
    shipped = crosslingual.shift
    variants = {"mean offset (shipped)": shipped}
    variants |= {name: mapped_shift(w, mx, my) for name, w in maps.items()}
    for name, shift in variants.items():
        crosslingual.shift = shift
        try:
            setup = app_setup(graded, encoder, scenarios, industries=industries,
                              disciplines=disciplines)  # fmt: skip
            ranked = app_rankings(graded, setup)
        finally:
            crosslingual.shift = shipped
        f = [float(np.mean([ndcg_at_k(ranked[(p, i)], grades[i]) for i in tune])) for p in PAIRS]
        fit = np.mean(np.sum((xc @ maps[name] + my - y) ** 2, axis=1)) if name in maps else None
        ratios = [f[0] / base] + [v / f[0] for v in f[1:]]
        print(f"  {name:<22} {np.mean(f):.4f}  " + "  ".join(f"{v:.4f}" for v in f) + "   "
              + "  ".join(f"{r:.3f}×" for r in ratios)
              + (f"   (catalogue fit error {fit:.3f})" if fit is not None else ""), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
