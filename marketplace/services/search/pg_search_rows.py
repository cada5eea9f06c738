"""Matched rows of the PostgreSQL search: facet filters, ranking and facet counts."""

from __future__ import annotations

from dataclasses import dataclass, replace

from search_index import SearchQuery
from search_index.hybrid import VectorInput, rrf

KIND_ORDER = {"scenario": 0, "studio": 1, "need": 2}
FACETS = (("kind", "kind"), ("industry", "industries"), ("discipline", "disciplines"))


@dataclass(frozen=True)
class MatchRow:
    """One matching entry: its facets, title and rank (0: a vector neighbour only)."""

    key: str
    kind: str
    industries: tuple[str, ...]
    disciplines: tuple[str, ...]
    title: str
    rank: float
    exact: bool

    def facet(self, name: str) -> tuple[str, ...]:
        """The row's values of one facet field."""
        return (self.kind,) if name == "kind" else getattr(self, name)


def allowed(row: MatchRow, request: SearchQuery, skip: str = "") -> bool:
    """Whether the row passes the request's facet selections (all but `skip`)."""
    selection = {"kind": request.kinds, "industries": request.industries,
                 "disciplines": request.disciplines}  # fmt: skip
    for facet, chosen in selection.items():
        if facet != skip and chosen and not set(row.facet(facet)) & set(chosen):
            return False
    return True


def ranked(rows: list[MatchRow], vectors: VectorInput | None) -> list[MatchRow]:
    """Typed words before translations, by ts_rank; with vectors, fused by reciprocal rank."""
    lexical = sorted((r for r in rows if r.rank > 0), key=lambda r: (not r.exact, -r.rank, r.key))
    if vectors is None or not vectors.hits:
        return lexical
    by_key = {r.key: r for r in rows}
    vector_keys = [key for key, _ in vectors.hits if key in by_key]
    fused = rrf([[r.key for r in lexical], vector_keys],
                [vectors.bm25_weight, vectors.vector_weight], vectors.k)  # fmt: skip
    order = sorted(fused, key=lambda k: (-fused[k], k))
    return [replace(by_key[str(k)], rank=fused[k]) for k in order]


def facet_counts(rows: list[MatchRow], request: SearchQuery) -> dict[str, dict[str, int]]:
    """Per facet, counts over the matches filtered by the other facets' selections."""
    out: dict[str, dict[str, int]] = {}
    for name, field in FACETS:
        counts: dict[str, int] = {}
        for row in rows:
            if allowed(row, request, skip=field):
                for value in row.facet(field):
                    counts[value] = counts.get(value, 0) + 1
        out[name] = dict(sorted(counts.items(), key=lambda vn: (-vn[1], vn[0])))
    return out
