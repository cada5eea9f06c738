"""Visitors browse the industries and scenarios; bad addresses get friendly answers."""

from __future__ import annotations

import re

import pytest


def text(response) -> str:
    return response.get_data(as_text=True)


def test_home_shows_the_thirteen_industries_with_counts(client):
    response = client.get("/")
    assert response.status_code == 200
    page = text(response)
    assert page.count('class="tile"') == 13
    assert "10 scenarios" in page  # NEV
    assert "4 scenarios" in page  # FUTURE
    assert "智能网联" in page or "汽车" in page
    assert "/industries/NEV" in page


def test_industry_page_shows_trend_and_its_scenarios(client):
    response = client.get("/industries/MOTO")
    page = text(response)
    assert response.status_code == 200
    assert "High-end motorcycles" in page
    assert "Development trend" in page
    assert len(re.findall(r'href="/scenarios/MOTO-\d\d"', page)) == 6


def test_industry_code_is_case_insensitive(client):
    assert client.get("/industries/moto").status_code == 200


def test_scenario_detail_shows_everything(client):
    response = client.get("/scenarios/NEV-01")
    page = text(response)
    assert response.status_code == 200
    assert "NEV-01" in page
    assert "Typical deliverables" in page
    assert re.search(r"[\u4e00-\u9fff]", page)


def test_scenario_list_is_paginated(client):
    first = text(client.get("/scenarios"))
    assert "83 scenarios" in first
    assert "Page 1 of 5" in first
    assert first.count('class="card"') == 20
    last = text(client.get("/scenarios?page=5"))
    assert last.count('class="card"') == 3


def test_scenario_list_filters_by_industry_and_discipline(client):
    page = text(client.get("/scenarios?industry=NEV"))
    assert "10 scenarios" in page
    assert "ELEC-01" not in page
    both = text(client.get("/scenarios?industry=TEXT&discipline=FASHION"))
    codes = set(re.findall(r"TEXT-\d\d", both))
    assert codes and all(c.startswith("TEXT") for c in codes)
    assert "ELEC-" not in both


def test_filter_links_keep_the_other_filter(client):
    page = text(client.get("/scenarios?industry=NEV"))
    assert "discipline=UX" in page and "industry=NEV" in page


@pytest.mark.parametrize(
    "url",
    ["/scenarios?industry=XYZ", "/scenarios?discipline=nope", "/scenarios?page=abc",
     "/scenarios?page=0", "/scenarios?page=99999999999999999999"],
)  # fmt: skip
def test_bad_query_parameters_get_a_400_page_naming_them(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "<html" in text(response)
    assert re.search(r"industry|discipline|page", text(response))


def test_a_page_past_the_end_is_empty_not_an_error(client):
    response = client.get("/scenarios?page=40")
    assert response.status_code == 200
    assert "No scenario matches" in text(response)


@pytest.mark.parametrize("url", ["/industries/NOPE", "/scenarios/NEV-99", "/no-such-page"])
def test_unknown_codes_get_a_friendly_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    page = text(response).lower()
    assert any(hint in page for hint in ("could not find", "no scenario", "no industry"))
    assert "browse all scenarios" in page


def test_assets_are_served_locally(client):
    page = text(client.get("/"))
    assert "https://" not in re.sub(r'href="https://[^"]*"', "", page.split("<body")[0])
    assert client.get("/static/css/site.css").status_code == 200
    for src in re.findall(r'(?:src|href)="([^"]+\.(?:css|js|svg|png))"', page):
        assert src.startswith("/static/"), src
