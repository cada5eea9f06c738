"""Tune-half experiment (not wired): MiniLM fine-tuned so a glossed Chinese text lands where its
English original does, on the catalogue's own English/Chinese pairs only.

Multilingual knowledge distillation (Reimers & Gurevych, 2020): the shipped model is the frozen
teacher; a copy (the student) is trained with MSE so that student(gloss(zh)) and student(en) both
match teacher(en), for the 692 catalogue pairs (scenario titles, summaries, descriptions,
deliverables, industry names and trends, discipline names: no graded text, no grade). After each
epoch it prints plain cosine graded nDCG@10 per language pair on the graded set's TUNE needs only
(glossed whole texts, as `matching/graded_set.py`'s cosine row), next to the shipped model with
and without the gloss offset. With --app it then ranks the tune needs with the app's own
`Matcher.rank` (frozen weights, matching/data/ranking_weights.json) over features from the shipped
model and from the student, and with the two rankings summed (rank fusion). No test-half or
holdout figure is computed or printed.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/encoder_distillation.py [--epochs 2] [--lr 2e-5] \
        [--save DIR | --load DIR] [--app]

About 4 minutes per epoch on the 2-core box (CPU, 2 threads).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np  # noqa: E402

from matching.crosslingual import catalogue_pairs, chinese_share, shift  # noqa: E402
from matching.encoder import get_encoder  # noqa: E402
from matching.evaluate import ndcg_at_k, read_catalogue  # noqa: E402
from matching.glossary import gloss  # noqa: E402
from matching.graded_set import PAIRS, _need, _studio, _whole, read_graded_set  # noqa: E402


def tune_cosine(model, graded, offset_model: str | None = None) -> list[float]:
    """Plain cosine nDCG@10 per language pair over the tune needs (offset applied when named)."""
    tune = set(graded.ids("tune"))
    needs = [n for n in graded.needs if n["id"] in tune]
    out = []
    for pair in PAIRS:
        qlang, slang = pair.split("→")
        raw_s = [" ".join(_studio(s, slang)) for s in graded.studios]
        raw_n = [" ".join(_need(n, qlang)) for n in needs]
        sv = model.encode([_whole(*_studio(s, slang)) for s in graded.studios],
                          normalize_embeddings=True, batch_size=64)  # fmt: skip
        nv = model.encode([_whole(*_need(n, qlang)) for n in needs], normalize_embeddings=True,
                          batch_size=64)  # fmt: skip
        if offset_model:
            sv = shift(sv, [chinese_share(t) for t in raw_s], offset_model)
            nv = shift(nv, [chinese_share(t) for t in raw_n], offset_model)
        scores = []
        for n, v in zip(needs, nv, strict=True):
            grades = np.array([graded.grades[n["id"]][s["id"]] for s in graded.studios], float)
            scores.append(ndcg_at_k(sv @ v, grades))
        out.append(float(np.mean(scores)))
    return out


class StudentEncoder:
    """The Encoder protocol over a sentence-transformers model held in memory."""

    dim = 384

    def __init__(self, model, name: str) -> None:
        self.model, self.name = model, name

    def encode(self, texts) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        rows = self.model.encode(list(texts), batch_size=64, normalize_embeddings=True,
                                 convert_to_numpy=True, show_progress_bar=False)  # fmt: skip
        return np.ascontiguousarray(rows, dtype=np.float32)


def app_on_tune(teacher_encoder, student, graded) -> None:
    """The app's ranking (frozen weights) on the tune needs: shipped features, student features,
    and the two rankings summed; × plain cosine (shipped model, as the protocol's baseline)."""
    from matching.graded_fusion import app_rankings, app_setup, baselines, grades_of

    industries, scenarios = read_catalogue(ROOT / "marketplace/catalog/data/industries")
    disciplines = json.loads((ROOT / "marketplace/catalog/data/disciplines.json").read_text())
    tune, grades = graded.ids("tune"), grades_of(graded)
    cosine = baselines(graded, teacher_encoder, passages=False)
    ranked = {}
    encoders = {"shipped": teacher_encoder, "student": StudentEncoder(student, "student")}
    for name, enc in encoders.items():
        setup = app_setup(graded, enc, scenarios, industries=industries, disciplines=disciplines)
        ranked[name] = app_rankings(graded, setup)
    systems = {
        "cosine (shipped model)": lambda key: cosine[key]["cos"],
        "app, shipped model": lambda key: ranked["shipped"][key],
        "app, distilled student": lambda key: ranked["student"][key],
        "app, both rankings summed": lambda key: ranked["shipped"][key] + ranked["student"][key],
    }
    print("app ranking (frozen weights), TUNE needs, nDCG@10: mean, " + ", ".join(PAIRS)
          + "; en→en × cosine; other pairs × en→en")  # fmt: skip
    for name, score in systems.items():
        figures = [float(np.mean([ndcg_at_k(score((p, i)), grades[i]) for i in tune]))
                   for p in PAIRS]  # fmt: skip
        base = np.mean([ndcg_at_k(cosine[("en→en", i)]["cos"], grades[i]) for i in tune])
        ratios = [figures[0] / base] + [f / figures[0] for f in figures[1:]]
        print(line(name, figures) + "   " + "  ".join(f"{r:.3f}×" for r in ratios))


def line(name: str, figures: list[float]) -> str:
    return f"  {name:<34} {np.mean(figures):.4f}  " + "  ".join(f"{x:.4f}" for x in figures)


def main(argv: list[str] | None = None) -> int:
    import torch

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--lr", type=float, default=2e-5)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--save", help="write the student after the last epoch to this folder")
    parser.add_argument("--load", help="read a saved student instead of training one")
    parser.add_argument("--app", action="store_true", help="then the app's ranking on tune")
    args = parser.parse_args(argv)
    if args.load and not (Path(args.load) / "config.json").is_file():
        parser.error(f"--load {args.load}: not a saved model folder (no config.json); "
                     "write one with --save")  # fmt: skip
    if args.epochs < 0 or args.batch < 1 or args.lr <= 0:
        parser.error("--epochs must be ≥ 0, --batch ≥ 1 and --lr > 0")
    torch.manual_seed(0)
    industries, scenarios = read_catalogue(ROOT / "marketplace/catalog/data/industries")
    disciplines = json.loads((ROOT / "marketplace/catalog/data/disciplines.json").read_text())
    pairs = catalogue_pairs(industries, scenarios, disciplines)
    encoder = get_encoder(threads=2)
    teacher = encoder.load()
    if args.load:
        from sentence_transformers import SentenceTransformer

        student = SentenceTransformer(args.load, device="cpu", local_files_only=True)
        args.epochs = 0
    else:
        student = copy.deepcopy(teacher)
    graded = read_graded_set(ROOT / "tests" / "data" / "graded", holdout=False)
    print(f"catalogue pairs: {len(pairs)}; TUNE needs: {len(graded.ids('tune'))}; "
          "plain cosine graded nDCG@10, mean and " + ", ".join(PAIRS))  # fmt: skip
    print(line("shipped model + gloss offset", tune_cosine(teacher, graded, encoder.name)))
    print(line("shipped model, no offset", tune_cosine(teacher, graded)), flush=True)
    english = [en for en, _ in pairs]
    chinese = [gloss(zh) for _, zh in pairs]
    with torch.no_grad():
        target = torch.tensor(teacher.encode(english, normalize_embeddings=True, batch_size=64))
    optimiser = torch.optim.AdamW(student.parameters(), lr=args.lr)
    order = np.arange(len(pairs))
    rng = np.random.default_rng(0)
    for epoch in range(1, args.epochs + 1):
        started, total = time.perf_counter(), 0.0
        student.train()
        rng.shuffle(order)
        for start in range(0, len(order), args.batch):
            chosen = order[start : start + args.batch]
            texts = [chinese[i] for i in chosen] + [english[i] for i in chosen]
            embedded = student(dict(student.tokenize(texts)))["sentence_embedding"]
            wanted = torch.cat([target[chosen], target[chosen]])
            loss = torch.nn.functional.mse_loss(embedded, wanted) * wanted.shape[1]
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += float(loss.detach())
        student.eval()
        figures = tune_cosine(student, graded)
        print(line(f"distilled, epoch {epoch} (loss {total:.2f}, "
                   f"{time.perf_counter() - started:.0f} s)", figures), flush=True)  # fmt: skip
    student.eval()
    if args.load:
        print(line(f"loaded student {Path(args.load).name}", tune_cosine(student, graded)))
    if args.save:
        student.save(args.save)
        print(f"saved: {args.save}")
    if args.app:
        app_on_tune(encoder, student, graded)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
