"""Sealed bids through the pages: who sees what, for every role, before and after the deadline."""

from __future__ import annotations

import pytest

from tests.bid_helpers import bid_form, make_need, pass_deadline
from tests.conftest import login

SECRET = "Clay model first"  # a phrase from the bid's approach


@pytest.fixture
def world(app, make_account):
    """A manufacturer's published need with one studio's bid, and a client for every role."""
    maker = make_account("manufacturer")
    bidder, other_studio = make_account("studio"), make_account("studio")
    other_maker, staff = make_account("manufacturer"), make_account("staff")
    with app.app_context():
        need_id = make_need(maker.id)
    clients = {}
    for name, account in {
        "bidder": bidder, "other studio": other_studio, "manufacturer": maker,
        "other manufacturer": other_maker, "staff": staff,
    }.items():  # fmt: skip
        c = app.test_client()
        login(c, account)
        clients[name] = c
    clients["visitor"] = app.test_client()
    response = clients["bidder"].post(f"/needs/{need_id}/bid", data=bid_form(price=98_000))
    assert response.status_code == 302, response.get_data(as_text=True)[:800]
    bid_id = int(response.headers["Location"].rsplit("/", 1)[1])
    return {"need": need_id, "bid": bid_id, "clients": clients}


# (role, before or after the deadline) -> may read the bid's content
READS = {
    ("bidder", "before"): True, ("bidder", "after"): True,
    ("manufacturer", "before"): False, ("manufacturer", "after"): True,
    ("staff", "before"): False, ("staff", "after"): False,
    ("other studio", "before"): False, ("other studio", "after"): False,
    ("other manufacturer", "before"): False, ("other manufacturer", "after"): False,
    ("visitor", "before"): False, ("visitor", "after"): False,
}  # fmt: skip


@pytest.mark.parametrize(("role", "when"), sorted(READS))
def test_only_the_bidder_reads_a_bid_before_the_deadline_and_its_manufacturer_after(
    app, world, role, when
):
    if when == "after":
        with app.app_context():
            pass_deadline(world["need"])
    client = world["clients"][role]
    pages = [
        client.get(f"/bids/{world['bid']}"),
        client.get(f"/needs/{world['need']}/bids"),
        client.get(f"/bids/{world['bid']}/attachment"),
    ]
    seen = any(SECRET in p.get_data(as_text=True) or "98,000" in p.get_data(as_text=True)
               for p in pages)  # fmt: skip
    assert seen is READS[(role, when)]
    assert all(p.status_code < 500 for p in pages)


def test_before_the_deadline_the_manufacturer_and_staff_see_only_the_count(app, world):
    for role in ("manufacturer", "staff"):
        page = world["clients"][role].get(f"/needs/{world['need']}/bids")
        text = page.get_data(as_text=True)
        assert page.status_code == 200
        assert "1 bid" in text and "sealed" in text
        assert f"/bids/{world['bid']}" not in text


def test_after_the_deadline_the_manufacturer_sees_every_bid_side_by_side(app, world, make_account):
    second = make_account("studio", name="Second Studio")
    c = app.test_client()
    login(c, second)
    assert c.post(f"/needs/{world['need']}/bid", data=bid_form(price=150_000)).status_code == 302
    with app.app_context():
        pass_deadline(world["need"])
    text = world["clients"]["manufacturer"].get(f"/needs/{world['need']}/bids").get_data(True)
    assert text.count('class="bid-row"') == 2
    assert "98,000" in text and "150,000" in text and "Second Studio" in text
    assert text.index("98,000") < text.index("150,000")  # cheapest first


def test_a_bid_after_the_deadline_is_refused_with_a_message(app, world, make_account):
    with app.app_context():
        pass_deadline(world["need"])
    late = make_account("studio")
    c = app.test_client()
    login(c, late)
    response = c.post(f"/needs/{world['need']}/bid", data=bid_form(), follow_redirects=True)
    assert "not open for bids" in response.get_data(as_text=True)
    assert world["clients"]["manufacturer"].get(f"/needs/{world['need']}/bids").get_data(
        True).count('class="bid-row"') == 1  # fmt: skip


def test_a_second_bid_from_the_same_studio_edits_the_first(app, world):
    bidder = world["clients"]["bidder"]
    page = bidder.get(f"/needs/{world['need']}/bid")
    assert "Edit your bid" in page.get_data(as_text=True)
    response = bidder.post(f"/needs/{world['need']}/bid", data=bid_form(price=91_000))
    assert response.status_code == 302
    assert "91,000" in bidder.get(f"/bids/{world['bid']}").get_data(as_text=True)


def test_a_draft_need_cannot_be_bid_on_by_editing_the_url(app, make_account, studio_client):
    maker = make_account("manufacturer")
    with app.app_context():
        draft = make_need(maker.id, status="draft")
    assert studio_client.get(f"/needs/{draft}/bid").status_code == 404
    assert studio_client.post(f"/needs/{draft}/bid", data=bid_form()).status_code == 404


def test_withdrawing_before_the_deadline_then_bidding_again(app, world):
    bidder = world["clients"]["bidder"]
    assert bidder.post(f"/bids/{world['bid']}/withdraw").status_code == 303
    count = world["clients"]["manufacturer"].get(f"/needs/{world['need']}/bids").get_data(True)
    assert "0 bids" in count
    assert bidder.post(f"/needs/{world['need']}/bid", data=bid_form()).status_code == 302
    assert "1 bid" in world["clients"]["manufacturer"].get(
        f"/needs/{world['need']}/bids").get_data(True)  # fmt: skip


def test_a_pdf_attachment_is_checked_by_content(app, world, make_account):
    from io import BytesIO

    from tests.bid_helpers import PDF

    bidder = world["clients"]["bidder"]
    fake = dict(bid_form(), attachment=(BytesIO(b"MZ not a pdf"), "plan.pdf"))
    response = bidder.post(f"/needs/{world['need']}/bid", data=fake,
                           content_type="multipart/form-data")  # fmt: skip
    assert response.status_code == 400
    assert "not a PDF" in response.get_data(as_text=True)
    real = dict(bid_form(), attachment=(BytesIO(PDF), "plan.pdf"))
    bidder.post(f"/needs/{world['need']}/bid", data=real, content_type="multipart/form-data")
    download = bidder.get(f"/bids/{world['bid']}/attachment")
    assert download.status_code == 200 and download.data == PDF
    maker = world["clients"]["manufacturer"]
    assert maker.get(f"/bids/{world['bid']}/attachment").status_code == 404  # sealed


def test_a_need_closed_early_shows_its_bidders_it_closed_and_keeps_bids_sealed(app, world):
    from marketplace.database import write_transaction
    from marketplace.models import Need

    with app.app_context(), write_transaction() as session:
        session.get(Need, world["need"]).status = "closed"  # the needs page's early close
    page = world["clients"]["bidder"].get("/bids/mine").get_data(as_text=True)
    assert "Need closed without award" in page
    assert world["clients"]["manufacturer"].get(f"/bids/{world['bid']}").status_code == 404
