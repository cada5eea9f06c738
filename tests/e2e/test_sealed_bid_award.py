"""A manufacturer posts a need, staff publish it, two studios bid, the deadline passes, the
manufacturer compares and awards, and the losing studio reads its reason (headless Chromium)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.bid_helpers import APPROACH, pass_deadline
from tests.conftest import PASSWORD

BRIEF = ("Design the enclosure of an 82 kWh battery pack for a compact electric delivery van: "
         "cooling, crash protection, IP67 sealing and service access.")  # fmt: skip


@pytest.fixture
def people(live_server):
    """A manufacturer, a staff account and two studios, made through the account service."""
    from marketplace.services.accounts import accounts

    with live_server.app.app_context():
        accounts.register("manufacturer", "Liangjiang Vans", "maker@example.com", PASSWORD)
        accounts.create_staff("staff@example.com", PASSWORD)
        accounts.register("studio", "Cellstack Engineering", "cell@example.com", PASSWORD)
        accounts.register("studio", "Shancheng Styling", "shan@example.com", PASSWORD)


def tab_for(chromium_browser, live_server, email):
    """A logged-in tab of its own (own cookies)."""
    context = chromium_browser.new_context(base_url=live_server.url, locale="en-GB")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.goto("/login")
    tab.get_by_label("Email").fill(email)
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Log in").click()
    expect(tab).not_to_have_url(re.compile(r"/login"))
    return tab


def bid(tab, need_url, price):
    tab.goto(need_url)
    tab.get_by_role("link", name="Bid on this need").click()
    tab.get_by_label("Approach").fill(APPROACH)
    tab.get_by_label(re.compile(r"Price")).fill(str(price))
    tab.get_by_label(re.compile(r"Duration")).fill("12")
    tab.get_by_role("button", name="Submit the bid").click()
    expect(tab.locator("body")).to_contain_text("stays sealed until the deadline")


def test_post_publish_bid_award_and_the_loser_reads_its_reason(
    chromium_browser, live_server, people
):
    maker = tab_for(chromium_browser, live_server, "maker@example.com")
    maker.goto("/needs/new")
    maker.get_by_label("Title", exact=True).fill("Battery pack enclosure for a delivery van")
    maker.get_by_label("Description", exact=True).fill(BRIEF)
    maker.get_by_label("Industry").select_option("NEV")
    maker.locator("input[name='discipline_codes'][value='ENG']").check()
    maker.get_by_label(re.compile("Bid deadline")).fill("2030-06-30T18:00")
    maker.get_by_role("button", name="Save", exact=True).click()
    expect(maker).to_have_url(re.compile(r"/needs/\d+$"))
    need_url = maker.url
    need_id = int(need_url.rsplit("/", 1)[1])
    maker.get_by_role("button", name="Submit for review").click()

    staff = tab_for(chromium_browser, live_server, "staff@example.com")
    staff.goto("/staff/needs")
    staff.locator(f"#need-{need_id}").get_by_role("button", name="Publish").click()
    expect(staff.locator("body")).to_contain_text("Published")

    winner = tab_for(chromium_browser, live_server, "cell@example.com")
    loser = tab_for(chromium_browser, live_server, "shan@example.com")
    bid(winner, need_url, 420000)
    bid(loser, need_url, 380000)

    maker.goto(f"/needs/{need_id}/bids")  # sealed: a count, no prices
    expect(maker.locator(".bid-count")).to_contain_text("2 bids")
    expect(maker.locator("body")).not_to_contain_text("420,000")

    with live_server.app.app_context():
        pass_deadline(need_id)
    maker.reload()
    rows = maker.locator("tr.bid-row")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Shancheng Styling")  # cheapest first
    loser_row = rows.filter(has_text="Shancheng Styling")
    maker.locator("tr.bid-row", has_text="Cellstack").get_by_label("Award").check()
    loser_row.locator("select").select_option("timeline")
    loser_row.locator("input[type=text]").fill("We need it before the summer.")
    maker.get_by_role("button", name="Award the chosen bid").click()
    expect(maker.locator("body")).to_contain_text("Every bidder has been told")

    loser.goto("/bids/mine")
    expect(loser.locator("body")).to_contain_text("Not chosen")
    expect(loser.locator(".decline-reason")).to_contain_text("did not fit our schedule")
    expect(loser.locator(".decline-reason")).to_contain_text("We need it before the summer.")
    expect(loser.locator(".bell-count")).to_be_visible()
    winner.goto("/bids/mine")
    expect(winner.locator("body")).to_contain_text("Awarded to you")
    expect(winner.locator("body")).not_to_contain_text("before the summer")
