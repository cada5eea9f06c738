"""The notice above the results says what the list holds once results close in meaning join it."""

from __future__ import annotations

import numpy as np

from search_index import SearchIndex
from search_index.hybrid import VectorInput, VectorTable
from search_index.searching import NOTICE_MEANING_ONLY, NOTICE_RELAXED, NOTICE_RELAXED_MEANING


def _hits(key: str) -> VectorInput:
    table = VectorTable.build({key: np.array([1.0, 0.0]), "studio:9": np.array([0.0, 1.0])})
    return VectorInput(table.nearest(np.array([1.0, 0.0]), min_similarity=0.5))


def test_relaxed_words_alone_keep_the_any_of_your_words_notice(index: SearchIndex) -> None:
    # No document has both "clay" and "speaker"; each word alone finds something.
    found = index.search("clay speaker")
    assert found.relaxed and found.notices == [NOTICE_RELAXED]
    # A vector neighbour that has one of the words changes nothing the notice says.
    mixed = index.search("clay speaker", _hits("studio:1"))
    assert mixed.notices == [NOTICE_RELAXED]


def test_a_neighbour_without_the_words_is_announced_as_close_in_meaning(index: SearchIndex) -> None:
    found = index.search("clay speaker", _hits("studio:3"))  # Yangtze Engineering: neither word
    assert "studio:3" in {h.key for h in found.hits}
    assert found.notices == [NOTICE_RELAXED_MEANING]
    assert NOTICE_RELAXED not in found.notices


def test_only_neighbours_by_meaning_say_so(index: SearchIndex) -> None:
    found = index.search("hotpot packaging", _hits("studio:2"))
    assert [h.key for h in found.hits] == ["studio:2"]
    assert found.notices == [NOTICE_MEANING_ONLY]
    assert index.search("hotpot packaging").notices == []  # nothing at all: no notice to fix
