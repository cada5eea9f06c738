"""The API's decisions: award, decline and shortlist a bid (the need's manufacturer, after the
deadline), and the commission's review decisions (approve, reject, withdraw), with the same
policies as the pages: another party's need is a 404, another role a 403, a bad body a 422 naming
the field, a step the state refuses a 409."""

from __future__ import annotations

import pytest

from tests.bid_helpers import bid_input, pass_deadline
from tests.functional.decisions.conftest import make_public, upsert


@pytest.fixture
def bidding_over(app, world):
    """Maker A's need with bids of studio A and studio B, its deadline passed."""
    from marketplace.services.bids import submitting

    with app.app_context():
        studio_b = world["accounts"]["studio_b"]
        other = submitting.submit(studio_b.actor, world["need"], bid_input(price=130_000)).id
        pass_deadline(world["need"])
    return {**world, "other_bid": other}


def _post(client, world, role: str, path: str, body: dict):
    return client.post(f"/api/v1{path}", json=body, headers=world["headers"][role])


def test_the_manufacturer_awards_one_bid_and_the_other_is_declined_with_its_reason(
    client, bidding_over
):
    w = bidding_over
    body = {"bid_id": w["bid"], "declines": [{"bid_id": w["other_bid"], "reason": "price"}]}
    response = _post(client, w, "maker_a", f"/needs/{w['need']}/award", body)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["status"] == "awarded"
    mine = client.get("/api/v1/me/bids", headers=w["headers"]["studio_b"]).get_json()
    (declined,) = mine["items"]
    assert (declined["status"], declined["decline_reason"]) == ("declined", "price")
    need = client.get(f"/api/v1/needs/{w['need']}", headers=w["headers"]["maker_a"]).get_json()
    assert need["status"] == "awarded"
    again = _post(client, w, "maker_a", f"/needs/{w['need']}/award", body)
    assert again.status_code == 409  # the need is awarded already


def test_award_without_a_reason_for_every_other_bidder_changes_nothing(client, bidding_over):
    w = bidding_over
    response = _post(client, w, "maker_a", f"/needs/{w['need']}/award", {"bid_id": w["bid"]})
    assert response.status_code == 422
    assert response.get_json()["error"]["field"] == f"reason_{w['other_bid']}"
    need = client.get(f"/api/v1/needs/{w['need']}", headers=w["headers"]["maker_a"]).get_json()
    assert need["status"] == "published"


@pytest.mark.parametrize(
    ("role", "status"),
    [("maker_b", 404), ("studio_a", 403), ("staff_a", 403), ("visitor", 401)],
)
def test_only_the_needs_manufacturer_decides(client, bidding_over, role, status):
    w = bidding_over
    for path, body in (
        ("award", {"bid_id": w["bid"], "declines": [
            {"bid_id": w["other_bid"], "reason": "price"}]}),
        ("decline", {"bid_id": w["bid"], "reason": "timeline"}),
        ("shortlist", {"bid_id": w["bid"]}),
    ):  # fmt: skip
        response = _post(client, w, role, f"/needs/{w['need']}/{path}", body)
        assert response.status_code == status, (path, response.get_json())
    mine = client.get("/api/v1/me/bids", headers=w["headers"]["studio_a"]).get_json()
    assert [b["status"] for b in mine["items"]] == ["submitted"]


def test_decline_and_shortlist_follow_the_pages_rules(client, bidding_over):
    w = bidding_over
    need = f"/needs/{w['need']}"
    shortlisted = _post(client, w, "maker_a", f"{need}/shortlist", {"bid_id": w["bid"]})
    assert shortlisted.get_json()["status"] == "shortlisted"
    declined = _post(client, w, "maker_a", f"{need}/decline",
                     {"bid_id": w["other_bid"], "reason": "other", "note": "Too far away."})
    assert (declined.status_code, declined.get_json()["status"]) == (200, "declined")
    twice = _post(client, w, "maker_a", f"{need}/decline",
                  {"bid_id": w["other_bid"], "reason": "price"})
    assert twice.status_code == 409


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"bid_id": 1, "reason": "cheaper"}, "reason"),
        ({"reason": "price"}, "bid_id"),
        ({"bid_id": 1, "reason": "price", "colour": "red"}, "colour"),
        ({"bid_id": "one", "reason": "price"}, "bid_id"),
    ],
)
def test_a_bad_decline_body_names_the_field(client, bidding_over, body, field):
    response = _post(client, bidding_over, "maker_a", f"/needs/{bidding_over['need']}/decline",
                     body)  # fmt: skip
    assert response.status_code == 422
    assert response.get_json()["error"]["field"] == field


