"""A new studio registers, fills in its profile, takes on a scenario, shows in the directory."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.conftest import PASSWORD

CAPABILITY = (
    "We design cockpit interfaces and in-vehicle HMI for new-energy vehicles: instrument clusters, "
    "centre-screen UX, voice interaction flows and usability testing in driving simulators."
)


def register_studio(page, name: str, email: str) -> None:
    page.goto("/register")
    page.get_by_label(re.compile("design studio", re.I)).check()
    page.get_by_label("Organisation name").fill(name)
    page.get_by_label("Work email").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("register|create", re.I)).click()


def test_new_studio_fills_profile_and_appears_in_directory(page, live_server):
    register_studio(page, "Jiefangbei HMI Lab", "hmi@example.com")
    expect(page).to_have_url(re.compile(r"/studio/"))

    page.goto("/studio/profile")
    page.get_by_label("Studio name").fill("Jiefangbei HMI Lab")
    page.get_by_label("District or county").select_option(index=3)
    page.get_by_label("What your studio can do").fill(CAPABILITY)
    page.locator("input[name='industry_codes'][value='NEV']").check()
    page.locator("input[name='discipline_codes'][value='UX']").check()
    page.get_by_role("button", name="Save profile").click()
    expect(page.locator("body")).not_to_contain_text("Internal Server Error")

    page.goto("/studio/dashboard")
    recommended = page.locator("#scenarios-for-you .match-item")
    expect(recommended).to_have_count(10)
    expect(recommended.first.locator(".match-reasons li").first).to_be_visible()
    expect(recommended.first).to_contain_text("Not marked yet")

    page.goto("/studios?discipline=UX")
    expect(page.get_by_role("link", name="Jiefangbei HMI Lab")).to_be_visible()
    page.goto("/studios?discipline=FASHION")
    expect(page.get_by_role("link", name="Jiefangbei HMI Lab")).to_have_count(0)


def test_studio_expresses_interest_then_withdraws_it(page, live_server):
    register_studio(page, "Nan'an Form Works", "form@example.com")
    page.goto("/scenarios/NEV-01")
    count = page.locator(".interest-count strong")
    expect(count).to_have_text("0")
    note = page.get_by_label(re.compile("note", re.I))
    note.fill("We shaped two cockpits for Changan suppliers.")
    page.get_by_role("button", name="We can take this on").click()
    expect(page.locator(".interest-count strong")).to_have_text("1")

    page.goto("/studio/dashboard")
    expect(page.locator("main")).to_contain_text("NEV-01")

    page.goto("/scenarios/NEV-01")
    page.get_by_role("button", name="Withdraw our interest").click()
    expect(page.locator(".interest-count strong")).to_have_text("0")


def test_logging_out_locks_the_profile_again(page, live_server):
    register_studio(page, "Yubei Prototype Co", "proto@example.com")
    page.goto("/studio/profile")
    expect(page.get_by_role("button", name="Save profile")).to_be_visible()
    page.get_by_role("button", name=re.compile("log ?out", re.I)).click()
    page.goto("/studio/profile")
    expect(page).to_have_url(re.compile(r"/login"))


def test_wrong_password_keeps_the_email_and_says_what_is_wrong(page, live_server):
    register_studio(page, "Shapingba Studio", "spb@example.com")
    page.get_by_role("button", name=re.compile("log ?out", re.I)).click()
    page.goto("/login")
    page.get_by_label("Email").fill("spb@example.com")
    page.get_by_label("Password").fill("not the password at all")
    page.get_by_role("button", name=re.compile("log ?in", re.I)).click()
    expect(page.get_by_label("Email")).to_have_value("spb@example.com")
    expect(page.locator("main")).to_contain_text(re.compile("email or password", re.I))
