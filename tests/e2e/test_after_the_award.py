"""After the award, in headless Chromium: contacts shown to both sides, messages both ways,
milestones agreed, delivered with a PDF and accepted, completion with the contract value, both
ratings (hidden until both have rated), the launch recorded, and staff see the outcome."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.bid_helpers import PDF, bid_input, make_need, pass_deadline
from tests.conftest import PASSWORD
from tests.e2e.test_sealed_bid_award import tab_for


@pytest.fixture
def auction(live_server):
    """A manufacturer's need with one studio's bid, its deadline passed (made via services)."""
    from marketplace.policies import Actor
    from marketplace.services.accounts import accounts
    from marketplace.services.bids import submitting

    with live_server.app.app_context():
        maker = accounts.register("manufacturer", "Liangjiang Vans", "maker@example.com",
                                  PASSWORD)  # fmt: skip
        accounts.create_staff("staff@example.com", PASSWORD)
        studio = accounts.register("studio", "Cellstack Engineering", "cell@example.com",
                                   PASSWORD)  # fmt: skip
        need_id = make_need(maker.id, title="Battery pack enclosure for a delivery van")
        bid_id = submitting.submit(Actor(studio.id, "studio", studio.studio_id), need_id,
                             bid_input(price=200_000)).id  # fmt: skip
        pass_deadline(need_id)
    return need_id, bid_id


def rate(tab, scores, comment):
    for name, value in zip(("quality", "timeliness", "communication"), scores, strict=True):
        tab.locator(f"select#{name}").select_option(str(value))
    tab.locator("textarea#comment").fill(comment)
    tab.get_by_role("button", name="Submit the rating").click()


def test_award_to_outcome_in_the_browser(chromium_browser, live_server, auction):
    need_id, _bid = auction
    maker = tab_for(chromium_browser, live_server, "maker@example.com")
    maker.goto(f"/needs/{need_id}/bids")
    expect(maker.locator("tr.bid-row")).to_contain_text("Opened, under consideration")
    maker.locator("tr.bid-row").get_by_label("Award").check()
    maker.get_by_role("button", name="Award the chosen bid").click()
    maker.goto("/engagements")
    maker.get_by_role("link", name=re.compile("Battery pack enclosure")).first.click()
    expect(maker).to_have_url(re.compile(r"/engagements/\d+$"))
    url = maker.url.replace(live_server.url, "")
    expect(maker.locator("#contacts")).to_contain_text("cell@example.com")

    studio = tab_for(chromium_browser, live_server, "cell@example.com")
    studio.goto(url)
    expect(studio.locator("#contacts")).to_contain_text("maker@example.com")

    maker.get_by_label("Message", exact=True).fill("Kick-off on Monday at our plant?")
    maker.get_by_role("button", name="Send").click()
    studio.reload()
    expect(studio.locator("#thread")).to_contain_text("Kick-off on Monday at our plant?")
    studio.get_by_label("Message", exact=True).fill("Monday 9:30 works for us.")
    studio.get_by_role("button", name="Send").click()
    maker.reload()
    expect(maker.locator("#thread")).to_contain_text("Monday 9:30 works for us.")
    expect(maker.locator("#thread .side-manufacturer .meta")).to_contain_text("Read")

    for tab in (studio, maker):  # both proposed milestones, agreed by each side
        tab.reload()
        while tab.get_by_role("button", name="Agree").count():
            tab.get_by_role("button", name="Agree").first.click()
    rows = studio.locator("tr.milestone")
    expect(rows).to_have_count(2)
    for i in range(2):
        studio.reload()
        row = studio.locator("tr.milestone").nth(i)
        row.locator("textarea").fill("Drawings and renderings")
        row.locator("input[type=file]").set_input_files(
            {"name": "drawings.pdf", "mimeType": "application/pdf", "buffer": PDF})
        row.get_by_role("button", name="Deliver").click()
        expect(studio.locator("tr.milestone").nth(i)).to_contain_text("Delivered")
    maker.reload()
    while maker.get_by_role("button", name="Accept the delivery").count():
        maker.get_by_role("button", name="Accept the delivery").first.click()
    expect(maker.locator("tr.milestone .milestone-status").first).to_have_text("Accepted")
    maker.get_by_label("Contract value (CNY)").fill("190000")
    maker.get_by_role("button", name="Complete the engagement").click()
    expect(maker.locator(".contract-value")).to_contain_text("190,000")

    rate(maker, (5, 4, 5), "Clear, tested drawings.")
    studio.reload()
    expect(studio.locator(".rating-manufacturer")).to_contain_text("Not shown yet")
    rate(studio, (4, 5, 5), "Quick decisions.")
    expect(studio.locator(".rating-manufacturer")).to_contain_text("Clear, tested drawings.")
    maker.reload()
    expect(maker.locator(".rating-studio")).to_contain_text("Quick decisions.")

    maker.locator("input[name=launched][value=yes]").check()
    maker.get_by_label("Launch date").fill(
        maker.locator(".outcome").evaluate("() => new Date().toLocaleDateString('en-CA', "
                                           "{timeZone: 'Asia/Shanghai'})"))  # fmt: skip
    maker.get_by_role("button", name="Record the outcome").click()
    expect(maker.locator(".launched")).to_contain_text("Yes, since")

    staff = tab_for(chromium_browser, live_server, "staff@example.com")
    staff.goto(url)
    expect(staff.locator(".contract-value")).to_contain_text("190,000")
    expect(staff.locator(".launched")).to_contain_text("Yes, since")
    expect(staff.locator(".rating-studio")).to_contain_text("Quick decisions.")
    expect(staff.locator("#thread")).not_to_contain_text("Kick-off")  # only with a reason
