"""Highlighted, HTML-safe snippets."""

from __future__ import annotations

import re

from search_index import SearchDocument, SearchIndex


def test_snippet_marks_matched_words(index: SearchIndex) -> None:
    hit = index.search("thermal runaway").hits[0]
    assert "<mark>thermal</mark> <mark>runaway</mark>" in hit.snippet


def test_snippet_marks_stemmed_variants(index: SearchIndex) -> None:
    hit = next(h for h in index.search("prototype").hits if h.key == "studio:1")
    assert "<mark>prototypes</mark>" in hit.snippet


def test_chinese_snippet(index: SearchIndex) -> None:
    hit = index.search("轻量化").hits[0]
    assert "<mark>轻量化</mark>" in hit.snippet


def test_snippet_escapes_everything_but_mark(empty_index: SearchIndex) -> None:
    empty_index.upsert(
        [
            SearchDocument(
                "studio",
                "x",
                "Evil & Co",
                body='We <b>bold</b> "quote" & <script>alert(1)</script> clay.',
            )
        ]
    )
    for text in ("clay", "script", "zzz clay", ""):
        snippet = empty_index.search(text).hits[0].snippet
        assert "<script>" not in snippet and "<b>" not in snippet
        assert "&lt;" in snippet and "&amp;" in snippet and "&quot;" in snippet
        assert re.sub(r"</?mark>", "", snippet).count("<") == 0


def test_snippet_falls_back_to_body_start_when_only_the_title_matched(index: SearchIndex) -> None:
    hit = index.search("cockpit").hits[0]
    assert hit.snippet.startswith("Screens, voice")
    assert "<mark>" not in hit.snippet


def test_long_body_snippet_is_bounded(empty_index: SearchIndex) -> None:
    body = " ".join(["filler words here"] * 150 + ["the clay bit"] + ["more filler"] * 300)
    empty_index.upsert([SearchDocument("studio", "long", "Long", body=body)])
    snippet = empty_index.search("clay").hits[0].snippet
    assert "<mark>clay</mark>" in snippet and len(snippet) < 400
    assert len(empty_index.search("").hits[0].snippet) < 300


def test_a_chinese_reader_sees_the_profile_text_not_a_cluster_of_project_titles(
    empty_index: SearchIndex,
) -> None:
    from search_index import SearchQuery

    profile = "我们做重庆食品的包装和品牌，客户多是想把火锅底料卖给年轻人的老厂。"
    projects = "牛油火锅底料礼盒包装。\n\n一人食火锅底料小包装。\n\n火锅底料包装插画。"
    empty_index.upsert([SearchDocument(
        "studio", "1", "Red Broth Brand Studio", title_zh="红汤品牌设计",
        body="We design packaging.", body_zh=f"{profile}\n\n{projects}",
    )])  # fmt: skip
    snippet = empty_index.search(SearchQuery(text="火锅 包装", language="zh")).hits[0].snippet
    plain = re.sub(r"</?mark>", "", snippet)
    assert plain.startswith("我们做重庆食品") and "<mark>火锅</mark>" in snippet
    assert "礼盒" not in plain  # the project titles' denser cluster does not win
