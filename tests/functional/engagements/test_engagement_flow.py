"""The work after an award, through the pages: milestones agreed, delivered, returned and
accepted, messages both ways with read receipts, completion with the contract value, ratings
hidden until both have rated, the launch recorded; every refusal changes nothing."""

from __future__ import annotations

from datetime import datetime, timedelta

from marketplace.extensions import db
from marketplace.models import Engagement, EngagementMessage, Milestone, Notification, Rating
from marketplace.services.needs.need_times import SHANGHAI
from tests.functional.engagements.conftest import pdf


def outbox(app) -> list:
    """Messages the locmem mail backend collected."""
    return getattr(app.extensions["mailman"], "outbox", [])


def page(side, engagement_id) -> str:
    r = side.client.get(f"/engagements/{engagement_id}")
    assert r.status_code == 200
    return r.get_data(as_text=True)


def milestones(app, engagement_id) -> list[Milestone]:
    with app.app_context():
        rows = db.session.get(Engagement, engagement_id).milestones
        db.session.expunge_all()
        return rows


def agree_all(w) -> list[int]:
    """Both sides agree the milestones proposed from the bid."""
    ids = [m.id for m in milestones(w.app, w.engagement)]
    for mid in ids:
        assert w.studio.client.post(f"/milestones/{mid}/agree").status_code == 303
        assert w.maker.client.post(f"/milestones/{mid}/agree").status_code == 303
    return ids


def deliver(side, mid, note="Concept renderings, three options."):
    return side.client.post(f"/milestones/{mid}/deliver",
                            data={"note": note, "file": pdf()},
                            content_type="multipart/form-data")  # fmt: skip


def test_award_opens_an_engagement_with_milestones_proposed_from_the_bid(app, world):
    rows = milestones(app, world.engagement)
    assert [m.amount for m in rows] == [60_000, 140_000]  # 30% / 70% of the 200,000 bid
    assert all(m.status == "proposed" for m in rows)
    html = page(world.studio, world.engagement)
    assert "Concept design" in html and "Final design delivery" in html
    assert "Liangjiang Seats" in html and "maker@example.com" in html


def test_milestone_totals_dates_and_numbers_are_checked(app, world):
    base = f"/engagements/{world.engagement}/milestones"
    too_much = {"title": "Extra CMF study", "due_on": "2031-01-10", "amount": "1"}
    r = world.maker.client.post(base, data=too_much, follow_redirects=True)
    assert "more than the awarded price of 200,000 yuan" in r.get_data(as_text=True)
    early = {"title": "Kick-off", "due_on": "2020-01-10", "amount": "0"}
    r = world.maker.client.post(base, data=early, follow_redirects=True)
    assert "before the award" in r.get_data(as_text=True)
    for bad in ("１００", "12.5", "-3", "99999999999"):
        r = world.maker.client.post(base, data={**early, "due_on": "2031-01-10", "amount": bad},
                                    follow_redirects=True)
        assert "whole number" in r.get_data(as_text=True)
    for bad in ("2031-02-30", "31/01/2031", "2101-01-01"):
        r = world.maker.client.post(base, data={**early, "due_on": bad}, follow_redirects=True)
        assert "date" in r.get_data(as_text=True)
    assert len(milestones(app, world.engagement)) == 2


def test_delivery_return_accept_and_completion(app, world):
    world.app = app
    first, second = agree_all(world)
    assert {m.status for m in milestones(app, world.engagement)} == {"agreed"}
    # Not a PDF: refused, nothing changes.
    r = world.studio.client.post(f"/milestones/{first}/deliver",
                                 data={"note": "x", "file": (__import__("io").BytesIO(b"MZ"),
                                                             "a.pdf")},
                                 content_type="multipart/form-data", follow_redirects=True)
    assert "not a PDF" in r.get_data(as_text=True)
    assert milestones(app, world.engagement)[0].status == "agreed"
    assert deliver(world.studio, first).status_code == 303
    r = world.maker.client.post(f"/milestones/{first}/return", data={"reason": ""},
                                follow_redirects=True)
    assert "characters" in r.get_data(as_text=True)
    world.maker.client.post(f"/milestones/{first}/return",
                            data={"reason": "The seat rails are missing from the renderings."})
    assert milestones(app, world.engagement)[0].status == "returned"
    assert "seat rails are missing" in page(world.studio, world.engagement)
    deliver(world.studio, first, "Renderings with the rails.")
    assert world.maker.client.post(f"/milestones/{first}/accept").status_code == 303
    # A second click accepts nothing more and says so.
    r = world.maker.client.post(f"/milestones/{first}/accept", follow_redirects=True)
    assert "not waiting for your decision" in r.get_data(as_text=True)
    r = world.maker.client.post(f"/engagements/{world.engagement}/complete",
                                data={"contract_value": "210000"}, follow_redirects=True)
    assert "still open: Final design delivery" in r.get_data(as_text=True)
    deliver(world.studio, second, "Final files")
    world.maker.client.post(f"/milestones/{second}/accept")
    r = world.maker.client.post(f"/engagements/{world.engagement}/complete",
                                data={"contract_value": "210000"})
    assert r.status_code == 303
    with app.app_context():
        e = db.session.get(Engagement, world.engagement)
        assert (e.status, e.contract_value) == ("completed", 210_000)
        kinds = [n.kind for n in db.session.query(Notification).filter(
            Notification.user_id == world.studio.account.id)]
    assert "milestone_returned" in kinds and "milestone_accepted" in kinds
    assert "engagement_completed" in kinds
    mails = [m for m in outbox(app) if m.to == ["studio@example.com"]]
    assert any("seat rails are missing" in m.body for m in mails)


