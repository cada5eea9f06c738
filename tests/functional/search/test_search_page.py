"""Visitors search scenarios and studios in English and Chinese, and narrow by facets."""

from __future__ import annotations

import re

import pytest

from tests.functional.search.conftest import facet_links, hit_links, page, tab_count


def test_an_english_word_finds_scenarios_and_links_to_them(client, indexed):
    html = page(client, q="battery")
    links = hit_links(html)
    assert "/scenarios/ENERGY-01" in links and "/scenarios/NEV-10" in links
    assert "Die-cast aluminium enclosure for cell-to-body battery packs" in html
    assert client.get("/scenarios/ENERGY-01").status_code == 200


def test_a_title_hit_ranks_above_body_hits(client, indexed):
    links = hit_links(page(client, q="enclosure"))
    assert links[0] == "/scenarios/ENERGY-01"  # "enclosure" in its title
    assert {"/scenarios/AMAT-02", "/scenarios/FUTURE-01"} <= set(links[1:])  # only in the text


def test_stemming_finds_other_forms_of_a_word(client, indexed):
    # NEV-02 only ever says "prototype"; the query says "prototypes".
    assert "/scenarios/NEV-02" in hit_links(page(client, q="prototypes", kind="scenario"))


def test_a_chinese_query_finds_a_scenario_by_its_chinese_title(client, indexed):
    html = page(client, q="电池包")
    assert hit_links(html)[0] == "/scenarios/ENERGY-01"
    assert "一体化压铸铝合金电池包壳体设计" in html
    assert "/scenarios/NEV-02" in hit_links(page(client, q="智能座舱"))


def test_matches_are_highlighted_in_snippets(client, indexed):
    html = page(client, q="battery")
    assert re.search(r'<p class="snippet">[^<]*<mark>batter(y|ies)</mark>', html, re.I)


def test_kind_tabs_count_each_kind_and_filter_to_it(client, indexed, filled_studio):
    html = page(client, q="battery")
    scenarios, studios = tab_count(html, "Scenarios"), tab_count(html, "Studios")
    assert studios == 1 and scenarios >= 2  # the filled studio writes about battery enclosures
    assert tab_count(html, "All") == scenarios + studios == len(hit_links(html))
    only_studios = page(client, q="battery", kind="studio")
    assert hit_links(only_studios) == [f"/studios/{filled_studio.account.studio_id}"]
    assert len(hit_links(page(client, q="battery", kind="scenario"))) == scenarios


def test_facet_counts_match_what_the_facet_link_shows(client, indexed):
    html = page(client, q="battery")
    industries = facet_links(html, "industry")
    assert industries and sum(count for _, count in industries.values()) >= len(hit_links(html))
    href, count = industries["NEV"]
    assert "q=battery" in href  # the link keeps the query
    narrowed = client.get(href).get_data(as_text=True)
    assert len(hit_links(narrowed)) == count
    assert 'aria-current="true"' in narrowed and "clear filters" in narrowed
    disciplines = facet_links(narrowed, "discipline")
    d_href, d_count = next(iter(disciplines.values()))
    assert "industry=NEV" in d_href and "q=battery" in d_href  # facets combine
    assert len(hit_links(client.get(d_href).get_data(as_text=True))) == d_count <= count


def test_browsing_a_kind_with_an_empty_box_pages_through_everything(client, indexed):
    first = page(client, kind="scenario")
    assert tab_count(first, "Scenarios") == 83
    assert len(hit_links(first)) == 20 and "Page 1 of 5" in first
    last = page(client, kind="scenario", page="5")
    assert len(hit_links(last)) == 3 and 'rel="prev"' in last
    assert "Page 5 of 5" in page(client, kind="scenario", page="999")  # past the end: last page


def test_an_empty_query_gets_a_helpful_page(client, indexed):
    html = page(client, q="   ")
    assert "What are you looking for?" in html
    assert 'href="/search?q=battery+enclosure"' in html
    assert "scenarios (83)" in html
    assert hit_links(html) == []


@pytest.mark.parametrize("query", ["!!! ???", "🔋🚗", "……，。"])
def test_a_query_with_nothing_searchable_says_so_and_still_offers_everything(client, indexed,
                                                                            query):  # fmt: skip
    html = page(client, q=query)
    assert "What are you looking for?" in html
    assert "no words we could look for" in html
    assert "scenarios (83)" in html  # the browse links count the catalogue, not this query
    assert hit_links(html) == []


def test_a_misspelling_offers_did_you_mean(client, indexed):
    html = page(client, q="batery")
    assert hit_links(html) == []
    assert re.search(r'Did you mean <a href="/search\?q=battery">battery</a>', html)
    assert "Nothing matches" in html


def test_the_header_box_keeps_the_query(client, indexed):
    html = page(client, q="clay model")
    assert re.search(r'<input id="site-search" type="search" name="q" value="clay model"', html)
    assert 'value="a &#34;b&#34; &lt;c&gt;"' in page(client, q='a "b" <c>')


HOSTILE = [
    '"unbalanced quote battery',
    "(battery AND (enclosure",
    "battery)) OR",
    "AND OR NOT",
    "NOT",
    "title:battery",
    "title:",
    "*",
    "*:*",
    "bat*",
    "a" * 2000,
    "battery " * 300,
    "battery\x00\x01\x1b[31m enclosure\u202e\u200b",
    "电池包 AND (",
    "[1 TO 5]",
    "battery^100 ~2 ?",
    "<script>alert(1)</script>",
    "%00%ff",
    "\\",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_get_a_page_not_an_error(client, indexed, query):
    response = client.get("/search", query_string={"q": query})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "\x00" not in html and "\x1b" not in html


def test_control_characters_are_dropped_and_the_words_still_search(client, indexed):
    html = page(client, q="battery\x00\x07 enclosure")
    assert hit_links(html)[0] == "/scenarios/ENERGY-01"
    assert 'value="battery enclosure"' in html


def test_a_very_long_query_is_cut_and_says_so(client, indexed):
    html = page(client, q="battery " * 300)
    assert '<p class="notice"' in html
    assert "/scenarios/ENERGY-01" in hit_links(html)


BAD_PARAMS = [
    {"page": "abc"}, {"page": "-1"}, {"page": "0"}, {"kind": "bogus"},
    {"industry": "XYZ"}, {"discipline": "<b>"},
]  # fmt: skip


@pytest.mark.parametrize("params", BAD_PARAMS)
def test_bad_parameters_are_a_400_page_naming_them(client, indexed, params):
    response = client.get("/search", query_string={"q": "battery", **params})
    assert response.status_code == 400
    name = next(iter(params))
    assert name in response.get_data(as_text=True)


def test_lower_case_codes_are_accepted(client, indexed):
    assert len(hit_links(page(client, q="battery", industry="nev"))) >= 1


def test_an_unreadable_index_is_a_503_not_a_500(client, indexed, monkeypatch):
    from search_index import SearchIndex

    def broken(self, request):
        raise OSError("index directory gone")

    monkeypatch.setattr(SearchIndex, "search", broken)
    response = client.get("/search", query_string={"q": "battery"})
    assert response.status_code == 503
    assert "Search is unavailable" in response.get_data(as_text=True)


def test_the_search_box_is_in_every_pages_header(client, indexed):
    for url in ("/", "/scenarios", "/scenarios/NEV-01", "/studios"):
        html = client.get(url).get_data(as_text=True)
        assert 'action="/search"' in html and 'name="q"' in html, url
