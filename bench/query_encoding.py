"""Query encoding cost: the model loaded in each web worker vs served by the job consumer.

    .venv/bin/python bench/query_encoding.py [--queries 200]

In-worker: a fresh Python process (a new web worker) encodes its first query (importing torch,
loading all-MiniLM-L6-v2, encoding), then distinct queries one by one; its peak memory is read
before and after the model loads. Consumer: a `huey_consumer` (Redis, one thread, model loaded at
start) encodes each query as a job while this process waits for the result, as a web request
would; the first round trip after the consumer started and the steady state are timed. Both
sides encode the same distinct queries (the labelled set plus variations). Figures only.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
ENV = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
           TOKENIZERS_PARALLELISM="false", OMP_NUM_THREADS="1")  # fmt: skip


def queries(n: int) -> list[str]:
    base = [json.loads(line)["query"] for line in
            (ROOT / "tests" / "data" / "search_queries.jsonl").read_text("utf-8").splitlines()]
    extra = ["design", "studio", "设计", "Chongqing", "prototype", "工作室"]  # fmt: skip
    out = list(base)
    for word in extra:
        out += [f"{q} {word}" for q in base]
    return out[:n]


WORKER = r"""
import json, resource, sys, time
t0 = time.perf_counter()
sys.path.insert(0, sys.argv[1])
from marketplace.services.search.vectors import query_text
from matching.encoder import get_encoder
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
texts = json.loads(sys.stdin.read())
enc = get_encoder(threads=1)
enc.encode([query_text(texts[0])])
first = time.perf_counter() - t0
rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
times = []
for text in texts[1:]:
    t = time.perf_counter(); enc.encode([query_text(text)]); times.append(time.perf_counter() - t)
print(json.dumps({"first": first, "times": times, "rss_before": rss0, "rss_after": rss1}))
"""


def in_worker(texts: list[str]) -> dict:
    out = subprocess.run([sys.executable, "-c", WORKER, str(ROOT)], input=json.dumps(texts),
                         capture_output=True, text=True, env=ENV, check=True)  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def via_consumer(texts: list[str]) -> dict:
    port = _free_port()
    workdir = tempfile.mkdtemp(prefix="bench-encode-")
    redis = subprocess.Popen(["redis-server", "--port", str(port), "--save", "", "--dir", workdir],
                             stdout=subprocess.DEVNULL)  # fmt: skip
    env = dict(ENV, BENCH_REDIS_URL=f"redis://127.0.0.1:{port}/0", PYTHONPATH=str(BENCH))
    os.environ["BENCH_REDIS_URL"] = env["BENCH_REDIS_URL"]
    sys.path.insert(0, str(BENCH))
    consumer = None
    try:
        time.sleep(0.5)
        import _encode_consumer as tasks

        started = time.perf_counter()
        consumer = subprocess.Popen(
            [str(BIN / "huey_consumer"), "_encode_consumer.huey", "-w", "1", "-k", "thread",
             "--quiet"], env=env, cwd=str(BENCH),
        )  # fmt: skip
        tasks.encode_query(texts[0]).get(blocking=True, timeout=300)
        first_after_start = time.perf_counter() - started
        times = []
        for text in texts[1:]:
            t = time.perf_counter()
            tasks.encode_query(text).get(blocking=True, timeout=60)
            times.append(time.perf_counter() - t)
        return {"first_after_start": first_after_start, "times": times}
    finally:
        if consumer is not None:
            consumer.terminate()
            consumer.wait(timeout=30)
        redis.terminate()
        redis.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


def pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100)[int(p) - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    texts = queries(args.queries)
    local = in_worker(texts)
    remote = via_consumer(texts)
    ms = 1000.0
    print(f"distinct queries {len(texts)}; one encoder thread each side; load "
          f"{os.getloadavg()[0]:.1f}")  # fmt: skip
    print(f"{'':34}{'first query':>14}{'p50':>10}{'p95':>10}")
    for name, first, times in (("model in the web worker", f"{local['first']:.2f} s", local),
                               ("served by the job consumer", "1 round trip", remote)):
        p50, p95 = statistics.median(times["times"]) * ms, pct(times["times"], 95) * ms
        print(f"{name:34}{first:>14}{p50:>8.1f}ms{p95:>8.1f}ms")
    print(f"  consumer: first answer {remote['first_after_start']:.2f} s after its start "
          "(model load); a web worker's first query costs one round trip")
    grow = (local["rss_after"] - local["rss_before"]) / 1024
    print(f"  web worker peak memory: {local['rss_before'] / 1024:.0f} MB before the model, "
          f"+{grow:.0f} MB with it (per worker)")



if __name__ == "__main__":
    main()
