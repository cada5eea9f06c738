"""Each kind of input that used to get a 500 now gets a clear 4xx (issue 24, item 1)."""

from __future__ import annotations

import json

import pytest

from tests.bid_helpers import bid_input, make_need, pass_deadline
from tests.conftest import PASSWORD
from tests.functional.needs.test_need_pages import form_data

SUPERSCRIPT, CIRCLED, ARABIC = "\u00b2", "\u2460", "\u0661"


@pytest.mark.parametrize("digit", [SUPERSCRIPT, CIRCLED, ARABIC, "99999999999999999999999"])
@pytest.mark.parametrize("name", ["budget_from", "budget_to", "page"])
def test_needs_list_refuses_non_ascii_or_huge_numbers_naming_the_parameter(client, digit, name):
    response = client.get("/needs", query_string={name: digit})
    assert response.status_code == 400
    assert name in response.get_data(as_text=True)


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "2026-13-01"])
def test_needs_list_refuses_dates_outside_2000_to_2100(client, day):
    response = client.get("/needs", query_string={"deadline_before": day})
    assert response.status_code == 400
    assert "2100-12-31" in response.get_data(as_text=True)


@pytest.fixture
def decided_need(app, manufacturer_client, make_account):
    """The manufacturer's need with one studio's bid, past its deadline."""
    from marketplace.policies import Actor
    from marketplace.services.bids import submitting

    studio = make_account("studio")
    with app.app_context():
        need_id = make_need(manufacturer_client.account.id)
        actor = Actor(studio.id, "studio", studio.studio_id)
        bid = submitting.submit(actor, need_id, bid_input()).id
        pass_deadline(need_id)
    return need_id, bid


@pytest.mark.parametrize("value", [SUPERSCRIPT, CIRCLED, "9" * 30])
def test_award_with_a_strange_bid_id_is_refused_and_nothing_changes(
    manufacturer_client, decided_need, value
):
    need_id, _bid_id = decided_need
    response = manufacturer_client.post(f"/needs/{need_id}/bids/award", data={"bid_id": value})
    assert response.status_code == 303
    page = manufacturer_client.get(f"/needs/{need_id}/bids").get_data(as_text=True)
    assert "Choose the bid to award." in page


@pytest.mark.parametrize("action", ["award", "close"])
def test_reason_keys_with_unicode_digits_are_ignored_not_a_500(
    manufacturer_client, decided_need, action
):
    need_id, bid_id = decided_need
    data = {"bid_id": str(bid_id), f"reason_{SUPERSCRIPT}": "budget", f"reason_{CIRCLED}": "x"}
    response = manufacturer_client.post(f"/needs/{need_id}/bids/{action}", data=data)
    assert response.status_code in (303, 400, 409)


@pytest.mark.parametrize(
    ("path", "data"),
    [("/staff/review/decide", {"row_id": SUPERSCRIPT, "reason": "approved:good-fit"}),
     ("/staff/review/decide", {"row_id": "9" * 25}),
     ("/staff/review/bulk", {"pick": f"{CIRCLED}:token"})],
)  # fmt: skip
def test_staff_decision_forms_refuse_unicode_digits_with_a_400(staff_client, path, data):
    response = staff_client.post(path, data=data)
    assert response.status_code == 400
    assert "must be a number" in response.get_data(as_text=True)


@pytest.mark.parametrize("ids", [["99999999999999999999999"], [SUPERSCRIPT], ["1", "-3"]])
def test_invitations_refuse_ids_the_database_cannot_hold(app, manufacturer_client, ids):
    with app.app_context():
        need_id = make_need(manufacturer_client.account.id)
    response = manufacturer_client.post(f"/needs/{need_id}/invite", data={"studio_ids": ids})
    assert response.status_code == 400
    assert "by their ids" in response.get_data(as_text=True)


def test_invite_from_a_scenario_with_a_huge_need_id_is_a_400(manufacturer_client):
    response = manufacturer_client.post(
        "/scenarios/NEV-01/invite", data={"need_id": "9" * 40, "studio_ids": ["1"]}
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("field", "value"),
    [("bid_deadline", "0001-01-01T00:00"), ("bid_deadline", "9999-12-31T23:59"),
     ("delivery_date", "0001-01-01"), ("delivery_date", "9999-01-01"),
     ("budget_min", SUPERSCRIPT), ("budget_max", "9" * 30)],
)  # fmt: skip
def test_need_form_refuses_extreme_dates_and_numbers_naming_the_field(
    manufacturer_client, field, value
):
    response = manufacturer_client.post("/needs/new", data=form_data(**{field: value}))
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "between 2000-01-01 and 2100-12-31" in html or "Give a whole number" in html


