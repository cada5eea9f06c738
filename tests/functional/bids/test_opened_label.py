"""After the deadline a submitted bid reads as opened and under consideration, not sealed, on the
studio's list, the bid page and the manufacturer's comparison, in both languages."""

from __future__ import annotations

from tests.bid_helpers import bid_form, make_need, pass_deadline
from tests.conftest import login

EN, ZH = {"Accept-Language": "en"}, {"Accept-Language": "zh-CN"}


def test_a_submitted_bid_is_sealed_before_the_deadline_and_opened_after(app, make_account):
    maker, studio = make_account("manufacturer"), make_account("studio")
    with app.app_context():
        need_id = make_need(maker.id)
    studio_client, maker_client = app.test_client(), app.test_client()
    login(studio_client, studio)
    login(maker_client, maker)
    r = studio_client.post(f"/needs/{need_id}/bid", data=bid_form(price=120_000, weeks=8))
    bid_id = int(r.headers["Location"].rsplit("/", 1)[1])
    before = studio_client.get("/bids/mine", headers=EN).get_data(as_text=True)
    assert "Submitted (sealed)" in before and "Opened, under consideration" not in before
    with app.app_context():
        pass_deadline(need_id)
    for page in ("/bids/mine", f"/bids/{bid_id}"):
        html = studio_client.get(page, headers=EN).get_data(as_text=True)
        assert "Opened, under consideration" in html and "Submitted (sealed)" not in html, page
    compare = maker_client.get(f"/needs/{need_id}/bids", headers=EN).get_data(as_text=True)
    assert "Opened, under consideration" in compare and "sealed)" not in compare
    assert "已开标，评审中" in maker_client.get(f"/needs/{need_id}/bids", headers=ZH).get_data(
        as_text=True)
