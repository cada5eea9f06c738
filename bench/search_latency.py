"""Search benchmark: SearchIndex.search against a plain Whoosh BM25F top-20, same index, same run.

    .venv/bin/python bench/search_latency.py [--docs 10000] [--queries 300] [--dir PATH]

The documents recombine real sentences: the catalogue's scenario and industry texts and the dev-set
needs and studio profiles (English), and the catalogue's Chinese titles and names (Chinese), so the
vocabulary and term frequencies look like the site's. Each query mix is timed twice on the same
searcher with the same texts: the project's whole request (parse, score, facet counts over every
match, a page of highlighted snippets) and a plain `searcher.search(q, limit=20)` of the same
parsed query reading the hits' stored fields (no facets, no snippets). Query texts within a mix
are distinct, so the per-generation facet cache never answers a timed call (one extra line shows
a repeated query). Prints figures only (no thresholds).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search_index import SearchDocument, SearchIndex, SearchQuery, clean_query, warm_up  # noqa: E402
from search_index.analysis import STOP_WORDS  # noqa: E402
from search_index.parsing import parse_text  # noqa: E402

CATALOG = ROOT / "marketplace" / "catalog" / "data"
DEV_SETS = sorted((ROOT / "tests" / "data").glob("*.jsonl"))
DISTRICTS = [
    "Yubei 渝北区", "Jiangbei 江北区", "Shapingba 沙坪坝区", "Jiulongpo 九龙坡区",
    "Nan'an 南岸区", "Banan 巴南区", "Beibei 北碚区", "Yuzhong 渝中区", "Dadukou 大渡口区",
]  # fmt: skip
_SENTENCE = re.compile(r"(?<=[.!?;:])\s+")
_WORD = re.compile(r"[A-Za-z][A-Za-z-]{3,}")


class Texts:
    """Sentences, titles and codes read from the catalogue and the dev sets."""

    def __init__(self) -> None:
        self.sentences: list[str] = []
        self.titles: list[str] = []
        self.zh: list[str] = []
        self.industries: list[str] = []
        self.disciplines: list[str] = []
        for path in sorted((CATALOG / "industries").glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            self.industries.append(data["code"])
            self.zh.append(data["name_zh"])
            self._add(data.get("trend", ""))
            for sc in data["scenarios"]:
                self.titles.append(sc["title"])
                self.zh.append(sc["title_zh"])
                for key in ("summary", "description", "deliverables"):
                    value = sc.get(key, "")
                    self._add(" ".join(value) if isinstance(value, list) else value)
        for disc in json.loads((CATALOG / "disciplines.json").read_text(encoding="utf-8")):
            self.disciplines.append(disc["code"])
            self.zh.append(disc["name_zh"])
        for path in DEV_SETS:
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    self.titles.append(row.get("title") or row.get("name", ""))
                    self._add(row.get("text", ""))

    def _add(self, text: str) -> None:
        self.sentences.extend(s for s in _SENTENCE.split(text) if len(s) > 20)

    def words(self) -> list[str]:
        """Every content word occurrence (repeats kept, so sampling follows real frequency)."""
        return [
            w.lower()
            for s in self.sentences
            for w in _WORD.findall(s)
            if w.lower() not in STOP_WORDS
        ]


def generate(texts: Texts, n: int, seed: int) -> Iterator[SearchDocument]:
    """N documents (1 scenario in 10, the rest studios) recombining real sentences."""
    rng = random.Random(seed)
    for i in range(n):
        kind = "scenario" if i % 10 == 0 else "studio"
        yield SearchDocument(
            kind=kind,
            id=str(i),
            title=rng.choice(texts.titles),
            title_zh=rng.choice(texts.zh),
            body=" ".join(rng.sample(texts.sentences, rng.randint(4, 10))),
            body_zh="，".join(rng.sample(texts.zh, rng.randint(2, 5))) + "。",
            industries=rng.sample(texts.industries, rng.randint(1, 2)),
            disciplines=rng.sample(texts.disciplines, rng.randint(1, 3)),
            district=rng.choice(DISTRICTS) if kind == "studio" else "",
        )


def query_mixes(texts: Texts, count: int, seed: int) -> dict[str, list[str]]:
    """Distinct query texts per mix, drawn with the corpus' own word frequencies."""
    rng = random.Random(seed)
    words = texts.words()
    pairs = [
        f"{a.lower()} {b.lower()}"
        for s in texts.sentences
        for a, b in zip(_WORD.findall(s), _WORD.findall(s)[1:], strict=False)
        if a.lower() not in STOP_WORDS and b.lower() not in STOP_WORDS
    ]
    zh_words = sorted({w for t in texts.zh for w in re.findall(r"[\u4e00-\u9fff]{2,4}", t)})

    def distinct(draw: Callable[[], str]) -> list[str]:
        seen: dict[str, None] = {}
        for _ in range(count * 50):
            seen[draw()] = None
            if len(seen) >= count + 5:
                break
        return list(seen)

    return {
        "one English word": distinct(lambda: rng.choice(words)),
        "two English words (adjacent)": distinct(lambda: rng.choice(pairs)),
        "Chinese word": distinct(lambda: rng.choice(zh_words)),
        "one word + industry/kind filter": distinct(lambda: rng.choice(words)),
    }


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def timed(fn: Callable[[str], object], inputs: list[str]) -> list[float]:
    """Milliseconds per call of fn(text), after 5 warm-up calls on the first inputs."""
    for text in inputs[:5]:
        fn(text)
    times = []
    for text in inputs[5:]:
        started = time.perf_counter()
        fn(text)
        times.append((time.perf_counter() - started) * 1000)
    return times


