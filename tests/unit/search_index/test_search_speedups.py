"""What the speed work must not change: remembered results, the term cap, page-only snippets."""

from __future__ import annotations

from search_index import MAX_QUERY_TERMS, SearchDocument, SearchIndex, SearchQuery, clean_query
from search_index.searching import NOTICE_TERMS, NOTICE_TRUNCATED


def test_remembered_facet_counts_follow_a_write(index: SearchIndex) -> None:
    before = index.search("design")
    assert index.search("design") is before  # the same generation answers from memory
    index.upsert(
        [SearchDocument("studio", "9", "New design house", industries=["FOOD"], body="design")]
    )
    after = index.search("design")
    assert after.total == before.total + 1
    assert after.facets["industry"]["FOOD"] == 1
    assert "FOOD" not in before.facets["industry"]


def test_remembered_results_follow_a_delete(index: SearchIndex) -> None:
    assert index.search("clay").total == 1
    index.delete(["studio:1"])
    assert index.search("clay").total == 0
    assert index.search("").facets["kind"]["studio"] == 2


def test_long_query_is_capped_and_says_so(index: SearchIndex) -> None:
    words = ["battery"] + [f"word{i}" for i in range(49)]
    results = index.search(" ".join(words))
    assert len(results.query.split()) == MAX_QUERY_TERMS
    assert results.truncated and NOTICE_TERMS in results.notices
    assert NOTICE_TRUNCATED not in results.notices


def test_long_chinese_query_is_capped_by_terms() -> None:
    text = "新能源汽车电池包外壳轻量化设计与热管理仿真以及碰撞安全验证和人机工程评估"
    cleaned = clean_query(text)
    assert cleaned.capped_terms and cleaned.truncated
    assert text.startswith(cleaned.text) and len(cleaned.text) <= 2 * MAX_QUERY_TERMS
    assert not clean_query("新能源汽车电池包").truncated


def test_short_query_is_not_capped(index: SearchIndex) -> None:
    results = index.search("battery enclosure")
    assert not results.truncated and not results.notices


def test_only_the_page_is_highlighted(empty_index: SearchIndex) -> None:
    empty_index.upsert(
        [SearchDocument("studio", str(i), f"Clay {i}", body=f"clay work {i}") for i in range(30)]
    )
    first = empty_index.search(SearchQuery(text="clay", per_page=10))
    second = empty_index.search(SearchQuery(text="clay", per_page=10, page=3))
    assert len(first.hits) == len(second.hits) == 10
    assert all("<mark>clay</mark>" in hit.snippet for hit in first.hits + second.hits)
    assert not {h.key for h in first.hits} & {h.key for h in second.hits}


def test_prefix_and_negated_words_in_snippets(index: SearchIndex) -> None:
    hit = next(h for h in index.search("prototyp*").hits if h.key == "scenario:ELEC-01")
    assert "<mark>prototyping</mark>" in hit.snippet
    hit = index.search("clay NOT electronics").hits[0]
    assert "<mark>clay</mark>" in hit.snippet and "<mark>electronics" not in hit.snippet


def test_relaxing_a_long_query_keeps_its_rarest_words(index: SearchIndex) -> None:
    from search_index.searching import RELAX_MAX_WORDS, rarest_words

    common = ["design", "battery", "prototyping", "electronics", "industrial", "form"]
    text = " ".join([*common, "clay", "nonexistentword"])
    with index.searcher() as searcher:
        kept = rarest_words(searcher, text).split()
    assert len(kept) == RELAX_MAX_WORDS
    assert "clay" in kept and "nonexistentword" in kept
    results = index.search(text)
    assert results.relaxed and "studio:1" in {hit.key for hit in results.hits}
