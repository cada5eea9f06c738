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