def _fmt(times: list[float]) -> str:
    return f"median {statistics.median(times):6.2f} ms  p99 {_percentile(times, 99):6.2f} ms"


def _dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def compare(index: SearchIndex, mixes: dict[str, list[str]]) -> None:
    """Time the project's search and the plain top-20 on the same texts, print both and ratios."""
    with index.searcher() as searcher:
        schema = searcher.schema

        def plain(text: str) -> int:
            q, _ = parse_text(schema, clean_query(text))
            return len([hit.fields() for hit in searcher.search(q, limit=20)])

        for label, texts in mixes.items():
            filtered = "filter" in label

            def ours(text: str, filtered: bool = filtered) -> int:
                request = SearchQuery(
                    text=text,
                    industries=["NEV"] if filtered else (),
                    kinds=["studio"] if filtered else (),
                )
                return index.search(request).total

            totals = [ours(t) for t in texts[5:]]
            index.clear_caches()
            ours_ms = timed(ours, texts)
            index.clear_caches()
            plain_ms = timed(plain, texts)
            index.clear_caches()
            ratio = statistics.median(ours_ms) / statistics.median(plain_ms)
            p99_ratio = _percentile(ours_ms, 99) / _percentile(plain_ms, 99)
            print(f"  {label} (n={len(ours_ms)}, median {statistics.median(totals):.0f} hits)")
            print(f"    SearchIndex.search   {_fmt(ours_ms)}")
            print(f"    plain BM25F top-20   {_fmt(plain_ms)}")
            print(f"    ratio                median {ratio:5.2f}x  p99 {p99_ratio:5.2f}x")
        text = mixes["one English word"][5]
        index.search(text)
        repeat = timed(lambda _t: index.search(text), [text] * 55)
        print(f"  repeated query {text!r} (facet cache warm): {_fmt(repeat)}")


