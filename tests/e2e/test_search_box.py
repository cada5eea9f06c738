"""The header search box finds scenarios in English and Chinese, and facets narrow the results."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect


@pytest.fixture
def indexed_server(live_server):
    """The live server with its search index built from the database."""
    from marketplace.services.search import indexing

    with live_server.app.app_context():
        indexing.rebuild()
    return live_server


def search_from_header(page, text: str) -> None:
    box = page.get_by_role("searchbox")
    box.fill(text)
    box.press("Enter")


def test_chinese_query_from_the_header_finds_a_battery_scenario(page, indexed_server):
    page.goto("/scenarios")
    search_from_header(page, "电池包")
    expect(page).to_have_url(re.compile(r"/search\?"))
    expect(page.get_by_role("searchbox")).to_have_value("电池包")
    expect(page.locator("a[href*='/scenarios/']").first).to_be_visible()


def test_a_facet_link_narrows_the_results_and_keeps_the_query(page, indexed_server):
    page.goto("/")
    search_from_header(page, "prototype")
    first_facet = page.locator("a[href*='industry=']").first
    first_facet.click()
    expect(page).to_have_url(re.compile(r"industry=[A-Z]+"))
    expect(page.get_by_role("searchbox")).to_have_value("prototype")
    expect(page.locator("main")).to_contain_text(re.compile(r"\d+ results?"))