def test_messages_reach_the_other_side_with_receipts(app, world):
    r = world.studio.client.post(f"/engagements/{world.engagement}/messages",
                                 data={"body": "When can we visit the factory?", "file": pdf()},
                                 content_type="multipart/form-data")  # fmt: skip
    assert r.status_code == 303
    assert "Not read yet" in page(world.studio, world.engagement)
    maker_page = page(world.maker, world.engagement)
    assert "When can we visit the factory?" in maker_page and "Attached PDF" in maker_page
    after = page(world.studio, world.engagement)
    assert "Not read yet" not in after and "· Read" in after
    with app.app_context():
        msg = db.session.query(EngagementMessage).one()
        assert msg.read_at is not None
        notes = db.session.query(Notification).filter_by(
            user_id=world.maker.account.id, kind="engagement_message").count()
    assert notes == 1
    mid = msg.id
    got = world.maker.client.get(f"/engagements/{world.engagement}/messages/{mid}/file")
    assert got.status_code == 200 and got.data.startswith(b"%PDF")
    empty = world.maker.client.post(f"/engagements/{world.engagement}/messages",
                                    data={"body": "   "}, follow_redirects=True)
    assert "Use 1 to 5000 characters" in empty.get_data(as_text=True)


def _complete(app, world):
    world.app = app
    for mid in agree_all(world):
        deliver(world.studio, mid)
        world.maker.client.post(f"/milestones/{mid}/accept")
    world.maker.client.post(f"/engagements/{world.engagement}/complete",
                            data={"contract_value": "200000"})


RATING = {"quality": "5", "timeliness": "4", "communication": "5", "comment": "Clear briefs."}


def test_ratings_stay_hidden_until_both_have_rated(app, world):
    _complete(app, world)
    r = world.maker.client.post(f"/engagements/{world.engagement}/rate",
                                data={**RATING, "quality": "6"}, follow_redirects=True)
    assert "score from 1 to 5" in r.get_data(as_text=True)
    world.maker.client.post(f"/engagements/{world.engagement}/rate",
                            data={**RATING, "comment": "Sharp renderings"})
    assert "Sharp renderings" not in page(world.studio, world.engagement)
    r = world.maker.client.post(f"/engagements/{world.engagement}/rate", data=RATING,
                                follow_redirects=True)
    assert "already rated" in r.get_data(as_text=True)
    world.studio.client.post(f"/engagements/{world.engagement}/rate", data=RATING)
    studio_view = page(world.studio, world.engagement)
    assert "Sharp renderings" in studio_view and "Clear briefs." in studio_view
    with app.app_context():
        assert db.session.query(Rating).count() == 2


def test_ratings_are_revealed_after_14_days_even_if_one_side_never_rates(app, world):
    _complete(app, world)
    world.maker.client.post(f"/engagements/{world.engagement}/rate",
                            data={**RATING, "comment": "Sharp renderings"})
    from marketplace.database import write_transaction

    with app.app_context(), write_transaction() as session:
        e = session.get(Engagement, world.engagement)
        e.completed_at -= timedelta(days=15)
    assert "Sharp renderings" in page(world.studio, world.engagement)


def test_launch_outcome_and_staff_see_it(app, world):
    _complete(app, world)
    today = datetime.now(SHANGHAI).date()  # the launch date is a Beijing date, as shown
    r = world.maker.client.post(f"/engagements/{world.engagement}/launch",
                                data={"launched": "yes", "launched_on": "2099-01-01"},
                                follow_redirects=True)
    assert "between the award and today" in r.get_data(as_text=True)
    world.maker.client.post(f"/engagements/{world.engagement}/launch",
                            data={"launched": "yes", "launched_on": today.isoformat(),
                                  "launch_link": "https://example.com/seat"})  # fmt: skip
    with app.app_context():
        e = db.session.get(Engagement, world.engagement)
        assert e.product_launched is True and e.launched_on == today
    staff_page = page(world.staff, world.engagement)
    assert "¥200,000" in staff_page and "Yes, since" in staff_page
    assert "When can we visit" not in staff_page and "recorded reason" in staff_page


def test_cancelling_needs_a_reason_and_stops_delivery(app, world):
    world.app = app
    first, _second = agree_all(world)
    r = world.studio.client.post(f"/engagements/{world.engagement}/cancel", data={"reason": ""},
                                 follow_redirects=True)
    assert "characters" in r.get_data(as_text=True)
    world.studio.client.post(f"/engagements/{world.engagement}/cancel",
                             data={"reason": "The manufacturer changed the product plan."})
    r = deliver(world.studio, first)
    r = world.studio.client.get(r.headers["Location"])
    assert "was cancelled" in r.get_data(as_text=True)
    assert milestones(app, world.engagement)[0].status == "agreed"
    r = world.maker.client.post(f"/engagements/{world.engagement}/messages",
                                data={"body": "Hello?"}, follow_redirects=True)
    assert "cancelled" in r.get_data(as_text=True)