def test_other_reason_needs_a_note(client, bidding_over):
    w = bidding_over
    response = _post(client, w, "maker_a", f"/needs/{w['need']}/decline",
                     {"bid_id": w["bid"], "reason": "other"})
    assert response.status_code == 422
    assert response.get_json()["error"]["field"] == f"note_{w['bid']}"


def test_before_the_deadline_bids_stay_sealed(client, world):
    response = _post(client, world, "maker_a", f"/needs/{world['need']}/shortlist",
                     {"bid_id": world["bid"]})  # fmt: skip
    assert response.status_code == 409


# ---------------------------------------------------------------- commission review decisions


@pytest.fixture
def proposal(app, world):
    """Studio A proposed (strong) for scenario NEV-01: one proposal in the review queue."""
    from marketplace.models.matching import SCENARIO_TO_STUDIO

    sid = world["accounts"]["studio_a"].studio_id
    with app.app_context():
        make_public(sid, "Seat Comfort Co")
        upsert(SCENARIO_TO_STUDIO, "NEV-01", [(str(sid), "strong", 1.6)])
    return world


def _queue(client, world, role="staff_a"):
    return client.get("/api/v1/review/proposals", headers=world["headers"][role])


def test_staff_approve_a_proposal_then_withdraw_the_decision(client, proposal):
    w = proposal
    queue = _queue(client, w).get_json()
    (item,) = queue["items"]
    assert (item["source"], item["target_name"], queue["total"]) == (
        "scenario:NEV-01", "Seat Comfort Co", 1)
    body = {"token": item["token"], "verdict": "approved", "reason": "good-fit"}
    made = _post(client, w, "staff_a", f"/review/proposals/{item['row_id']}/decision", body)
    assert made.status_code == 201, made.get_json()
    decision = made.get_json()
    assert (decision["verdict"], decision["target"]) == ("approved", item["target"])
    assert _queue(client, w).get_json()["total"] == 0
    again = _post(client, w, "staff_a", f"/review/proposals/{item['row_id']}/decision", body)
    assert again.status_code == 409  # decided already: the token is stale
    path = f"/review/decisions/{decision['id']}/withdraw"
    withdrawn = _post(client, w, "staff_b", path, {"note": "Checked again."})
    assert (withdrawn.status_code, withdrawn.get_json()["verdict"]) == (200, "withdrawn")
    assert _queue(client, w).get_json()["total"] == 1  # back in the queue
    assert _post(client, w, "staff_a", path, {}).status_code == 409  # twice: refused


def test_staff_reject_with_a_reason_of_its_verdict(client, proposal):
    w = proposal
    (item,) = _queue(client, w).get_json()["items"]
    path = f"/review/proposals/{item['row_id']}/decision"
    wrong = _post(client, w, "staff_a", path,
                  {"token": item["token"], "verdict": "rejected", "reason": "good-fit"})
    assert (wrong.status_code, wrong.get_json()["error"]["field"]) == (422, "reason_code")
    bad = _post(client, w, "staff_a", path,
                {"token": item["token"], "verdict": "maybe", "reason": "capacity"})
    assert (bad.status_code, bad.get_json()["error"]["field"]) == (422, "verdict")
    made = _post(client, w, "staff_a", path,
                 {"token": item["token"], "verdict": "rejected", "reason": "capacity"})
    assert made.get_json()["verdict"] == "rejected"


@pytest.mark.parametrize(("role", "status"), [("maker_a", 403), ("studio_a", 403),
                                              ("visitor", 401)])
def test_only_staff_review(client, proposal, role, status):
    w = proposal
    assert _queue(client, w, role).status_code == status
    (item,) = _queue(client, w).get_json()["items"]
    body = {"token": item["token"], "verdict": "approved", "reason": "good-fit"}
    path = f"/review/proposals/{item['row_id']}/decision"
    assert _post(client, w, role, path, body).status_code == status
    assert _queue(client, w).get_json()["total"] == 1


def test_a_missing_proposal_or_decision_is_a_404(client, proposal):
    body = {"token": "x", "verdict": "approved", "reason": "good-fit"}
    assert _post(client, proposal, "staff_a", "/review/proposals/999999/decision",
                 body).status_code == 404  # fmt: skip
    assert _post(client, proposal, "staff_a", "/review/decisions/999999/withdraw",
                 {}).status_code == 404  # fmt: skip


def test_the_api_offers_exactly_the_pages_decline_reasons():
    from marketplace.api.schemas import DECLINE_REASON_CODES
    from marketplace.services.bids.bid_reasons import DECLINE_REASONS

    assert set(DECLINE_REASON_CODES) == set(DECLINE_REASONS)
