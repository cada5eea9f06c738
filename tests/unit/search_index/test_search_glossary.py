"""Cross-language search: a bilingual glossary widens queries into the other language."""

from __future__ import annotations

from pathlib import Path

import pytest

from search_index import Glossary, SearchDocument, SearchIndex, SearchQuery

# The few terms the examples need, written as matching.glossary writes them (several English
# terms on one line, acronyms among them); the app uses matching.glossary.load_glossary().
GLOSSARY = [
    ("人机交互", "human-machine interaction HMI"),
    ("火锅", "hotpot"),
    ("火锅底料", "hotpot base"),
    ("包装", "packaging"),
    ("外壳", "housing; enclosure"),
]


def _docs() -> list[SearchDocument]:
    return [
        SearchDocument(
            "studio", "10", "Signal Interface Lab",
            body="We design human-machine interfaces for excavators and cranes.",
            district="Yubei 渝北区",
        ),
        SearchDocument(
            "studio", "11", "Dashboard Works",
            body="Cluster graphics and HMI for electric buses.",
        ),
        SearchDocument(
            "studio", "12", "交互设计所",
            title_zh="山城人机交互设计所",
            body_zh="专注工程机械人机交互与座舱界面。",
        ),
        SearchDocument(
            "scenario", "FOOD-01", "Shelf-ready pack for a hotpot-base maker",
            title_zh="火锅底料包装设计",
            body_zh="重庆火锅底料包装的开启方式与货架陈列。",
        ),
        SearchDocument(
            "studio", "13", "Riverside Packaging Studio",
            body="Hotpot packaging and gift boxes for Chongqing food brands.",
        ),
        SearchDocument(
            "studio", "14", "Ceramics Unlimited",
            body="Tableware, glazes and kiln work.",
        ),
    ]  # fmt: skip


@pytest.fixture
def glossary_index(tmp_path: Path) -> SearchIndex:
    """A small bilingual corpus in an index that expands with GLOSSARY."""
    ix = SearchIndex(tmp_path / "ix", writer_timeout=5.0, glossary=GLOSSARY).open_or_create()
    ix.upsert(_docs())
    yield ix
    ix.close()


def _keys(ix: SearchIndex, text: str) -> list[str]:
    return [hit.key for hit in ix.search(SearchQuery(text=text, per_page=50)).hits]


def test_chinese_query_finds_english_only_studios(glossary_index: SearchIndex) -> None:
    keys = _keys(glossary_index, "人机交互")
    assert {"studio:10", "studio:11", "studio:12"} <= set(keys)
    assert "studio:14" not in keys


def test_english_query_finds_chinese_only_scenario(glossary_index: SearchIndex) -> None:
    keys = _keys(glossary_index, "hotpot packaging")
    assert "scenario:FOOD-01" in keys and "studio:13" in keys


def test_exact_matches_rank_above_translations(glossary_index: SearchIndex) -> None:
    assert _keys(glossary_index, "人机交互")[0] == "studio:12"  # the only one written in Chinese
    assert _keys(glossary_index, "hotpot packaging")[0] == "studio:13"
    hmi = _keys(glossary_index, "HMI")
    assert hmi.index("studio:11") < hmi.index("studio:12")


def test_mixed_language_query_expands_each_term(glossary_index: SearchIndex) -> None:
    assert "scenario:FOOD-01" in _keys(glossary_index, "hotpot 包装")


def test_plural_and_case_still_find_the_glossary_entry(glossary_index: SearchIndex) -> None:
    keys = _keys(glossary_index, "Human-Machine Interactions")
    assert "studio:12" in keys  # 人机交互, reached from "interaction" in another case and number


def test_highlights_mark_the_translated_words(glossary_index: SearchIndex) -> None:
    hits = {hit.key: hit for hit in glossary_index.search("人机交互").hits}
    assert "<mark>human</mark>-<mark>machine</mark> interfaces" in hits["studio:10"].snippet
    assert "<mark>HMI</mark>" in hits["studio:11"].snippet
    assert "<mark>人机交互</mark>" in hits["studio:12"].snippet
    food = glossary_index.search("hotpot packaging").hits
    fd = next(h for h in food if h.key == "scenario:FOOD-01")
    assert "<mark>火锅底料</mark>" in fd.snippet or "<mark>火锅</mark>" in fd.snippet
    assert "<mark>包装</mark>" in fd.snippet


def test_no_glossary_means_no_expansion(tmp_path: Path) -> None:
    ix = SearchIndex(tmp_path / "plain", writer_timeout=5.0).open_or_create()
    ix.upsert(_docs())
    assert {h.key for h in ix.search("人机交互").hits} == {"studio:12"}
    ix.close()


def test_quoted_and_operator_queries_are_taken_literally(glossary_index: SearchIndex) -> None:
    assert _keys(glossary_index, '"hotpot packaging"') == ["studio:13"]
    assert "studio:10" not in _keys(glossary_index, "人机交互 NOT excavators")


def test_glossary_lookup_both_ways() -> None:
    glossary = Glossary([*GLOSSARY, ("", "empty"), ("bad", "latin on the zh side")])
    assert set(glossary.translate("人机交互")) == {"human-machine interaction", "HMI"}
    assert glossary.translate("HMI") == ("人机交互",)
    assert glossary.translate("hotpot bases") == ("火锅底料",)
    assert glossary.translate("latin on the zh side") == ()
    assert glossary.translate("外壳") == ("housing", "enclosure")
    spans = glossary.spans("火锅底料包装 design")
    assert [(s.text, bool(s.translations)) for s in spans] == [
        ("火锅底料", True),
        ("包装", True),
        ("design", False),
    ]


def test_a_translation_found_almost_everywhere_is_left_out(tmp_path: Path, monkeypatch) -> None:
    from search_index import expansion

    monkeypatch.setattr(expansion, "COMMON_MIN", 1)
    monkeypatch.setattr(expansion, "COMMON_SHARE", 0.5)
    ix = SearchIndex(tmp_path / "common", glossary=[("设计", "design"), ("陶瓷", "ceramics")])
    ix.open_or_create().upsert(
        [SearchDocument("studio", str(i), f"Studio {i}", body="design work") for i in range(4)]
        + [SearchDocument("studio", "zh", "", title_zh="陶瓷设计")]
    )
    assert {h.key for h in ix.search("设计").hits} == {"studio:zh"}  # "design" not added
    assert "studio:zh" in {h.key for h in ix.search("ceramics").hits}  # a rare one still is
    ix.close()