def test_need_form_accepts_a_normal_deadline_and_delivery_date(manufacturer_client):
    response = manufacturer_client.post("/needs/new", data=form_data(delivery_date="2099-06-01"))
    assert response.status_code == 302


@pytest.mark.parametrize("title", ["\x00" * 12, "!!!!!....???", "\x00\x01\x02--**"])
def test_a_need_title_without_letters_is_refused(manufacturer_client, title):
    response = manufacturer_client.post("/needs/new", data=form_data(title=title))
    assert response.status_code == 400
    assert "must contain letters" in response.get_data(as_text=True) or "characters" in (
        response.get_data(as_text=True)
    )


def test_control_characters_never_reach_a_stored_title(app, manufacturer_client):
    from marketplace.extensions import db
    from marketplace.models import Need

    response = manufacturer_client.post(
        "/needs/new", data=form_data(title="Charging\x00 post\x1b housing\u202e")
    )
    assert response.status_code == 302
    with app.app_context():
        titles = [n.title for n in db.session.scalars(db.select(Need))]
    assert titles == ["Charging post housing"]


# --- API bodies -------------------------------------------------------------------------------


@pytest.fixture
def maker_token(app, manufacturer_client):
    from marketplace.extensions import db
    from marketplace.models import User
    from marketplace.services.accounts import personal_tokens

    with app.app_context():
        user = db.session.get(User, manufacturer_client.account.id)
        _t, secret = personal_tokens.create(user, "t")
    return {"Authorization": f"Bearer {secret}", "Content-Type": "application/json"}


def test_deeply_nested_json_is_a_400_before_parsing(client, maker_token):
    body = "[" * 50_000 + "]" * 50_000
    response = client.post("/api/v1/needs", data=body, headers=maker_token)
    assert response.status_code == 400
    assert "nests deeper" in response.get_json()["error"]["message"]


def test_an_oversized_json_body_is_a_413(client, maker_token):
    body = json.dumps({"title": "x" * 300_000})
    assert client.post("/api/v1/needs", data=body, headers=maker_token).status_code == 413


@pytest.mark.parametrize("text", ['"\\ud800 lone"', '"tail \\udfff"'])
def test_a_lone_surrogate_in_json_is_a_422(client, maker_token, text):
    body = f'{{"title": {text}, "description": "x"}}'
    response = client.post("/api/v1/needs", data=body, headers=maker_token)
    assert response.status_code == 422
    assert "surrogate" in response.get_json()["error"]["message"]


def test_a_proper_surrogate_pair_is_fine_json(client, maker_token):
    body = json.dumps({"title": "Emoji \U0001f600 housing", "description": "d" * 40,
                       "industry": "NEV"}, ensure_ascii=True)  # fmt: skip
    assert client.post("/api/v1/needs", data=body, headers=maker_token).status_code == 201


@pytest.mark.parametrize("value", ['"\u00b2"', '"\u0661\u0662"', "1e30", str(2**70)])
def test_api_integers_must_be_ascii_and_fit_a_column(client, maker_token, value):
    body = '{{"title": "Housing", "description": "{}", "budget_min": {}}}'.format("d" * 40, value)
    response = client.post("/api/v1/needs", data=body, headers=maker_token)
    assert response.status_code == 422
    assert response.get_json()["error"]["field"] == "budget_min"


def test_api_query_integers_refuse_arabic_indic_digits(client):
    assert client.get("/api/v1/needs?page=%D9%A1").status_code == 422


# --- redirects -------------------------------------------------------------------------------


HOSTILE_NEXT = [
    "/\t/evil.example", "/\n/evil.example", "/x\ny", "/\r\nSet-Cookie: a=b",
    "//evil.example", "/\\evil.example", "https://evil.example/", "/ /evil",
]  # fmt: skip


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_staff_reauth_never_sends_anyone_off_site(staff_client, target):
    page = staff_client.get("/staff/reauth", query_string={"next": target})
    assert page.status_code == 200
    response = staff_client.post(
        "/staff/reauth", query_string={"next": target}, data={"password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/staff/review"


def test_staff_reauth_follows_a_same_site_next(staff_client):
    response = staff_client.post(
        "/staff/reauth?next=/staff/audit", data={"password": PASSWORD}
    )
    assert response.headers["Location"] == "/staff/audit"


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_language_switch_and_review_return_to_stay_on_site(client, staff_client, target):
    response = client.post("/language", data={"lang": "en", "next": target})
    assert response.headers["Location"] == "/"
    response = staff_client.post(
        "/staff/review/decide", data={"row_id": "1", "return_to": "/staff/review" + target}
    )
    assert "evil" not in response.headers.get("Location", "")
