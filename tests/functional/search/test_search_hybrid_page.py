"""The search page with the vector part on: fusion, the model missing, the reader's language."""

from __future__ import annotations

import logging

import pytest

from marketplace.services.search import vectors
from matching.encoder import ModelUnavailable
from tests.functional.search.conftest import page, results_section


@pytest.fixture
def hybrid(indexed):
    """The vector part on, with a fresh per-process state before and after."""
    indexed.config["SEARCH_HYBRID"] = True
    vectors.reset()
    with indexed.test_request_context():
        vectors.ready_encoder(wait=True)  # the hashing encoder in tests: loads at once
    yield indexed
    vectors.reset()


def test_with_vectors_on_typed_words_still_find_their_scenario(hybrid, client):
    html = page(client, q="battery")
    assert "/scenarios/NEV-" in results_section(html)
    assert page(client, q="語音助手 座舱")  # Traditional, mixed scripts: a clear page


def test_a_missing_model_falls_back_to_keywords_with_a_log_line(indexed, client, monkeypatch,
                                                                 caplog):  # fmt: skip
    indexed.config["SEARCH_HYBRID"] = True
    vectors.reset()

    def missing():
        raise ModelUnavailable("model files are missing")

    monkeypatch.setattr(vectors, "configured_encoder", missing)
    with caplog.at_level(logging.WARNING, logger="marketplace.services.search.vectors"):
        with indexed.test_request_context():
            assert vectors.ready_encoder(wait=True) is None
        html = page(client, q="battery")
    assert "/scenarios/NEV-" in results_section(html)
    assert any("BM25 only" in r.getMessage() for r in caplog.records)
    vectors.reset()


ODD = ["电" * 1000, "!!!???…", "the of and", "🔋🚗 battery", "电池 battery"]


@pytest.mark.parametrize("q", ODD)
def test_odd_queries_give_a_clear_page_with_vectors_on(hybrid, client, q):
    assert client.get("/search", query_string={"q": q}).status_code == 200


def test_a_chinese_reader_sees_the_chinese_title_first(indexed, client):
    zh = client.get("/search", query_string={"q": "电池包"}, headers={"Accept-Language": "zh-CN"})
    en = client.get("/search", query_string={"q": "battery"},
                    headers={"Accept-Language": "en"})  # fmt: skip
    zh_html, en_html = zh.get_data(as_text=True), en.get_data(as_text=True)
    assert '<a href="/scenarios/NEV-' in zh_html
    first_zh = zh_html.split('<h3><a href="/scenarios/', 1)[1].split("</a>", 1)[0]
    first_en = en_html.split('<h3><a href="/scenarios/', 1)[1].split("</a>", 1)[0]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in first_zh)  # Chinese title leads
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in first_en)  # English title leads