def cluster_vectors(keys: list[str], seed: int, dim: int = 384, clusters: int = 200):
    """Unit vectors with topical structure: each document near one of `clusters` centres (cosine
    ~0.5 within a cluster), so a query near a centre has tens of neighbours above the floor, as
    a real query has; the fusion's cost depends on that count, not on what the vectors mean."""
    import numpy as np

    from search_index.hybrid import VectorTable

    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((clusters, dim)).astype(np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    labels = rng.integers(0, clusters, len(keys))
    noise = rng.standard_normal((len(keys), dim)).astype(np.float32)
    noise /= np.linalg.norm(noise, axis=1, keepdims=True)
    table = VectorTable.build(zip(keys, centres[labels] + noise, strict=True))
    return table, centres, rng


def compare_hybrid(index: SearchIndex, mixes: dict[str, list[str]], keys: list[str],
                   seed: int) -> None:  # fmt: skip
    """BM25F-only search, hybrid search (nearest + RRF) and a plain top-20, same texts and run."""
    import numpy as np

    from search_index.hybrid import VectorInput

    table, centres, rng = cluster_vectors(keys, seed)
    query_vectors = {}
    for texts in mixes.values():
        for text in texts:
            c = centres[rng.integers(0, len(centres))]
            query_vectors[text] = c + 0.8 * rng.standard_normal(c.shape).astype(np.float32) / 20
    with index.searcher() as searcher:
        schema = searcher.schema

        def plain(text: str) -> int:
            q, _ = parse_text(schema, clean_query(text))
            return len([hit.fields() for hit in searcher.search(q, limit=20)])

        def bm25(text: str) -> int:
            return index.search(SearchQuery(text=text)).total

        def hybrid(text: str) -> int:
            hits = table.nearest(query_vectors[text])  # the cached query vector's neighbours
            return index.search(SearchQuery(text=text), VectorInput(hits)).total

        for label in ("one English word", "Chinese word"):
            texts = mixes[label]
            neighbours = statistics.median(len(table.nearest(query_vectors[t])) for t in texts)
            runs = {}
            for name, fn in (("bm25", bm25), ("hybrid", hybrid), ("plain", plain)):
                index.clear_caches()
                runs[name] = timed(fn, texts)
            index.clear_caches()
            med = {k: statistics.median(v) for k, v in runs.items()}
            p95 = {k: _percentile(v, 95) for k, v in runs.items()}
            print(f"  {label} (n={len(runs['bm25'])}, median {neighbours:.0f} vector neighbours "
                  f"of {len(table)} vectors)")  # fmt: skip
            for name, title in (("bm25", "search, BM25F only"), ("hybrid", "search, hybrid RRF"),
                                ("plain", "plain BM25F top-20")):  # fmt: skip
                print(f"    {title:<20} median {med[name]:6.2f} ms  p95 {p95[name]:6.2f} ms")
            print(f"    hybrid / BM25F-only  median {med['hybrid'] / med['bm25']:5.2f}x  "
                  f"p95 {p95['hybrid'] / p95['bm25']:5.2f}x; hybrid / plain median "
                  f"{med['hybrid'] / med['plain']:5.2f}x")  # fmt: skip
        q = next(iter(query_vectors.values()))
        nearest_ms = timed(lambda _t: table.nearest(q), [""] * 105)
        print(f"  VectorTable.nearest over {len(table)} vectors alone: {_fmt(nearest_ms)}")


def encode_cost(texts: list[str]) -> None:
    """The real query encoder in this process: load once, then ms per uncached short query."""
    try:
        from matching.encoder import get_encoder

        encoder = get_encoder(threads=1)
        started = time.perf_counter()
        encoder.encode(["warm up"])
        print(f"  model load + first encode (once per web worker): "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        ms = timed(lambda t: encoder.encode([t]), texts[:45])
        print(f"  encode one uncached query (1 thread): {_fmt(ms)}; a cached one costs a "
              f"dictionary lookup")  # fmt: skip
    except Exception as exc:  # model missing: say so, the BM25 figures stand
        print(f"  query encoder not available here ({exc}); encoding not timed")


def _glossary() -> list[tuple[str, str]]:
    from matching.glossary import load_glossary

    return load_glossary()


def main() -> None:
    """Build the index, compare query latencies, time the writes the app makes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=300, help="timed texts per query mix")
    parser.add_argument("--dir", type=Path, default=None, help="index directory (default: temp)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-encoder", action="store_true", help="skip timing the real encoder")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="search-bench-")) if args.dir is None else args.dir
    try:
        print(f"jieba dictionary load: {warm_up():.2f} s (once per process)")
        texts = Texts()
        print(
            f"source texts: {len(texts.sentences)} sentences, {len(texts.titles)} titles, "
            f"{len(texts.zh)} Chinese titles/names, {len(set(texts.words()))} distinct words"
        )
        index = SearchIndex(workdir / "index").open_or_create()
        docs = list(generate(texts, args.docs, args.seed))
        chars = sum(len(d.title) + len(d.body) + len(d.title_zh) + len(d.body_zh) for d in docs)
        if args.dir is not None and index.doc_count() == len(docs):
            print(f"reusing the index in {args.dir} ({len(docs)} documents, same seed)")
        else:
            started = time.perf_counter()
            index.rebuild(docs)
            build = time.perf_counter() - started
            print(
                f"build: {len(docs)} documents ({chars / 1e6:.1f} M chars of text) in "
                f"{build:.1f} s = {len(docs) / build:.0f} docs/s; index on disk "
                f"{_dir_size(workdir / 'index') / 1e6:.1f} MB"
            )
        print(f"queries, {args.docs} docs, page 1 of 20 hits:")
        compare(index, query_mixes(texts, args.queries, args.seed + 1))
        glossary = _glossary()
        if glossary:
            crossing = SearchIndex(workdir / "index", glossary=glossary).open_or_create()
            mixes = query_mixes(texts, args.queries, args.seed + 1)
            print(f"with cross-language expansion ({len(crossing.glossary)} glossary terms):")
            compare(crossing, {k: mixes[k] for k in ("one English word", "Chinese word")})
            crossing.close()
        else:
            print("matching.glossary not available: cross-language expansion not timed")
        mixes = query_mixes(texts, args.queries, args.seed + 1)
        print(f"hybrid (BM25F + vector neighbours, RRF), {args.docs} docs, cached query vectors:")
        compare_hybrid(index, mixes, [d.key for d in docs], args.seed + 2)
        if not args.no_encoder:
            encode_cost(mixes["one English word"])
        long_query = " ".join(texts.words()[:50])
        long_ms = timed(lambda t: (index.clear_caches(), index.search(t)), [long_query] * 15)
        print(f"  50-word query (capped): {_fmt(long_ms)}")

        print("writes and maintenance:")
        counter = iter(range(10**9))
        refresh_ms = timed(
            lambda _t: index.refresh(
                ["studio:1"],
                lambda keys: [SearchDocument("studio", "1", f"Renamed {next(counter)}", body="x")],
            ),
            [""] * 35,
        )
        print(f"  refresh(1 key) after a commit: {_fmt(refresh_ms)}")
        print(f"  suggest('prototypng'): {_fmt(timed(index.suggest, ['prototypng'] * 25))}")
        index.close()
    finally:
        if args.dir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
