"""Commission staff approve a proposed match; the studio then sees it as commission-approved."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.test_studio_onboarding import CAPABILITY, register_studio


def _propose_top_scenario(app, email: str) -> str:
    """Grade the studio's best scenario as a "strong" fit (what matching's fit levels will do)."""
    from sqlalchemy import select

    from marketplace.database import write_transaction
    from marketplace.models import MatchRow, User
    from marketplace.models.matching import SCENARIO_TO_STUDIO, STUDIO_TO_SCENARIO, match_key
    from marketplace.services.accounts import accounts

    with app.app_context():
        accounts.create_staff("staff@example.com", PASSWORD, "Commission")
        with write_transaction() as session:
            studio_id = session.scalar(select(User.studio_id).where(User.email == email))
            top = session.scalar(select(MatchRow).where(
                MatchRow.direction == STUDIO_TO_SCENARIO,
                MatchRow.source_key == match_key("studio", studio_id),
                MatchRow.retired_at.is_(None)).order_by(MatchRow.rank))  # fmt: skip
            code = top.target_value
            row = session.scalar(select(MatchRow).where(
                MatchRow.direction == SCENARIO_TO_STUDIO,
                MatchRow.source_key == match_key("scenario", code),
                MatchRow.target_key == match_key("studio", studio_id)))  # fmt: skip
            row.fit = "strong"
    return code


def test_staff_approve_a_proposal_and_the_studio_sees_commission_approved(
    chromium_browser, page, live_server
):
    register_studio(page, "Jiefangbei HMI Lab", "hmi@example.com")
    page.goto("/studio/profile")
    page.get_by_label("Studio name").fill("Jiefangbei HMI Lab")
    page.get_by_label("District or county").select_option(index=3)
    page.get_by_label("What your studio can do").fill(CAPABILITY)
    page.locator("input[name='industry_codes'][value='NEV']").check()
    page.locator("input[name='discipline_codes'][value='UX']").check()
    page.get_by_role("button", name="Save profile").click(timeout=90_000)  # matching runs once
    page.goto("/studio/dashboard")
    expect(page.locator("#scenarios-for-you")).not_to_contain_text("Commission-approved")
    code = _propose_top_scenario(live_server.app, "hmi@example.com")

    staff = chromium_browser.new_context(base_url=live_server.url, locale="en-GB").new_page()
    staff.goto("/login")
    staff.get_by_label("Email").fill("staff@example.com")
    staff.get_by_label("Password").fill(PASSWORD)
    staff.get_by_role("button", name=re.compile("log in", re.I)).click()
    queue = f"/staff/review?source=scenario:{code}"  # this scenario's proposals only
    staff.goto(queue)
    proposal = staff.locator(".proposal", has_text="Jiefangbei HMI Lab")
    expect(proposal).to_contain_text(code)
    expect(proposal).to_contain_text("What the texts share")
    proposal.get_by_label("Decision and reason").select_option("approved:good-fit")
    proposal.get_by_label("Note", exact=True).fill("Cockpit HMI is their core work.")
    proposal.get_by_role("button", name="Record decision").click()
    expect(staff.locator("body")).to_contain_text("Approved")
    staff.goto(queue)
    expect(staff.locator(".proposal", has_text="Jiefangbei HMI Lab")).to_have_count(0)
    staff.context.close()

    page.goto("/studio/dashboard")
    item = page.locator("#scenarios-for-you .match-item", has_text=code)
    expect(item).to_contain_text("Commission-approved")
    page.goto(f"/scenarios/{code}")
    listed = page.locator("#studios-that-fit .match-item", has_text="Jiefangbei HMI Lab")
    expect(listed).to_contain_text("Commission-approved")
