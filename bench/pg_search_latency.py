"""PostgreSQL search benchmark: the backend at an earlier revision and now, same server, same run.

    .venv/bin/python bench/pg_search_latency.py [--docs 2000] [--queries 100] [--before REV]
        [--url postgresql://user@host:port]

The documents and the English and Chinese query mixes are bench/search_latency.py's (real
sentences recombined); two mixes are added: the pinyin of Chinese names (found only by the
pinyin this branch indexes) and English words with one letter dropped or two swapped (no result:
the new backend looks for a "did you mean"). The earlier backend is read from git (`--before`,
default the commit before this work: one file then) and loaded beside the current one; each
rebuilds its own database on the same server (both at the current schema), then the two answer
each text in turn, so neither gains from going second. Without --url a
throwaway cluster is started with the initdb/pg_ctl on PATH (as the PostgreSQL tests do).
Prints figures only (no thresholds).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import logging
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from search_latency import Texts, _percentile, generate, query_mixes  # noqa: E402

from search_index import SearchQuery, warm_up  # noqa: E402
from search_index.chinese import pinyin_terms  # noqa: E402

OLD_PATH = "marketplace/services/search/pg_fulltext_backend.py"


@contextlib.contextmanager
def throwaway_cluster() -> Iterator[str]:
    """A temporary PostgreSQL cluster on loopback (run as 'postgres' when this is root)."""
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if not (initdb and pg_ctl):
        raise SystemExit("no initdb/pg_ctl on PATH: pass --url")
    owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    folder = Path(tempfile.mkdtemp(prefix="pg-bench-"))
    if owner:
        shutil.chown(folder, "postgres")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    data = folder / "data"
    subprocess.run([*owner, initdb, "-D", str(data), "-A", "trust", "-U", "postgres"],
                   check=True, capture_output=True)  # fmt: skip
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run([*owner, pg_ctl, "-D", str(data), "-o", options, "-w", "-l",
                    str(folder / "log"), "start"], check=True, capture_output=True)  # fmt: skip
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run([*owner, pg_ctl, "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True)  # fmt: skip
        shutil.rmtree(folder, ignore_errors=True)


def earlier_backend(rev: str):
    """The PostgresSearchIndex class of `rev`, loaded from git as a module of its own."""
    source = subprocess.run(["git", "show", f"{rev}:{OLD_PATH}"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout  # fmt: skip
    path = Path(tempfile.mkdtemp(prefix="pg-bench-src-")) / "pg_fulltext_before.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("pg_fulltext_before", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module.PostgresSearchIndex


def extra_mixes(texts: Texts, count: int, seed: int) -> dict[str, list[str]]:
    """Pinyin of Chinese names, and misspelt English words (one letter dropped or swapped)."""
    rng = random.Random(seed)
    pinyin = sorted({t for name in texts.zh for t in pinyin_terms(name) if len(t) > 5})
    words = sorted({w for w in texts.words() if len(w) >= 6})
    misspelt: dict[str, None] = {}
    while len(misspelt) < count + 5:
        word = rng.choice(words)
        i = rng.randrange(1, len(word) - 1)
        swapped = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        misspelt[rng.choice([word[:i] + word[i + 1 :], swapped])] = None
    return {"pinyin of a Chinese name": rng.sample(pinyin, min(count + 5, len(pinyin))),
            "misspelt English word": list(misspelt)}  # fmt: skip


def measure(indexes: dict, docs, mixes) -> dict[str, dict[str, tuple[float, ...]]]:
    """{mix: {version: (p50 ms, p95 ms, median hits, share with a suggestion)}}; each version
    rebuilds its own database, then the versions answer each text in turn (no order effect)."""
    out: dict[str, dict[str, tuple[float, ...]]] = {"(rebuild, s)": {}}
    for version, index in indexes.items():
        started = time.perf_counter()
        index.rebuild(docs)
        out["(rebuild, s)"][version] = (time.perf_counter() - started,)
    for label, texts in mixes.items():
        filtered = "filter" in label
        request = [SearchQuery(text=t, industries=["NEV"] if filtered else (),
                               kinds=["studio"] if filtered else ()) for t in texts]  # fmt: skip
        ms: dict[str, list[float]] = {v: [] for v in indexes}
        found: dict[str, list] = {v: [] for v in indexes}
        for n, req in enumerate(request):
            for version, index in indexes.items():
                started = time.perf_counter()
                result = index.search(req)
                if n >= 5:  # the first five warm up
                    ms[version].append((time.perf_counter() - started) * 1000)
                    found[version].append(result)
        out[label] = {
            v: (statistics.median(ms[v]), _percentile(ms[v], 95),
                statistics.median(r.total for r in found[v]),
                sum(1 for r in found[v] if r.suggestion) / len(found[v]))
            for v in indexes
        }  # fmt: skip
    return out


def main() -> None:
    """Rebuild and query with the earlier backend and the current one; print both and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--queries", type=int, default=100, help="timed texts per query mix")
    parser.add_argument("--before", default="2015acd", help="git revision of the earlier backend")
    parser.add_argument("--url", default=None, help="a PostgreSQL server (default: throwaway)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    warm_up()
    texts = Texts()
    docs = list(generate(texts, args.docs, args.seed))
    mixes = {**query_mixes(texts, args.queries, args.seed),
             **extra_mixes(texts, args.queries, args.seed)}  # fmt: skip
    with contextlib.ExitStack() as stack:
        server = args.url or stack.enter_context(throwaway_cluster())
        import psycopg
        from flask_migrate import upgrade

        from marketplace import create_app
        from marketplace.extensions import db
        from marketplace.services.search.pg_fulltext_backend import PostgresSearchIndex

        engines = {}
        for version in ("before", "after"):  # one database each, both at the current schema
            name = f"bench_{version}_{os.getpid()}"
            with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            folder = Path(tempfile.mkdtemp(prefix="pg-bench-app-"))
            app = create_app("testing", {
                "SQLALCHEMY_DATABASE_URI": f"{server}/{name}", "SEARCH_BACKEND": "postgres",
                "SEARCH_INDEX_DIR": str(folder / "search_index"), "UPLOAD_DIR": str(folder / "up"),
            })  # fmt: skip
            with app.app_context():
                logging.getLogger("alembic").setLevel(logging.WARNING)
                upgrade()
                engines[version] = db.engine
        indexes = {"before": earlier_backend(args.before)(lambda: engines["before"]),
                   "after": PostgresSearchIndex(lambda: engines["after"]).open_or_create()}
        figures = measure(indexes, docs, mixes)
        for engine in engines.values():
            engine.dispose()
    print(f"{len(docs)} documents, {args.queries} timed texts per mix, same server and run; "
          f"before = {args.before}, after = working tree")  # fmt: skip
    for label, versions in figures.items():
        b, a = versions["before"], versions["after"]
        if label.startswith("(rebuild"):
            print(f"  rebuild: before {b[0]:.1f} s, after {a[0]:.1f} s ({a[0] / b[0]:.2f}x)")
            continue
        print(f"  {label}: median hits before {b[2]:.0f}, after {a[2]:.0f}; "
              f"suggestion offered {b[3]:.0%} -> {a[3]:.0%}")  # fmt: skip
        print(f"    p50 {b[0]:6.2f} -> {a[0]:6.2f} ms ({a[0] / b[0]:4.2f}x)   "
              f"p95 {b[1]:6.2f} -> {a[1]:6.2f} ms ({a[1] / b[1]:4.2f}x)")  # fmt: skip


if __name__ == "__main__":
    main()
