"""The after-award API per role: the two parties work through it as on the pages; another
party's ids answer 404, bad input 4xx naming the field, staff read the thread only with a
recorded reason; a company shows only its public fields."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from marketplace.services.needs.need_times import SHANGHAI
from tests.functional.engagements.conftest import pdf
from tests.functional.engagements.test_company_profile import FORM


@pytest.fixture
def tokens(app, world):
    """A bearer header per role of the engagements world."""
    from marketplace.extensions import db
    from marketplace.models import User
    from marketplace.services.accounts import personal_tokens

    out = {"visitor": {}}
    with app.app_context():
        for name in ("maker", "studio", "loser", "other_maker", "other_studio", "staff"):
            account = getattr(world, name).account
            _t, secret = personal_tokens.create(db.session.get(User, account.id), "api test")
            out[name] = {"Authorization": f"Bearer {secret}"}
    return out


def call(app, method, path, headers, json=None):
    client = app.test_client()
    return getattr(client, method)(f"/api/v1{path}", headers=headers, json=json)


def test_each_party_lists_and_reads_only_its_own_engagement(app, world, tokens):
    e = world.engagement
    for who in ("maker", "studio", "staff"):
        r = call(app, "get", f"/engagements/{e}", tokens[who])
        assert r.status_code == 200, (who, r.get_json())
        body = r.get_json()
        assert body["contacts"]["studio"]["email"] == "studio@example.com"
        assert body["contacts"]["manufacturer"]["email"] == "maker@example.com"
        assert [m["amount"] for m in body["milestones"]] == [60_000, 140_000]
    assert call(app, "get", f"/engagements/{e}", tokens["maker"]).get_json()["your_side"] == (
        "manufacturer")
    for who in ("loser", "other_maker", "other_studio"):
        for path in (f"/engagements/{e}", f"/engagements/{e}/messages",
                     f"/engagements/{e}/ratings"):  # fmt: skip
            assert call(app, "get", path, tokens[who]).status_code == 404, (who, path)
        mine = call(app, "get", "/me/engagements", tokens[who]).get_json()
        assert e not in [row["id"] for row in mine["items"]]
    assert call(app, "get", f"/engagements/{e}", tokens["visitor"]).status_code == 401
    ids = {row["id"] for row in call(app, "get", "/me/engagements", tokens["staff"]).get_json()[
        "items"]}
    assert {e, world.other_engagement} <= ids


def test_messages_milestones_outcome_and_ratings_through_the_api(app, world, tokens):
    e, maker, studio = world.engagement, tokens["maker"], tokens["studio"]
    r = call(app, "post", f"/engagements/{e}/messages", maker, {"body": "Kick-off on Monday?"})
    assert r.status_code == 201 and r.get_json()["read_at"] is None
    r = call(app, "post", f"/engagements/{e}/messages", tokens["other_maker"], {"body": "Hi"})
    assert r.status_code == 404
    r = call(app, "post", f"/engagements/{e}/messages", studio, {"body": "   "})
    assert r.status_code == 422 and r.get_json()["error"]["field"] == "body"
    thread = call(app, "get", f"/engagements/{e}/messages", studio).get_json()
    assert [m["body"] for m in thread["items"]] == ["Kick-off on Monday?"]
    seen = call(app, "get", f"/engagements/{e}/messages", maker).get_json()["items"][0]
    assert seen["read_at"] is not None  # the studio's reading is the receipt

    detail = call(app, "get", f"/engagements/{e}", maker).get_json()
    first, second = (m["id"] for m in detail["milestones"])
    award_day = detail["started_at"][:10]
    from datetime import date

    before = (date.fromisoformat(award_day) - timedelta(days=1)).isoformat()
    bad = {"title": "Extra", "due_on": before, "amount": 1000}
    r = call(app, "post", f"/engagements/{e}/milestones", studio, bad)
    assert r.status_code == 422 and r.get_json()["error"]["field"] == "due_on"
    bad = {"title": "Extra", "due_on": award_day, "amount": 1000}
    r = call(app, "post", f"/engagements/{e}/milestones", studio, bad)
    assert r.status_code == 422 and r.get_json()["error"]["field"] == "amount"  # over the price
    r = call(app, "post", f"/engagements/{e}/milestones", studio, {**bad, "amount": "lots"})
    assert r.status_code == 422 and r.get_json()["error"]["field"] == "amount"
    r = call(app, "post", f"/milestones/{first}/agree", tokens["other_studio"])
    assert r.status_code == 404
    for mid in (first, second):
        for side in (studio, maker):
            assert call(app, "post", f"/milestones/{mid}/agree", side).status_code == 200
    r = call(app, "post", f"/milestones/{first}/agree", maker)
    assert r.status_code == 409 and r.get_json()["error"]["field"] == "milestone"

    for mid in (first, second):  # delivery carries a PDF: on the page
        r = world.studio.client.post(f"/milestones/{mid}/deliver",
                                     data={"note": "Files", "file": pdf()},
                                     content_type="multipart/form-data")  # fmt: skip
        assert r.status_code == 303
    assert call(app, "post", f"/milestones/{first}/accept", studio).status_code == 403
    r = call(app, "post", f"/milestones/{first}/return", maker, {"reason": "no"})
    assert r.status_code == 422 and r.get_json()["error"]["field"] == "reason"
    r = call(app, "post", f"/milestones/{first}/accept", maker)
    assert r.get_json()["status"] == "accepted"
    assert call(app, "post", f"/milestones/{first}/accept", maker).status_code == 409  # once
    r = call(app, "post", f"/engagements/{e}/complete", maker, {"contract_value": 190_000})
    assert r.status_code == 422 and "Final design delivery" in r.get_json()["error"]["message"]
    call(app, "post", f"/milestones/{second}/accept", maker)
    r = call(app, "post", f"/engagements/{e}/complete", maker, {"contract_value": 0})
    assert r.status_code == 422 and r.get_json()["error"]["field"] == "contract_value"
    r = call(app, "post", f"/engagements/{e}/complete", maker, {"contract_value": 190_000})
    assert r.status_code == 200 and r.get_json()["status"] == "completed"
    assert r.get_json()["outcome"]["contract_value"] == 190_000

    r = call(app, "post", f"/engagements/{e}/ratings", studio,
             {"quality": 6, "timeliness": 5, "communication": 5})  # fmt: skip
    assert r.status_code == 422 and r.get_json()["error"]["field"] == "quality"
    score = {"quality": 5, "timeliness": 4, "communication": 5, "comment": "Clear brief."}
    assert call(app, "post", f"/engagements/{e}/ratings", studio, score).status_code == 201
    r = call(app, "post", f"/engagements/{e}/ratings", studio, score)
    assert r.status_code == 422 and r.get_json()["error"]["field"] == "quality"  # a second one
    hidden = call(app, "get", f"/engagements/{e}/ratings", maker).get_json()
    assert hidden == {"manufacturer": None, "studio": None}  # not revealed before both rated
    assert call(app, "get", f"/engagements/{e}/ratings", studio).get_json()["studio"][
        "comment"] == "Clear brief."
    call(app, "post", f"/engagements/{e}/ratings", maker, {**score, "comment": "On time."})
    both = call(app, "get", f"/engagements/{e}/ratings", maker).get_json()
    assert both["studio"]["comment"] == "Clear brief." and both["manufacturer"]["quality"] == 5

    today = datetime.now(SHANGHAI).date().isoformat()  # a Beijing date, as shown
    r = call(app, "put", f"/engagements/{e}/outcome", maker,
             {"launched": True, "launched_on": today, "launch_link": "ftp://x"})  # fmt: skip
    assert r.status_code == 422 and r.get_json()["error"]["field"] == "launch_link"
    r = call(app, "put", f"/engagements/{e}/outcome", studio, {"launched": True})
    assert r.status_code == 403
    r = call(app, "put", f"/engagements/{e}/outcome", maker,
             {"launched": True, "launched_on": today, "launch_link": "https://shop.example.com"})
    assert r.status_code == 200 and r.get_json()["product_launched"] is True
    staff_view = call(app, "get", f"/engagements/{e}", tokens["staff"]).get_json()
    assert staff_view["outcome"]["launched_on"] == today and staff_view["your_side"] is None


def test_staff_read_the_thread_only_with_a_recorded_reason(app, world, tokens):
    from sqlalchemy import select

    from marketplace.extensions import db
    from marketplace.models import AuditEntry

    e = world.engagement
    call(app, "post", f"/engagements/{e}/messages", tokens["maker"], {"body": "Private terms"})
    r = call(app, "get", f"/engagements/{e}/messages", tokens["staff"])
    assert r.status_code == 422 and r.get_json()["error"]["field"] == "reason"
    r = call(app, "post", f"/engagements/{e}/messages", tokens["staff"], {"body": "x"})
    assert r.status_code == 403
    reason = "Complaint 2026-41 from the studio"
    r = call(app, "get", f"/engagements/{e}/messages?reason={reason}", tokens["staff"])
    assert [m["body"] for m in r.get_json()["items"]] == ["Private terms"]
    assert r.get_json()["items"][0]["read_at"] is None  # staff reading is no receipt
    with app.app_context():
        notes = db.session.scalars(select(AuditEntry.note).where(
            AuditEntry.action == "engagement-thread-read")).all()
    assert notes == [reason]


def test_a_company_shows_its_public_fields_only_and_vanishes_on_suspension(app, world, tokens):
    from marketplace.extensions import db
    from marketplace.models import Company, User
    from marketplace.services.reviews.review_moderation import set_suspended

    assert world.maker.client.post("/account/company", data=FORM).status_code in (302, 303)
    with app.app_context():
        company_id = db.session.query(Company).one().id
    r = call(app, "get", f"/companies/{company_id}", tokens["visitor"])
    assert r.status_code == 200
    body = r.get_json()
    assert body["name_en"] == "Liangjiang Seats Co." and body["verified"] is False
    assert "credit_code" not in body and "contact_mobile" not in body
    assert "13812345678" not in r.get_data(as_text=True)
    engagement = call(app, "get", f"/engagements/{world.engagement}", tokens["studio"]).get_json()
    assert engagement["company_id"] == company_id
    assert engagement["contacts"]["manufacturer"]["phone"] == "13812345678"  # a party sees it
    assert call(app, "get", "/companies/999999", tokens["visitor"]).status_code == 404
    with app.app_context():
        staff = db.session.get(User, world.staff.account.id)
        set_suspended("manufacturer", world.maker.account.id, staff, True, "Fraud report")
    assert call(app, "get", f"/companies/{company_id}", tokens["visitor"]).status_code == 404
    assert call(app, "get", f"/companies/{company_id}", tokens["staff"]).status_code == 200
