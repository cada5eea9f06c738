"""Search quality: fusion vs BM25F alone vs vectors alone on the labelled query set, one run.

    .venv/bin/python bench/search_quality.py [--queries tests/data/search_queries.jsonl]

Indexes the demo site's searchable text (the catalogue's scenarios, the 90 dev-set studios and
the public demo needs) with the site's analysers and glossary, encodes every document with the
real encoder (all-MiniLM-L6-v2, Chinese glossed as the app does), then answers each query three
ways: BM25F alone (the site without vectors), vectors alone (the query's nearest documents above
the similarity floor) and the fusion by reciprocal rank. Fusion parameters (vector weight, RRF k,
similarity floor) are chosen on the tune half by mean graded nDCG@10; the figures that count are
the test half's. Grades and rules: tests/data/search_queries.md. Prints figures only.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from marketplace.services.search.vectors import query_text  # noqa: E402
from matching.encoder import get_encoder  # noqa: E402
from matching.glossary import load_glossary  # noqa: E402
from matching.store import encode_profiles  # noqa: E402
from matching.types import Profile  # noqa: E402
from search_index import (  # noqa: E402
    SearchDocument,
    SearchIndex,
    SearchQuery,
    hybrid,
)
from search_index.analysis import contains_han  # noqa: E402

DATA = ROOT / "tests" / "data"
CATALOG = ROOT / "marketplace" / "catalog" / "data"
PUBLIC_NEEDS = {"published", "closed"}
CUTOFF = 10
WEIGHTS = (0.5, 0.75, 1.0, 1.5, 2.0)  # vector weight, BM25 weight fixed at 1
KS = (10, 30, 60)
FLOORS = (0.20, 0.25, 0.30, 0.35, 0.40)


def _split_name(name: str) -> tuple[str, str]:
    """("Shancheng Styling", "山城造型") from "山城造型 Shancheng Styling"."""
    zh = " ".join(w for w in name.split() if contains_han(w))
    en = " ".join(w for w in name.split() if not contains_han(w))
    return en, zh


def _paragraphs(parts) -> str:
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


def corpus() -> tuple[list[SearchDocument], list[Profile]]:
    """The documents and, for the encoder, one profile per document (key as id)."""
    docs: list[SearchDocument] = []
    for path in sorted((CATALOG / "industries").glob("*.json")):
        for sc in json.loads(path.read_text(encoding="utf-8"))["scenarios"]:
            deliverables = sc.get("deliverables") or []
            deliverables_zh = sc.get("deliverables_zh") or []
            docs.append(SearchDocument(
                kind="scenario", id=sc["code"], title=sc["title"], title_zh=sc.get("title_zh", ""),
                body=_paragraphs([sc.get("summary"), sc.get("description"), *deliverables]),
                body_zh=_paragraphs([sc.get("summary_zh"), sc.get("description_zh"),
                                     *deliverables_zh]),
                industries=[sc.get("industry") or path.stem.upper()],
                disciplines=sc.get("disciplines", []),
            ))  # fmt: skip
    for line in (DATA / "dev_studios.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        en, zh = _split_name(row["name"])
        text = row["text"]
        docs.append(SearchDocument(
            kind="studio", id=row["id"], title=en, title_zh=zh,
            body="" if contains_han(text) else text, body_zh=text if contains_han(text) else "",
            industries=row["industries"], disciplines=row["disciplines"],
        ))  # fmt: skip
    for line in (DATA / "demo_needs.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["status"] in PUBLIC_NEEDS:
            zh = contains_han(row["title"] + row["description"])
            docs.append(SearchDocument(
                kind="need", id=row["ref"], title="" if zh else row["title"],
                title_zh=row["title"] if zh else "",
                body="" if zh else row["description"], body_zh=row["description"] if zh else "",
                industries=[row["industry"]], disciplines=row.get("disciplines", []),
            ))  # fmt: skip
    profiles = [
        Profile(id=d.key, title=d.title or d.title_zh, text=_paragraphs([d.body, d.body_zh]))
        for d in docs
    ]
    return docs, profiles


@dataclass(frozen=True)
class Labelled:
    """One query of the set and its graded documents."""

    id: str
    text: str
    lang: str
    form: str
    half: str
    grades: dict[str, int]


def load_queries(path: Path) -> list[Labelled]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [Labelled(r["id"], r["query"], r["lang"], r["form"], r["half"], r["relevant"])
            for r in rows]  # fmt: skip


def ndcg(ranked: list[str], grades: dict[str, int], k: int = CUTOFF) -> float:
    gain = sum((2 ** grades.get(key, 0) - 1) / math.log2(i + 2) for i, key in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    best = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return gain / best if best else 0.0


def recall(ranked: list[str], grades: dict[str, int], k: int = CUTOFF) -> float:
    """Share of the documents graded ≥ 2 that appear in the top k."""
    good = {key for key, g in grades.items() if g >= 2}
    return len(good & set(ranked[:k])) / len(good) if good else 0.0


def reciprocal_rank(ranked: list[str], grades: dict[str, int]) -> float:
    """1 / rank of the first document graded ≥ 2 (0 when none is in the list)."""
    for i, key in enumerate(ranked, start=1):
        if grades.get(key, 0) >= 2:
            return 1.0 / i
    return 0.0


class Bench:
    """The index, the vector table and the query vectors, built once."""

    def __init__(self, directory: str) -> None:
        docs, profiles = corpus()
        self.docs = len(docs)
        self.index = SearchIndex(directory, glossary=load_glossary())
        self.index.open_or_create()
        self.index.rebuild(docs)
        started = time.perf_counter()
        self.encoder = get_encoder()
        vectors, _ = encode_profiles(self.encoder, profiles)
        self.encode_seconds = time.perf_counter() - started
        pairs = zip(profiles, vectors, strict=True)
        self.table = hybrid.VectorTable.build({p.id: v.whole for p, v in pairs})
        self._qvec: dict[str, np.ndarray | None] = {}

    def qvec(self, text: str) -> np.ndarray | None:
        if text not in self._qvec:
            prepared = query_text(text)
            self._qvec[text] = self.encoder.encode([prepared])[0] if prepared else None
        return self._qvec[text]

    def bm25(self, text: str) -> list[str]:
        found = self.index.search(SearchQuery(text=text, per_page=CUTOFF))
        return [hit.key for hit in found.hits]

    def vector(self, text: str, floor: float) -> list[str]:
        vec = self.qvec(text)
        if vec is None:
            return []
        return [key for key, _ in self.table.nearest(vec, top_n=CUTOFF, min_similarity=floor)]

    def fused(self, text: str, weight: float, k: int, floor: float) -> list[str]:
        vec = self.qvec(text)
        hits = self.table.nearest(vec, min_similarity=floor) if vec is not None else ()
        vectors = hybrid.VectorInput(hits, bm25_weight=1.0, vector_weight=weight, k=k)
        found = self.index.search(SearchQuery(text=text, per_page=CUTOFF), vectors)
        return [hit.key for hit in found.hits]


def figures(rankings: dict[str, list[str]], queries: list[Labelled]) -> tuple[float, float, float]:
    n = [ndcg(rankings[q.id], q.grades) for q in queries]
    r = [recall(rankings[q.id], q.grades) for q in queries]
    m = [reciprocal_rank(rankings[q.id], q.grades) for q in queries]
    return statistics.fmean(n), statistics.fmean(r), statistics.fmean(m)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries", type=Path, default=DATA / "search_queries.jsonl")
    args = parser.parse_args()
    queries = load_queries(args.queries)
    tune = [q for q in queries if q.half == "tune"]
    test = [q for q in queries if q.half == "test"]
    with tempfile.TemporaryDirectory(prefix="search-quality-") as directory:
        bench = Bench(directory)
        print(f"documents {bench.docs}, queries {len(queries)} (tune {len(tune)}, test "
              f"{len(test)}; Chinese {sum(q.lang == 'zh' for q in queries)}), encoded in "
              f"{bench.encode_seconds:.1f} s")  # fmt: skip
        best, best_score = None, -1.0
        for weight, k, floor in itertools.product(WEIGHTS, KS, FLOORS):
            runs = {q.id: bench.fused(q.text, weight, k, floor) for q in tune}
            score = figures(runs, tune)[0]
            if score > best_score + 1e-9:
                best, best_score = (weight, k, floor), score
        weight, k, floor = best  # type: ignore[misc]
        defaults = (hybrid.VECTOR_WEIGHT, hybrid.RRF_K, hybrid.MIN_SIMILARITY)
        print(f"tuned on the tune half: vector weight {weight}, RRF k {k}, floor {floor:.2f} "
              f"(tune nDCG@10 {best_score:.3f}); shipped defaults {defaults}")  # fmt: skip
        modes = {
            "BM25F alone": lambda q: bench.bm25(q.text),
            "vectors alone": lambda q: bench.vector(q.text, floor),
            "fusion (shipped defaults)": lambda q: bench.fused(q.text, *defaults),
            "fusion (tuned)": lambda q: bench.fused(q.text, weight, k, floor),
        }
        rankings = {name: {q.id: run(q) for q in queries} for name, run in modes.items()}
        for half, chosen in (("TEST half (reported)", test), ("tune half", tune)):
            print(f"\n{half}")
            head = f"{'':28}{'subset':>10}{'n':>4}{'nDCG@10':>10}{'recall@10':>11}{'MRR':>8}"
            print(head)
            subsets = (("all", chosen), ("English", [q for q in chosen if q.lang == "en"]),
                       ("Chinese", [q for q in chosen if q.lang == "zh"]))  # fmt: skip
            for subset, members in subsets:
                for name in modes:
                    n, r, m = figures(rankings[name], members)
                    size = len(members)
                    print(f"{name:28}{subset:>10}{size:>4}{n:>10.3f}{r:>11.3f}{m:>8.3f}")
        print("\nper form, test half, nDCG@10 (BM25F / vectors / fusion tuned)")
        for form in sorted({q.form for q in test}):
            members = [q for q in test if q.form == form]
            row = [figures(rankings[name], members)[0] for name in
                   ("BM25F alone", "vectors alone", "fusion (tuned)")]  # fmt: skip
            print(f"  {form:12} n={len(members):2}  " + " / ".join(f"{v:.3f}" for v in row))
        hot = next((q for q in queries if q.text == "火锅 包装"), None)
        if hot is not None:
            print(f"\n火锅 包装 (fusion tuned) top 5: {rankings['fusion (tuned)'][hot.id][:5]}")


if __name__ == "__main__":
    main()
