"""Facet filters and counts as set algebra on document numbers, cached per commit.

Whoosh's own multi-valued facets (FieldFacet(allow_overlap=True)) rebuild a per-document value
list from the postings on every query, which was a third of the query time at 10,000 documents.
Here each facet value's document set is read once per searcher (a searcher lives until the next
commit) and a query only intersects sets.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from whoosh.searching import Searcher

from search_index.schema import FACET_FIELDS

FacetSelection = dict[str, tuple[str, ...]]
T = TypeVar("T")
MEMO_SIZE = 256  # recent queries' match sets and facet counts kept per searcher (generation)


class FacetSets:
    """Per facet, {value: frozenset of document numbers} for one searcher, built lazily."""

    def __init__(self, searcher: Searcher) -> None:
        self.searcher = searcher
        self._sets: dict[str, dict[str, frozenset[int]]] = {}
        self._all: frozenset[int] | None = None
        self._docnums: dict[str, int | None] = {}
        self._memo: OrderedDict[Hashable, object] = OrderedDict()

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """compute(), remembered under `key` for this generation (least recently used dropped).

        A searcher is replaced on every commit, and with it these sets and this memo, so a write
        can never leave a stale count behind.
        """
        try:
            value = self._memo[key]
        except KeyError:
            value = compute()
            self._memo[key] = value
            if len(self._memo) > MEMO_SIZE:
                self._memo.popitem(last=False)
        except TypeError:  # an unhashable query: just compute
            return compute()
        else:
            self._memo.move_to_end(key)
        return value  # type: ignore[return-value]

    def clear_memo(self) -> None:
        """Forget remembered queries (the benchmark times uncached calls)."""
        self._memo.clear()

    def docnum(self, key: str) -> int | None:
        """The document number of an index key ("studio:7") in this generation, or None."""
        if key not in self._docnums:
            if len(self._docnums) > 100_000:
                self._docnums.clear()
            self._docnums[key] = self.searcher.document_number(key=key)
        return self._docnums[key]

    def all_docs(self) -> frozenset[int]:
        """Every live (not deleted) document number."""
        if self._all is None:
            self._all = frozenset(self.searcher.reader().all_doc_ids())
        return self._all

    def values(self, facet: str) -> dict[str, frozenset[int]]:
        """{value: documents having it} for one facet ("kind", "industry", "discipline")."""
        if facet not in self._sets:
            field = FACET_FIELDS[facet]
            reader = self.searcher.reader()
            sets = {}
            for value in reader.field_terms(field):
                docs = frozenset(reader.postings(field, value).all_ids())
                if docs:  # terms of deleted documents linger in the lexicon
                    sets[str(value)] = docs
            self._sets[facet] = sets
        return self._sets[facet]

    def selected(self, facet: str, values: Iterable[str]) -> frozenset[int]:
        """Documents having any of the values (OR within a facet)."""
        sets = self.values(facet)
        out: set[int] = set()
        for value in values:
            out |= sets.get(value, frozenset())
        return frozenset(out)


def narrow(
    facet_sets: FacetSets, matched: frozenset[int], selection: FacetSelection, skip: str = ""
) -> frozenset[int]:
    """The matched documents that pass every selected facet but `skip` (AND across facets)."""
    docs = matched
    for facet, values in selection.items():
        if values and facet != skip:
            docs = docs & facet_sets.selected(facet, values)
    return docs


def facet_counts(
    facet_sets: FacetSets, matched: frozenset[int], selection: FacetSelection
) -> dict[str, dict[str, int]]:
    """Per facet, counts over the matches filtered by the *other* facets' selections, so each
    count is exactly what choosing that value alone (within its facet) would give."""
    facets: dict[str, dict[str, int]] = {}
    for facet in FACET_FIELDS:
        base = narrow(facet_sets, matched, selection, skip=facet)
        counts = {value: len(base & docs) for value, docs in facet_sets.values(facet).items()}
        ordered = sorted(((v, n) for v, n in counts.items() if n), key=lambda vn: (-vn[1], vn[0]))
        facets[facet] = dict(ordered)
    return facets
