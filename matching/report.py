"""Plain-text reports of an evaluation: the nDCG table, ratios, fit-level precision."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

ZH_DIRECTIONS = ("need→studio", "studio→need")


@dataclass
class DirectionResult:
    """Mean nDCG@10 per system for one direction, over queries with a relevant candidate."""

    queries: int
    candidates: int
    scores: dict[str, float] = field(default_factory=dict)
    # per fit level over the hybrid's top 10 of every query: (shown, P(relevance>=1), P(=2))
    fit: dict[str, tuple[int, float, float]] = field(default_factory=dict)

    @property
    def best_baseline(self) -> float:
        """The better of the two baselines."""
        return max(self.scores["tfidf"], self.scores["cosine"])

    @property
    def ratio(self) -> float:
        """Hybrid over the better baseline."""
        return self.scores["hybrid"] / self.best_baseline


def zh_ratios(results: Mapping[str, DirectionResult]) -> dict[str, float]:
    """Chinese over English hybrid nDCG@10 per direction (only directions with a Chinese set)."""
    return {
        d: results[f"zh {d}"].scores["hybrid"] / results[f"en {d}"].scores["hybrid"]
        for d in ZH_DIRECTIONS
        if f"zh {d}" in results
    }


def format_fit(results: Mapping[str, DirectionResult]) -> str:
    """Fit-level precision over the hybrid's top 10, per direction."""
    lines = ["fit level precision (top 10 per query): shown, P(relevance>=1), P(relevance=2)"]
    for name, r in results.items():
        cells = [
            f"{level} {r.fit[level][0]:>4} {r.fit[level][1]:.3f} {r.fit[level][2]:.3f}"
            for level in ("strong", "good", "possible")
            if level in r.fit
        ]
        shown = sum(v[0] for v in r.fit.values()) / max(r.queries, 1)
        lines.append(f"  {name:<18} " + " | ".join(cells) + f" | {shown:.1f} shown/query")
    return "\n".join(lines)


def format_report(results: Mapping[str, DirectionResult], title: str = "") -> str:
    """A plain-text table: one row per system, one column per direction."""
    first = next(iter(results.values())).scores
    names = [n for n in first if all(n in r.scores for r in results.values())]
    header = f"{'nDCG@10':<22}" + "".join(f"{d:>18}" for d in results)
    lines = [title] if title else []
    lines.append(header.rstrip())
    lines.append(
        f"{'(queries×candidates)':<22}"
        + "".join(f"{f'{r.queries}×{r.candidates}':>18}" for r in results.values())
    )
    for name in names:
        lines.append(f"{name:<22}" + "".join(f"{r.scores[name]:>18.3f}" for r in results.values()))
    lines.append(
        f"{'hybrid / best base':<22}" + "".join(f"{r.ratio:>17.3f}×" for r in results.values())
    )
    for direction, ratio in zh_ratios(results).items():
        lines.append(f"Chinese / English hybrid, {direction}: {ratio:.3f}×")
    return "\n".join(lines)


