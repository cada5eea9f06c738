"""Shortlist, award and decline through the pages: reasons reach each bidder, and only its own;
refusals leave everything as it was; every event's notification and e-mail say the right thing."""

from __future__ import annotations

import pytest

from tests.bid_helpers import bid_form, make_need, pass_deadline
from tests.conftest import login


def outbox(app) -> list:
    """Messages the locmem mail backend collected."""
    return getattr(app.extensions["mailman"], "outbox", [])


@pytest.fixture
def auction(app, make_account):
    """Three studios bid on a manufacturer's need; the deadline then passes."""
    app.config["MAIL_LANGUAGE"] = "en"  # accounts without a saved language read mail in English
    maker = make_account("manufacturer", email="maker@example.com")
    studios = [make_account("studio", email=f"s{i}@example.com", name=f"Studio {i}")
               for i in range(3)]  # fmt: skip
    with app.app_context():
        need_id = make_need(maker.id, title="Seat frame for an e-bike")
    bids, clients = [], []
    for i, account in enumerate(studios):
        c = app.test_client()
        login(c, account)
        r = c.post(f"/needs/{need_id}/bid", data=bid_form(price=100_000 + i * 10_000))
        bids.append(int(r.headers["Location"].rsplit("/", 1)[1]))
        clients.append(c)
    with app.app_context():
        pass_deadline(need_id)
    m = app.test_client()
    login(m, maker)
    return {"need": need_id, "bids": bids, "studios": clients, "maker": m}


def test_the_manufacturer_gets_a_count_only_notification_and_mail_per_bid(app, auction):
    page = auction["maker"].get("/notifications").get_data(as_text=True)
    assert "bids so far: 3" in page
    assert "Studio 0" not in page and "100,000" not in page  # sealed: no names, no prices
    mails = [m for m in outbox(app) if m.to == ["maker@example.com"]]
    assert len(mails) == 3
    assert "bids so far: 3" in mails[-1].body
    assert f"/needs/{auction['need']}/bids" in mails[-1].body


def test_award_declines_the_others_and_each_sees_only_its_own_reason(app, auction):
    winner, price_loser, other_loser = auction["bids"]
    form = {
        "bid_id": str(winner),
        f"reason_{price_loser}": "price", f"note_{price_loser}": "10% over budget",
        f"reason_{other_loser}": "experience",
    }  # fmt: skip
    response = auction["maker"].post(f"/needs/{auction['need']}/bids/award", data=form)
    assert response.status_code == 303
    win_page = auction["studios"][0].get(f"/bids/{winner}").get_data(as_text=True)
    assert "Your bid was chosen" in win_page
    loser_page = auction["studios"][1].get(f"/bids/{price_loser}").get_data(as_text=True)
    assert "The price was above our budget" in loser_page and "10% over budget" in loser_page
    assert "more experience" not in loser_page
    other_page = auction["studios"][2].get("/bids/mine").get_data(as_text=True)
    assert "more experience in this industry" in other_page
    assert "10% over budget" not in other_page
    # each loser's notification and e-mail carry its reason
    notes = auction["studios"][1].get("/notifications").get_data(as_text=True)
    assert "was not chosen" in notes and "10% over budget" in notes
    mail = [m for m in outbox(app) if m.to == ["s1@example.com"]][-1]
    assert "The price was above our budget" in mail.body and "10% over budget" in mail.body
    assert any(m.to == ["s0@example.com"] and "was chosen" in m.body for m in outbox(app))


def test_an_award_without_a_reason_for_every_other_bidder_changes_nothing(app, auction):
    winner, loser, _other = auction["bids"]
    form = {"bid_id": str(winner), f"reason_{loser}": "price"}
    response = auction["maker"].post(
        f"/needs/{auction['need']}/bids/award", data=form, follow_redirects=True
    )
    assert "Choose a reason from the list" in response.get_data(as_text=True)
    page = auction["studios"][0].get(f"/bids/{winner}").get_data(as_text=True)
    assert "Opened, under consideration" in page  # still undecided after the deadline


def test_a_second_award_and_a_foreign_bid_are_refused(app, auction, make_account):
    winner, a, b = auction["bids"]
    reasons = {f"reason_{a}": "price", f"reason_{b}": "timeline"}
    maker = auction["maker"]
    with app.app_context():
        other_need = make_need(make_account("manufacturer").id)
    r = maker.post(f"/needs/{auction['need']}/bids/award", data={"bid_id": "999999", **reasons},
                   follow_redirects=True)  # fmt: skip
    assert "not on this need" in r.get_data(as_text=True)
    foreign = maker.post(f"/needs/{other_need}/bids/award", data={"bid_id": str(winner)})
    assert foreign.status_code == 404
    assert maker.post(f"/needs/{auction['need']}/bids/award",
                      data={"bid_id": str(winner), **reasons}).status_code == 303  # fmt: skip
    again = maker.post(f"/needs/{auction['need']}/bids/award",
                       data={"bid_id": str(a), **reasons}, follow_redirects=True)  # fmt: skip
    assert "already been awarded" in again.get_data(as_text=True)
    assert "Not chosen" in auction["studios"][1].get(f"/bids/{a}").get_data(as_text=True)


def test_shortlisting_tells_the_studio(app, auction):
    bid = auction["bids"][2]
    url = f"/needs/{auction['need']}/bids/{bid}/shortlist"
    assert auction["maker"].post(url).status_code == 303
    assert "Shortlisted" in auction["studios"][2].get(f"/bids/{bid}").get_data(as_text=True)
    assert "on the shortlist" in auction["studios"][2].get("/notifications").get_data(True)


def test_closing_without_award_gives_every_bidder_a_reason(app, auction):
    reasons = {f"reason_{b}": "not_proceeding" for b in auction["bids"]}
    url = f"/needs/{auction['need']}/bids/close"
    assert auction["maker"].post(url, data=reasons).status_code == 303
    for client, bid in zip(auction["studios"], auction["bids"], strict=True):
        assert "not going ahead" in client.get(f"/bids/{bid}").get_data(as_text=True)


def test_a_studio_cannot_award_and_staff_cannot_decide(app, auction, make_account):
    studio = auction["studios"][0]
    assert studio.post(f"/needs/{auction['need']}/bids/award",
                       data={"bid_id": str(auction["bids"][0])}).status_code == 403  # fmt: skip
    staff = app.test_client()
    login(staff, make_account("staff"))
    assert staff.post(f"/needs/{auction['need']}/bids/close").status_code == 403
    assert staff.get(f"/bids/{auction['bids'][0]}").status_code == 404


def test_notifications_are_shown_in_the_readers_language_and_marked_read(app, auction):
    maker = auction["maker"]
    zh = maker.get("/notifications", headers={"Accept-Language": "zh-CN"})
    assert zh.status_code == 200
    page = maker.get("/").get_data(as_text=True)
    assert 'class="bell-count">3<' in page
    assert maker.post("/notifications/read-all").status_code == 303
    assert 'class="bell-count"' not in maker.get("/").get_data(as_text=True)


def test_nobody_marks_another_accounts_notification(app, auction):
    from marketplace.extensions import db
    from marketplace.models import Notification

    with app.app_context():
        theirs = db.session.query(Notification).filter_by(kind="bid_received").first().id
    assert auction["studios"][0].post(f"/notifications/{theirs}/read").status_code == 404
