"""Ranking, stemming and bilingual matching."""

from __future__ import annotations

from search_index import SearchDocument, SearchIndex, SearchQuery


def keys(index: SearchIndex, text: str) -> list[str]:
    return [hit.key for hit in index.search(SearchQuery(text=text, per_page=50)).hits]


def test_title_hit_ranks_above_body_hit(empty_index: SearchIndex) -> None:
    empty_index.upsert(
        [
            SearchDocument("studio", "body", "Foundry partners", body="We also do clay work."),
            SearchDocument("studio", "title", "Clay studio", body="Models for carmakers."),
        ]
    )
    assert keys(empty_index, "clay") == ["studio:title", "studio:body"]


def test_title_hit_beats_repeated_body_mentions(empty_index: SearchIndex) -> None:
    empty_index.upsert(
        [
            SearchDocument("studio", "a", "Workshop", body="clay clay clay, all about clay models"),
            SearchDocument("studio", "b", "Clay", body="A studio."),
        ]
    )
    assert keys(empty_index, "clay")[0] == "studio:b"


def test_chinese_title_outranks_chinese_body(empty_index: SearchIndex) -> None:
    empty_index.upsert(
        [
            SearchDocument("scenario", "a", "A", body_zh="附带说明电池包的维护。"),
            SearchDocument("scenario", "b", "B", title_zh="电池包外壳设计"),
        ]
    )
    assert keys(empty_index, "电池包") == ["scenario:b", "scenario:a"]


def test_stemming_prototypes_finds_prototyping(index: SearchIndex) -> None:
    found = keys(index, "prototypes")
    assert "studio:2" in found  # "prototyping" only
    assert "scenario:ELEC-01" in found


def test_english_words_match_english_title_and_body(index: SearchIndex) -> None:
    assert keys(index, "battery enclosure")[0] == "scenario:NEV-01"
    assert keys(index, "clay model") == ["studio:1"]


def test_chinese_query_finds_chinese_title(index: SearchIndex) -> None:
    assert keys(index, "电池包") == ["scenario:NEV-01"]
    assert keys(index, "黏土模型") == ["studio:1"]


def test_chinese_sub_word_is_found(index: SearchIndex) -> None:
    # Indexed in jieba's search mode: 新能源汽车 also yields 汽车 and 能源.
    assert keys(index, "汽车") == ["scenario:NEV-01"]


def test_district_in_either_language(index: SearchIndex) -> None:
    assert keys(index, "渝北") == ["studio:1"]
    assert keys(index, "Yubei") == ["studio:1"]
    assert keys(index, "沙坪坝") == ["studio:2"]


def test_mixed_language_query(index: SearchIndex) -> None:
    assert keys(index, "battery 电池包") == ["scenario:NEV-01"]


def test_phrase_query(index: SearchIndex) -> None:
    assert keys(index, '"thermal runaway"') == ["scenario:NEV-01"]
    assert keys(index, '"runaway thermal"') == []
    assert keys(index, '"热失控防护"') == ["scenario:NEV-01"]


def test_all_words_required_then_relaxed(index: SearchIndex) -> None:
    assert set(keys(index, "battery")) == {"scenario:NEV-01", "scenario:NEV-02"}
    strict = index.search("battery driver")
    assert [h.key for h in strict.hits] == ["scenario:NEV-02"] and not strict.relaxed
    results = index.search("clay zzzqqq")
    assert results.relaxed and [h.key for h in results.hits] == ["studio:1"]
    assert results.notices


def test_operators_and_prefix(index: SearchIndex) -> None:
    assert "scenario:NEV-01" not in keys(index, "battery NOT enclosure")
    assert set(keys(index, "clay OR speaker")) == {"studio:1", "scenario:ELEC-01"}
    assert set(keys(index, "batt*")) == {"scenario:NEV-01", "scenario:NEV-02"}


def test_upsert_replaces_and_delete_removes(index: SearchIndex, corpus) -> None:
    doc = corpus[3]
    renamed = SearchDocument(**{**doc.__dict__, "title": "Plasticine Works"})
    index.upsert([renamed])
    assert keys(index, "plasticine") == ["studio:1"]
    assert index.doc_count() == len(corpus)
    assert index.delete(["studio:1", "studio:404"]) == 1
    assert keys(index, "plasticine") == []


def test_pagination(index: SearchIndex) -> None:
    first = index.search(SearchQuery(text="", per_page=4, page=1))
    second = index.search(SearchQuery(text="", per_page=4, page=2))
    beyond = index.search(SearchQuery(text="", per_page=4, page=99))
    assert (first.total, first.pages, len(first.hits), first.has_next) == (6, 2, 4, True)
    assert len(second.hits) == 2 and second.has_prev and not second.has_next
    assert {h.key for h in first.hits}.isdisjoint({h.key for h in second.hits})
    assert beyond.page == 2 and [h.key for h in beyond.hits] == [h.key for h in second.hits]


def test_did_you_mean(index: SearchIndex) -> None:
    results = index.search("prototypng")
    assert results.total == 0
    assert results.suggestion == "prototyping"
    assert index.suggest("clya models") == "clay models"
    assert index.suggest("clay") is None
    assert index.suggest("qqqqqqqq") is None


def test_duplicate_keys_in_one_upsert_keep_the_last(empty_index: SearchIndex) -> None:
    assert (
        empty_index.upsert(
            [
                SearchDocument("studio", "d", "First clay"),
                SearchDocument("studio", "d", "Second clay"),
            ]
        )
        == 1
    )
    assert [h.title for h in empty_index.search("clay").hits] == ["Second clay"]
