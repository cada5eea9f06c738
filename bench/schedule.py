"""Meeting scheduler: meetings placed and solve time, exact (HiGHS) against greedy first-fit.

    python bench/schedule.py [--repeat 5] [--seed 1]

Each size is a generated event: manufacturers request studios (a few popular studios get many
requests), about one participant in six is away for one or two slots. Both methods see the
same accepted requests in the same order; times are medians of --repeat runs.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from marketplace.services.matchmaking import solver

SIZES = (  # (participants, accepted requests, slots, tables)
    (40, 150, 12, 15),
    (80, 400, 12, 20),
    (200, 1000, 12, 40),
    (200, 1000, 12, 80),
)


def make_event(people: int, requests: int, slots: int, seed: int):
    """Accepted requests manufacturer -> studio, popularity-skewed, and unavailable slots."""
    rng = random.Random(seed)
    makers = [f"M{i:03d}" for i in range(people // 2)]
    studios = [f"S{i:03d}" for i in range(people - len(makers))]
    weights = [1.0 / (1 + i) ** 0.6 for i in range(len(studios))]
    pairs: set[tuple[str, str]] = set()
    while len(pairs) < requests:
        pairs.add((rng.choice(makers), rng.choices(studios, weights)[0]))
    order = sorted(pairs)
    rng.shuffle(order)
    meetings = [solver.Request(f"{a}-{b}", a, b) for a, b in order]
    off = {p: rng.sample(range(1, slots + 1), rng.choice([1, 2]))
           for p in makers + studios if rng.random() < 1 / 6}  # fmt: skip
    return meetings, off


def median_time(fn, repeat: int) -> tuple[float, object]:
    """Median wall time of `repeat` calls, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    """Print one line per size: placed (exact / greedy / upper bound) and median times."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    print("participants requests slots tables | exact placed  greedy placed  capacity | "
          "exact median s  greedy median s")  # fmt: skip
    for people, count, slots, tables in SIZES:
        meetings, off = make_event(people, count, slots, args.seed)
        instance = (slots, tables, meetings, off)
        t_exact, exact = median_time(lambda i=instance: solver.schedule(*i), args.repeat)
        t_greedy, greedy = median_time(lambda i=instance: solver.greedy(*i), args.repeat)
        assert not solver.conflicts(exact.placed, slots, tables, off)
        assert not solver.conflicts(greedy, slots, tables, off)
        print(f"{people:12d} {count:8d} {slots:5d} {tables:6d} | {len(exact.placed):12d} "
              f"{len(greedy):14d} {slots * tables:9d} | {t_exact:14.3f} {t_greedy:16.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
