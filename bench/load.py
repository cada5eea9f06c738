"""Load benchmark: wrk against gunicorn on loopback; each page as a ratio to /healthz, same run.

Usage: python bench/load.py [--duration 10] [--connections 32] [--threads 2] [--workers 2]
                           [--rounds 1]
Needs wrk (Debian: apt-get install -y wrk). Demo data (catalogue + 90 studios) is prepared once
in --instance. Prints rps, p50/p99 latency and non-2xx per route, and rps ratio to the trivial
route measured before and after the pages under the same gunicorn. With --rounds N the whole
sequence runs N times and the median of each route's ratio is printed at the end.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._server import Gunicorn, prepare_demo

BASELINE = "/healthz"
STUDIO_PAGE = "/studios/<first>"  # replaced by the first studio the directory lists
ROUTES = [
    "/", "/scenarios", "/industries/NEV", "/scenarios/NEV-01", "/studios", STUDIO_PAGE,
    "/search?q=battery", "/api/v1/scenarios",
]  # fmt: skip
GOALS = {"/search?q=battery": (0.10, 150.0)}  # others: 0.25x and p99 under 100 ms
DEFAULT_GOAL = (0.25, 100.0)


@dataclass
class Result:
    """One wrk run."""

    route: str
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx: int
    errors: int


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse_wrk(route: str, out: str) -> Result:
    """The figures from wrk --latency output."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    pct = {
        p: _ms(v, u) for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M)
    }
    total = int(re.search(r"(\d+) requests in", out).group(1))
    non = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errs = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return Result(
        route, rps, pct.get("50", float("nan")), pct.get("99", float("nan")), total,
        int(non.group(1)) if non else 0, sum(int(g) for g in errs.groups()) if errs else 0,
    )  # fmt: skip


def run_wrk(base: str, route: str, args) -> Result:
    """wrk with the given threads, connections and duration against one route."""
    import subprocess

    cmd = [
        "wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s", "--latency",
        "-H", "Accept-Language: zh-CN", base + route,
    ]  # fmt: skip
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=args.duration + 60).stdout
    return parse_wrk(route, out)


def warm(base: str, route: str) -> int:
    """A few requests so every worker has imported, cached and compiled; returns the status."""
    status = 0
    for _ in range(6):
        try:
            with urllib.request.urlopen(base + route, timeout=30) as r:
                status = r.status
        except urllib.error.HTTPError as exc:
            status = exc.code
    return status


def first_studio(base: str) -> str:
    """The path of the first studio page the directory links to."""
    with urllib.request.urlopen(base + "/studios", timeout=30) as r:
        found = re.search(r'href="(/studios/\d+)"', r.read().decode())
    if not found:
        raise SystemExit("the directory lists no studio: is the demo data loaded?")
    return found.group(1)


def run_round(server: Gunicorn, routes: list[str], args) -> tuple[Result, list[Result], Result]:
    """The baseline, every route, and the baseline again."""
    before = run_wrk(server.url, BASELINE, args)
    results = [run_wrk(server.url, route, args) for route in routes]
    after = run_wrk(server.url, BASELINE, args)
    return before, results, after


def print_round(before: Result, results: list[Result], after: Result) -> dict[str, float]:
    """One round's table; returns each route's ratio to the mean baseline."""
    baseline_rps = (before.rps + after.rps) / 2
    header = f"{'route':<22}{'rps':>9}{'ratio':>8}{'p50 ms':>9}{'p99 ms':>9}{'non-2xx':>9}"
    print(header + f"{'errors':>8}  goal")
    for r in [before, *results, after]:
        goal = ""
        if r.route != BASELINE:
            min_ratio, max_p99 = goal_of(r.route)
            ok = r.rps / baseline_rps >= min_ratio and r.p99_ms < max_p99 and r.non_2xx == 0
            goal = f"{'met' if ok else 'MISSED'} (>= {min_ratio}x, p99 < {max_p99:.0f} ms)"
        print(
            f"{r.route:<22}{r.rps:>9.0f}{r.rps / baseline_rps:>8.3f}{r.p50_ms:>9.1f}"
            f"{r.p99_ms:>9.1f}{r.non_2xx:>9}{r.errors:>8}  {goal}"
        )
    print(f"baseline {BASELINE}: {before.rps:.0f} rps before the pages, {after.rps:.0f} after")
    return {r.route: r.rps / baseline_rps for r in results}


def goal_of(route: str) -> tuple[float, float]:
    """The route's goal: (least ratio to the baseline, p99 limit in ms)."""
    return GOALS.get(route, DEFAULT_GOAL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per route (default 10)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--instance", type=Path, default=Path("/tmp/marketplace-bench-load"))
    parser.add_argument("--routes", nargs="*", default=ROUTES)
    parser.add_argument("--rounds", type=int, default=1, help="repeat and report medians")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed (Debian: apt-get install -y wrk)", file=sys.stderr)
        return 2
    prepare_demo(args.instance)
    unlimited = "100000000 per minute"  # the rate limits stay on (their cost counts), never hit
    server = Gunicorn(
        args.instance, workers=args.workers, SEARCH_RATE_LIMIT=unlimited, API_RATE_LIMIT=unlimited
    )
    server.start()
    try:
        routes = []
        for route in args.routes:
            if route == STUDIO_PAGE:
                route = first_studio(server.url)
            status = warm(server.url, route)
            if status == 404 and route.startswith("/api/"):
                print(f"skip {route}: not there yet (404)")
                continue
            routes.append(route)
        warm(server.url, BASELINE)
        print(
            f"gunicorn {args.workers} workers, wrk -t{args.threads} -c{args.connections} "
            f"-d{args.duration}s, loopback, {args.rounds} round(s)"
        )
        ratios: dict[str, list[float]] = {route: [] for route in routes}
        for number in range(1, args.rounds + 1):
            print(f"round {number}")
            for route, ratio in print_round(*run_round(server, routes, args)).items():
                ratios[route].append(ratio)
    finally:
        server.stop()
    if args.rounds > 1:
        print(f"median ratio to {BASELINE} over {args.rounds} rounds (ratio goal only)")
        for route, values in ratios.items():
            median = statistics.median(values)
            verdict = "met" if median >= goal_of(route)[0] else "MISSED"
            print(f"{route:<22}{median:>8.3f}  {verdict} (>= {goal_of(route)[0]}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
