"""Facet counts and filters."""

from __future__ import annotations

from search_index import SearchIndex, SearchQuery


def test_facet_counts_for_a_text_query(index: SearchIndex) -> None:
    results = index.search(SearchQuery(text="prototyping"))
    # "prototyping" (stemmed "prototyp") is in ELEC-01, studio 1 (prototypes) and studio 2.
    assert {h.key for h in results.hits} == {"scenario:ELEC-01", "studio:1", "studio:2"}
    assert results.facets["kind"] == {"studio": 2, "scenario": 1}
    assert results.facets["industry"] == {"ELEC": 2, "MOTO": 1, "NEV": 1}
    assert results.facets["discipline"] == {"PROTO": 3, "FORM": 3, "CMF": 2, "UX": 1}


def test_facet_counts_are_ordered_by_count_then_value(index: SearchIndex) -> None:
    facets = index.search("").facets
    assert list(facets["kind"].items()) == [("scenario", 3), ("studio", 3)]
    assert list(facets["industry"].items())[:2] == [("NEV", 4), ("ELEC", 2)]


def test_filters_narrow_hits(index: SearchIndex) -> None:
    results = index.search(SearchQuery(text="prototyping", kinds=["studio"]))
    assert {h.key for h in results.hits} == {"studio:1", "studio:2"}
    results = index.search(SearchQuery(text="prototyping", industries=["NEV"]))
    assert [h.key for h in results.hits] == ["studio:1"]
    results = index.search(SearchQuery(text="", disciplines=["ENG"], industries=["EQUIP"]))
    assert [h.key for h in results.hits] == ["studio:3"]


def test_values_within_a_facet_are_ored(index: SearchIndex) -> None:
    results = index.search(SearchQuery(text="", industries=["MOTO", "EQUIP"]))
    assert {h.key for h in results.hits} == {"studio:1", "studio:3"}


def test_each_facet_counts_what_clicking_it_would_give(index: SearchIndex) -> None:
    """A facet's counts ignore its own filter but apply the others (and the text)."""
    request = SearchQuery(text="prototyping", kinds=["studio"], industries=["ELEC"])
    results = index.search(request)
    assert [h.key for h in results.hits] == ["studio:2"]
    assert results.facets["kind"] == {"scenario": 1, "studio": 1}  # industry ELEC applied
    assert results.facets["industry"] == {"ELEC": 1, "MOTO": 1, "NEV": 1}  # kind applied
    assert results.facets["discipline"] == {"CMF": 1, "FORM": 1, "PROTO": 1, "UX": 1}
    for industry, count in results.facets["industry"].items():
        alone = index.search(
            SearchQuery(text="prototyping", kinds=["studio"], industries=[industry])
        )
        assert alone.total == count


def test_filter_codes_are_case_insensitive_and_unknown_codes_match_nothing(
    index: SearchIndex,
) -> None:
    assert index.search(SearchQuery(text="", industries=["elec"])).total == 2
    assert index.search(SearchQuery(text="", industries=["NOPE"])).total == 0
    assert index.search(SearchQuery(text="", kinds=["need"])).total == 0


def test_browse_mode_lists_everything_in_a_stable_order(index: SearchIndex) -> None:
    results = index.search(SearchQuery(text="   "))
    assert results.total == 6
    assert [h.kind for h in results.hits] == ["scenario"] * 3 + ["studio"] * 3
    assert all(h.score == 0.0 for h in results.hits)
