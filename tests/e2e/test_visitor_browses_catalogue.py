"""A visitor finds a scenario from the home page without logging in."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def test_visitor_goes_from_home_to_a_vehicle_scenario(page, live_server):
    page.goto("/")
    expect(page.locator("h1").first).to_be_visible()
    page.get_by_role("link", name=re.compile("new-energy vehicles", re.I)).first.click()
    expect(page).to_have_url(re.compile(r"/industries/NEV$"))
    scenario_link = page.locator("a[href*='/scenarios/NEV-']").first
    title = scenario_link.inner_text().strip()
    scenario_link.click()
    expect(page).to_have_url(re.compile(r"/scenarios/NEV-\d\d$"))
    expect(page.locator("h1")).to_contain_text(title[:20])


def test_scenario_list_filters_by_discipline_and_survives_a_bad_page_number(page, live_server):
    page.goto("/scenarios?discipline=UX")
    cards = page.locator("a[href*='/scenarios/']")
    expect(cards.first).to_be_visible()
    response = page.goto("/scenarios?page=not-a-number")
    assert response is not None and response.status < 500


def test_unknown_scenario_shows_a_friendly_404(page, live_server):
    response = page.goto("/scenarios/NOPE-99")
    assert response is not None and response.status == 404
    expect(page.get_by_role("link", name=re.compile("scenario|home", re.I)).first).to_be_visible()
