"""Hybrid search: vector neighbours fused with BM25F; Traditional characters; pinyin names."""

from __future__ import annotations

import numpy as np

from search_index import SearchIndex, SearchQuery
from search_index.chinese import pinyin_terms, to_simplified
from search_index.hybrid import VectorInput, VectorTable, rrf


def _table() -> VectorTable:
    basis = np.eye(4, dtype=np.float32)
    return VectorTable.build({
        "studio:1": basis[0], "studio:2": basis[1], "studio:3": basis[2],
        "scenario:NEV-01": basis[0] * 0.9 + basis[2] * 0.1, "scenario:ELEC-01": basis[3],
    })  # fmt: skip


def test_a_vector_neighbour_without_the_words_is_found(index: SearchIndex) -> None:
    # "hotpot" occurs nowhere; the query vector points at studio 2 only.
    alone = index.search("hotpot packaging")
    assert alone.total == 0
    hits = _table().nearest(np.array([0.0, 1.0, 0.0, 0.0]), min_similarity=0.5)
    fused = index.search("hotpot packaging", VectorInput(hits))
    assert [h.key for h in fused.hits] == ["studio:2"]
    assert fused.facets["kind"] == {"studio": 1}


def test_fusion_puts_a_document_strong_in_both_rankings_first(index: SearchIndex) -> None:
    plain = index.search("prototyping")
    assert {h.key for h in plain.hits} >= {"studio:1", "studio:2"}
    hits = _table().nearest(np.array([1.0, 0.0, 0.0, 0.0]), min_similarity=0.5)
    fused = index.search("prototyping", VectorInput(hits))
    assert fused.hits[0].key == "studio:1"
    assert fused.total >= plain.total  # the vector neighbour NEV-01 joins the results
    assert "scenario:NEV-01" in {h.key for h in fused.hits}


def test_filters_apply_to_vector_neighbours(index: SearchIndex) -> None:
    hits = _table().nearest(np.array([1.0, 0.0, 0.0, 0.0]), min_similarity=0.5)
    fused = index.search(SearchQuery(text="hotpot", kinds=["scenario"]), VectorInput(hits))
    assert [h.key for h in fused.hits] == ["scenario:NEV-01"]


def test_nearest_respects_the_floor_and_kinds() -> None:
    table = _table()
    q = np.array([1.0, 0.0, 0.0, 0.0])
    assert [k for k, _ in table.nearest(q, min_similarity=0.95)] == ["studio:1", "scenario:NEV-01"]
    assert [k for k, _ in table.nearest(q, min_similarity=0.5, kinds=["scenario"])] == [
        "scenario:NEV-01"
    ]
    assert table.nearest(np.zeros(4)) == () and table.nearest(np.ones(3)) == ()


def test_rrf_rewards_agreement() -> None:
    fused = rrf([["a", "b", "c"], ["b", "c", "a"]])
    assert max(fused, key=fused.get) == "b"


def test_traditional_characters_find_simplified_text(index: SearchIndex) -> None:
    assert to_simplified("語音交互") == "语音交互"
    assert {h.key for h in index.search("語音交互").hits} == {
        h.key for h in index.search("语音交互").hits
    } != set()


def test_pinyin_finds_chinese_names(index: SearchIndex) -> None:
    assert "shancheng" in pinyin_terms("山城设计实验室")
    assert [h.key for h in index.search("shancheng").hits] == ["studio:2"]
    assert "studio:1" in {h.key for h in index.search("yubei").hits}


def test_pinyin_typed_as_one_word_finds_the_name_from_its_start_or_middle(index: SearchIndex):
    # 山城设计实验室: readers type pinyin run together, as far as they remember the name
    for typed in ("shanchengsheji", "shanchengshejishiyan", "shejishiyanshi", "ShanCheng"):
        assert [h.key for h in index.search(typed).hits] == ["studio:2"], typed
    assert index.search("shanchengxyz").hits == []  # not pinyin of the name: nothing


def test_a_chinese_reader_gets_the_chinese_snippet_first(index: SearchIndex) -> None:
    english = index.search(SearchQuery(text="电池包", kinds=["scenario"]))
    chinese = index.search(SearchQuery(text="电池包", kinds=["scenario"], language="zh_CN"))
    assert english.hits[0].key == chinese.hits[0].key == "scenario:NEV-01"
    assert "<mark>电池包</mark>外壳" in chinese.hits[0].snippet
    browse = index.search(SearchQuery(text="", kinds=["scenario"], language="zh"))
    assert any("座舱人机界面" in h.snippet for h in browse.hits)


def test_chinese_quotes_keep_full_width_punctuation_and_filler_is_never_quoted() -> None:
    from matching.reasons import is_filler, quote

    written = "我们做座舱屏幕，语音助手；以及（车机）交互。"
    assert quote("我们做座舱屏幕,语音助手;以及(车机)交互.") == written
    assert quote("Seats, trims; foams.") == "Seats, trims; foams."  # English untouched
    assert is_filler("A fictional demo project by X: brief, sketches") and not is_filler("Seats")
