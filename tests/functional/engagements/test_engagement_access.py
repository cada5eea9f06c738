"""No one reads or changes another party's engagement by editing an id (two parties of each role),
staff read the thread only with a recorded reason, and contacts never leak before shortlist."""

from __future__ import annotations

import pytest

from marketplace.extensions import db
from marketplace.models import AuditEntry, Engagement, EngagementMessage, Milestone
from tests.bid_helpers import bid_form, make_need, pass_deadline
from tests.conftest import login
from tests.functional.engagements.conftest import pdf


def _milestone_ids(app, engagement_id):
    with app.app_context():
        return [m.id for m in db.session.get(Engagement, engagement_id).milestones]


def test_each_party_sees_only_its_own_engagement(app, world):
    e, other = world.engagement, world.other_engagement
    for side, own in ((world.maker, e), (world.studio, e), (world.other_maker, other),
                      (world.other_studio, other)):  # fmt: skip
        assert side.client.get(f"/engagements/{own}").status_code == 200
        foreign = other if own == e else e
        assert side.client.get(f"/engagements/{foreign}").status_code == 404
        listing = side.client.get("/engagements").get_data(as_text=True)
        assert f"/engagements/{own}\"" in listing and f"/engagements/{foreign}\"" not in listing
    assert world.loser.client.get(f"/engagements/{e}").status_code == 404
    assert app.test_client().get(f"/engagements/{e}").status_code in (302, 401)


@pytest.mark.parametrize("who", ["other_maker", "other_studio", "loser"])
def test_outsiders_change_nothing(app, world, who):
    side = getattr(world, who)
    e = world.engagement
    first = _milestone_ids(app, e)[0]
    attempts = [
        (f"/engagements/{e}/messages", {"body": "Let me in"}),
        (f"/engagements/{e}/milestones", {"title": "Sneaky", "due_on": "2031-01-01",
                                          "amount": "1"}),
        (f"/milestones/{first}/agree", {}),
        (f"/milestones/{first}/deliver", {"note": "x", "file": pdf()}),
        (f"/milestones/{first}/accept", {}),
        (f"/milestones/{first}/return", {"reason": "Not good enough"}),
        (f"/engagements/{e}/complete", {"contract_value": "1"}),
        (f"/engagements/{e}/cancel", {"reason": "I want to cancel this"}),
        (f"/engagements/{e}/rate", {"quality": "1", "timeliness": "1", "communication": "1"}),
        (f"/engagements/{e}/launch", {"launched": "no"}),
    ]  # fmt: skip
    for url, data in attempts:
        r = side.client.post(url, data=data, content_type="multipart/form-data")
        assert r.status_code in (403, 404), (url, r.status_code)
    with app.app_context():
        assert db.session.query(EngagementMessage).count() == 0
        assert db.session.query(Milestone).filter_by(engagement_id=e).count() == 2
        assert {m.studio_agreed_at for m in db.session.query(Milestone)} == {None}
        assert db.session.get(Engagement, e).status == "active"


def test_staff_read_the_thread_only_with_a_recorded_reason(app, world):
    world.studio.client.post(f"/engagements/{world.engagement}/messages",
                             data={"body": "Private pricing detail"})
    staff = world.staff.client
    assert "Private pricing detail" not in staff.get(
        f"/engagements/{world.engagement}").get_data(as_text=True)
    short = staff.post(f"/engagements/{world.engagement}", data={"reason": "why"})
    assert short.status_code == 400 and "Private pricing detail" not in short.get_data(
        as_text=True)
    ok = staff.post(f"/engagements/{world.engagement}",
                    data={"reason": "Complaint 2026-114 about payment terms"})
    assert "Private pricing detail" in ok.get_data(as_text=True)
    with app.app_context():
        rows = db.session.query(AuditEntry).filter_by(action="engagement-thread-read").all()
        assert [r.note for r in rows] == ["Complaint 2026-114 about payment terms"]
        msg = db.session.query(EngagementMessage).one()
        assert msg.read_at is None  # staff reading is not a read receipt
    assert staff.post(f"/engagements/{world.engagement}/messages",
                      data={"body": "staff"}).status_code == 403


MAKER_MOBILE = "13812345678"


@pytest.fixture
def sealed(app, make_account):
    """A manufacturer with a full company profile; two studios bid; deadline passed."""
    maker = make_account("manufacturer", email="boss@example.com", name="Boss Motors")
    m = app.test_client()
    login(m, maker)
    r = m.post("/account/company", data={
        "name_zh": "重庆博斯汽车", "contact_name": "Wang Li", "contact_mobile": MAKER_MOBILE,
        "contact_email": "wang.li@boss.example.com"})  # fmt: skip
    assert r.status_code == 303
    studios = []
    with app.app_context():
        need = make_need(maker.id, title="Dashboard trim")
    for i in range(2):
        account = make_account("studio", email=f"st{i}@example.com", name=f"Trim Studio {i}")
        c = app.test_client()
        login(c, account)
        r = c.post(f"/needs/{need}/bid", data=bid_form(price=90_000 + i))
        studios.append((c, int(r.headers["Location"].rsplit("/", 1)[1])))
    with app.app_context():
        pass_deadline(need)
    return {"maker": m, "need": need, "studios": studios}


def _pages(client, need, bid):
    paths = [f"/bids/{bid}", f"/needs/{need}", f"/needs/{need}/bids", "/notifications",
             "/engagements", "/dashboard", "/api/v1/bids/" + str(bid)]
    return "".join(client.get(p).get_data(as_text=True) for p in paths)


def test_contacts_appear_only_after_shortlist_and_only_to_the_two_parties(app, sealed):
    (first, bid1), (second, bid2) = sealed["studios"]
    maker = sealed["maker"]
    for client in (first, second):
        text = _pages(client, sealed["need"], bid1)
        assert MAKER_MOBILE not in text and "wang.li@boss.example.com" not in text
    before = _pages(maker, sealed["need"], bid1)
    assert "st0@example.com" not in before and "st1@example.com" not in before
    maker.post(f"/needs/{sealed['need']}/bids/{bid1}/shortlist")
    shortlisted = _pages(first, sealed["need"], bid1)
    assert MAKER_MOBILE in shortlisted and "Wang Li" in shortlisted
    assert MAKER_MOBILE not in _pages(second, sealed["need"], bid2)
    after = _pages(maker, sealed["need"], bid1)
    assert "st0@example.com" in after and "st1@example.com" not in after
