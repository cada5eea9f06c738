"""Fixtures for the search page: an app whose index holds the catalogue, and page helpers."""

from __future__ import annotations

import re

import pytest

from marketplace.services.search import indexing
from tests.functional.needs.conftest import post_need  # noqa: F401  (fixture for needs tests)
from tests.functional.studios.conftest import profile_form


@pytest.fixture
def indexed(app):
    """The test app with its (empty, per-test) index built from the database."""
    with app.app_context():
        indexing.rebuild()
    return app


@pytest.fixture
def filled_studio(indexed, studio_client):
    """A logged-in studio that saved its profile through the real form (so it is listed)."""
    response = studio_client.post("/studio/profile", data=profile_form())
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return studio_client


def page(client, **params) -> str:
    """GET /search with these query parameters; asserts a 200 and returns the HTML."""
    response = client.get("/search", query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    return response.get_data(as_text=True)


def hit_links(html: str) -> list[str]:
    """The result links on a search page, in rank order (e.g. '/scenarios/NEV-02')."""
    return re.findall(r'<h3><a href="(/(?:scenarios|studios)/[^"]+)">', html)


def results_section(html: str) -> str:
    """The results part of a search page (the query itself is echoed elsewhere)."""
    start = html.index('<section class="results"')
    return html[start : html.index("</section>", start)]


def tab_count(html: str, label: str) -> int:
    """The number shown next to a kind tab ('All', 'Scenarios', 'Studios')."""
    match = re.search(rf'{label} <span class="facet-count">(\d+)</span>', html)
    assert match, f"no {label} tab"
    return int(match.group(1))


def facet_links(html: str, name: str) -> dict[str, tuple[str, int]]:
    """{code: (href, count)} of one facet's links (industry or discipline)."""
    found = {}
    pattern = (
        rf'<a href="(/search\?[^"]*\b{name}=(\w+)[^"]*)"[^>]*>\s*<span>[^<]*</span>'
        r'<span class="facet-count">(\d+)</span>'
    )
    for href, code, count in re.findall(pattern, html):
        found[code] = (href.replace("&amp;", "&"), int(count))
    return found
