"""Object-level authorization over /api/v1 with two accounts of every role: nobody reads or
changes another party's needs, drafts, bids or contacts by editing an id."""

from __future__ import annotations

import pytest

from tests.bid_helpers import APPROACH, pass_deadline

BID = {"approach": APPROACH, "price": 90_000, "duration_weeks": 8, "team": "Two designers"}
CALLERS = ("visitor", "studio_a", "studio_b", "maker_a", "maker_b", "staff_a", "staff_b")


def _get(client, world, who, url):
    return client.get(url, headers=world["headers"][who])


# who may read bid X (studio A's bid on maker A's need), before and after the deadline
BID_READERS = {"before": {"studio_a"}, "after": {"studio_a", "maker_a"}}


@pytest.mark.parametrize("when", ["before", "after"])
@pytest.mark.parametrize("who", CALLERS)
def test_a_sealed_bid_is_read_by_its_studio_and_after_the_deadline_its_manufacturer_only(
    app, client, world, who, when
):
    if when == "after":
        with app.app_context():
            pass_deadline(world["need"])
    one = _get(client, world, who, f"/api/v1/bids/{world['bid']}")
    listed = _get(client, world, who, f"/api/v1/needs/{world['need']}/bids")
    readable = who in BID_READERS[when]
    assert (one.status_code == 200) is readable, one.get_json()
    assert ("98000" in one.get_data(as_text=True)) is readable
    if who == "maker_a":
        assert listed.status_code == (200 if when == "after" else 403)
        if when == "after":
            assert [b["price"] for b in listed.get_json()["items"]] == [98_000]
    else:
        assert listed.status_code in (401, 403, 404)
        assert "98000" not in listed.get_data(as_text=True)
    assert one.status_code in (200, 401, 403, 404)


@pytest.mark.parametrize("who", CALLERS)
def test_only_the_owner_and_staff_see_a_draft_need(client, world, who):
    response = _get(client, world, who, f"/api/v1/needs/{world['draft']}")
    assert (response.status_code == 200) is (who in {"maker_a", "staff_a", "staff_b"})
    if response.status_code != 200:
        assert response.get_json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("who", CALLERS)
def test_own_lists_hold_only_the_callers_objects(client, world, who):
    needs = _get(client, world, who, "/api/v1/me/needs")
    bids = _get(client, world, who, "/api/v1/me/bids")
    if who.startswith("maker"):
        titles = {n["title"] for n in needs.get_json()["items"]}
        mine = {"Draft of maker A", "Battery enclosure for a city EV"}
        assert titles == (mine if who == "maker_a" else {"Need of maker B"})
    else:
        assert needs.status_code in (401, 403)
    if who.startswith("studio"):
        ids = [b["id"] for b in bids.get_json()["items"]]
        assert ids == ([world["bid"]] if who == "studio_a" else [])
    else:
        assert bids.status_code in (401, 403)


def test_another_studio_cannot_edit_or_withdraw_a_bid(client, world):
    url = f"/api/v1/bids/{world['bid']}"
    other = world["headers"]["studio_b"]
    assert client.put(url, json=BID, headers=other).status_code == 404
    assert client.post(url + "/withdraw", headers=other).status_code == 404
    own = client.get(url, headers=world["headers"]["studio_a"]).get_json()
    assert own["price"] == 98_000 and own["status"] == "submitted"


def test_a_manufacturer_cannot_submit_or_edit_another_manufacturers_need(client, world):
    other = world["headers"]["maker_b"]
    assert client.post(f"/api/v1/needs/{world['draft']}/submit", headers=other).status_code == 404
    body = {"title": "Taken over need", "description": "x" * 40}
    assert client.put(f"/api/v1/needs/{world['draft']}", json=body,
                      headers=other).status_code == 404  # fmt: skip
    draft = client.get(f"/api/v1/needs/{world['draft']}", headers=world["headers"]["maker_a"])
    assert draft.get_json()["status"] == "draft"


@pytest.mark.parametrize("who", CALLERS)
def test_need_matches_are_for_the_owner_and_staff(client, world, who):
    response = _get(client, world, who, f"/api/v1/needs/{world['need']}/studios")
    assert (response.status_code == 200) is (who in {"maker_a", "staff_a", "staff_b"})


@pytest.mark.parametrize("who", CALLERS)
def test_bid_counts_only_for_the_needs_owner_and_staff(client, world, who):
    need = _get(client, world, who, f"/api/v1/needs/{world['need']}").get_json()
    expected = 1 if who in {"maker_a", "staff_a", "staff_b"} else None
    assert need["bid_count"] == expected


@pytest.mark.parametrize("who", CALLERS)
def test_review_decisions_and_audit_are_for_staff_only(client, world, who):
    for url in ("/api/v1/review/decisions", "/api/v1/audit"):
        response = _get(client, world, who, url)
        expected = 200 if who.startswith("staff") else (401 if who == "visitor" else 403)
        assert response.status_code == expected, (url, response.get_json())


def test_a_studio_cannot_bid_on_a_need_after_its_deadline(app, client, world):
    with app.app_context():
        pass_deadline(world["other_need"])
    response = client.post(f"/api/v1/needs/{world['other_need']}/bids", json=BID,
                           headers=world["headers"]["studio_b"])  # fmt: skip
    assert response.status_code == 409
    assert "deadline" in response.get_json()["error"]["message"]
