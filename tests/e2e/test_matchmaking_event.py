"""Staff create an event, a studio and a manufacturer register, request and accept a meeting,
staff schedule and publish, and the manufacturer prints its agenda (headless Chromium)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from marketplace.database import write_transaction
from marketplace.models import MatchEvent, Studio
from marketplace.models._types import utcnow
from marketplace.services.needs.need_times import utc_to_shanghai
from tests.conftest import PASSWORD
from tests.e2e.test_sealed_bid_award import tab_for


@pytest.fixture
def accounts_made(live_server):
    """Staff, a manufacturer and a studio with a capability statement."""
    from marketplace.services.accounts import accounts

    with live_server.app.app_context():
        accounts.create_staff("staff@example.com", PASSWORD)
        accounts.register("manufacturer", "Liangjiang Vans", "maker@example.com", PASSWORD)
        user = accounts.register("studio", "Cellstack Engineering", "cell@example.com", PASSWORD)
        with write_transaction() as session:
            session.get(Studio, user.studio_id).capability_statement = (
                "Battery pack enclosures and thermal design for electric vehicles.")
        # Jobs run in-process in tests: build the matcher now, as a running consumer has it,
        # so registering does not wait for it inside the browser's request.
        from marketplace.services.matching import matches

        matches.engine()


def local(delta: timedelta) -> str:
    return utc_to_shanghai(utcnow() + delta).strftime("%Y-%m-%dT%H:%M")


def test_from_registration_to_a_printed_agenda(chromium_browser, live_server, accounts_made):
    staff = tab_for(chromium_browser, live_server, "staff@example.com")
    staff.goto("/staff/events/new")
    staff.get_by_label("Title in Chinese").fill("电池包设计对接会")
    staff.get_by_label("Title in English").fill("Battery pack design meetings")
    staff.get_by_label(re.compile("Date and start")).fill(local(timedelta(days=3)))
    staff.get_by_label("Number of slots").fill("3")
    staff.get_by_label("Number of tables").fill("2")
    staff.get_by_label("Venue").fill("Design Park Hall B")
    staff.get_by_label(re.compile("Registration closes")).fill(local(timedelta(days=1)))
    staff.get_by_label(re.compile("Meeting requests close")).fill(local(timedelta(days=2)))
    staff.get_by_label("Meetings each participant may accept").fill("3")
    staff.get_by_role("button", name="Save").click()
    expect(staff.locator("body")).to_contain_text("open for registration")
    event_url = staff.get_by_role("link", name="Public page").get_attribute("href")

    studio = tab_for(chromium_browser, live_server, "cell@example.com")
    studio.goto(event_url)
    studio.get_by_role("link", name="Register").last.click()
    studio.get_by_role("button", name="Register").click()
    expect(studio.locator("body")).to_contain_text("You are registered")

    maker = tab_for(chromium_browser, live_server, "maker@example.com")
    maker.goto(event_url)
    maker.get_by_role("link", name="Register").last.click()
    maker.get_by_label("What we seek").fill("Enclosure design for an 82 kWh battery pack.")
    maker.get_by_role("button", name="Register").click()
    card = maker.locator(".candidate", has_text="Cellstack Engineering")
    card.locator("textarea").fill("Let us talk about IP67 sealing.")
    card.get_by_role("button", name="Request a meeting").click()
    expect(maker.locator("body")).to_contain_text("Your request was sent.")

    studio.reload()
    expect(studio.locator("#requests")).to_contain_text("Let us talk about IP67 sealing.")
    studio.get_by_role("button", name="Accept").click()
    expect(studio.locator("body")).to_contain_text("Accepted.")

    with live_server.app.app_context(), write_transaction() as session:
        event = session.query(MatchEvent).one()
        event.registration_deadline = event.request_deadline = utcnow() - timedelta(minutes=1)
    staff.goto(event_url.replace("/events/", "/staff/events/"))
    staff.get_by_role("button", name="Run the scheduler").click()
    expect(staff.locator("body")).to_contain_text("1 meetings placed, 0 left out.")
    staff.get_by_role("button", name=re.compile("Publish the timetable")).click()
    expect(staff.locator("body")).to_contain_text("The timetable is published")

    maker.goto(event_url)
    maker.get_by_role("link", name="Your agenda").click()
    maker.get_by_role("link", name="Printable").click()
    expect(maker.locator("h1")).to_contain_text("Agenda of Liangjiang Vans")
    expect(maker.locator("table.agenda")).to_contain_text("Cellstack Engineering")
    expect(maker.locator(".site-header")).to_have_count(0)
