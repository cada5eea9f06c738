"""/api/v1 as a client program sees it: tokens, errors, content types, pages, contacts, writes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import login
from tests.functional.api.conftest import bearer

BRIEF = "A battery pack enclosure for an electric delivery van, with thermal management."


def _list_studio(app, account, phone="023-6666-8888"):
    """Give the studio of a studio account a public profile with a phone number."""
    from marketplace.database import write_transaction
    from marketplace.models import Studio

    with app.app_context(), write_transaction() as session:
        studio = session.get(Studio, account.studio_id)
        studio.capability_statement = "Industrial design for battery systems and EV interiors."
        studio.contact_phone = phone


def test_a_token_is_shown_once_stored_hashed_and_revocable(app, studio_client):
    from marketplace.extensions import db
    from marketplace.models import ApiToken

    page = studio_client.post("/account/tokens", data={"name": "procurement system"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "shown only this once" in html
    secret = html.split('<code class="secret">', 1)[1].split("<", 1)[0]
    assert secret.startswith("cqd_")
    assert secret not in studio_client.get("/account").get_data(as_text=True)
    with app.app_context():
        stored = db.session.scalars(db.select(ApiToken)).one()
        assert stored.token_hash != secret and secret not in stored.token_hash
        assert stored.role == "studio" and stored.last_used_at is None
        token_id = stored.id
    client = app.test_client()
    assert client.get("/api/v1/me/bids", headers=bearer(secret)).status_code == 200
    with app.app_context():
        assert db.session.get(ApiToken, token_id).last_used_at is not None
    assert studio_client.post(f"/account/tokens/{token_id}/revoke").status_code == 302
    refused = client.get("/api/v1/me/bids", headers=bearer(secret))
    assert refused.status_code == 401
    assert refused.get_json()["error"]["code"] == "unauthorized"


def test_one_account_cannot_revoke_anothers_token(app, make_account, make_token):
    owner, other = make_account("manufacturer"), make_account("manufacturer")
    secret = make_token(owner)
    c = app.test_client()
    login(c, other)
    assert c.post("/account/tokens/1/revoke").status_code == 404
    assert app.test_client().get("/api/v1/me/needs", headers=bearer(secret)).status_code == 200


def test_a_token_stops_working_when_its_account_is_suspended(app, make_account, make_token):
    from marketplace.database import write_transaction
    from marketplace.models import User
    from marketplace.models._types import utcnow

    account = make_account("manufacturer")
    secret = make_token(account)
    with app.app_context(), write_transaction() as session:
        session.get(User, account.id).suspended_at = utcnow()
    assert app.test_client().get("/api/v1/me/needs", headers=bearer(secret)).status_code == 401


def test_the_api_ignores_the_cookie_session(manufacturer_client):
    """Logged in through the site but without a token: the API sees a visitor (no CSRF risk)."""
    response = manufacturer_client.post("/api/v1/needs", json={"title": "t", "description": "d"})
    assert response.status_code == 401
    assert manufacturer_client.get("/api/v1/me/needs").status_code == 401


def test_errors_have_one_shape_and_name_the_field(client, world):
    maker = world["headers"]["maker_a"]
    bad_page = client.get("/api/v1/scenarios?per_page=500")
    assert bad_page.status_code == 422
    assert bad_page.get_json()["error"]["field"] == "per_page"
    wrong_type = client.post("/api/v1/needs", data="title=x", headers=maker,
                             content_type="application/x-www-form-urlencoded")  # fmt: skip
    assert wrong_type.status_code == 415
    assert wrong_type.get_json()["error"]["code"] == "unsupported_media_type"
    unknown = client.post("/api/v1/needs", json={"title": "x", "description": "y", "colour": 1},
                          headers=maker)  # fmt: skip
    assert unknown.status_code == 422 and unknown.get_json()["error"]["field"] == "colour"
    short = client.post("/api/v1/needs", json={"title": "Pack", "description": BRIEF},
                        headers=maker)  # fmt: skip
    assert short.status_code == 422 and short.get_json()["error"]["field"] == "title"
    missing = client.get("/api/v1/scenarios/NOPE-99")
    assert missing.status_code == 404 and set(missing.get_json()["error"]) == {
        "code", "message", "field"}
    assert client.get("/api/v1/no-such-thing").get_json()["error"]["code"] == "not_found"


def test_a_manufacturer_posts_and_submits_a_need_through_the_services(client, world):
    maker = world["headers"]["maker_a"]
    deadline = (datetime.now(UTC) + timedelta(days=10)).isoformat()
    body = {"title": "Battery pack enclosure", "description": BRIEF, "industry": "NEV",
            "disciplines": ["ENG"], "budget_min": 100000, "budget_max": 200000,
            "bid_deadline": deadline}  # fmt: skip
    created = client.post("/api/v1/needs", json=body, headers=maker)
    assert created.status_code == 201, created.get_json()
    need = created.get_json()
    assert need["status"] == "draft" and need["disciplines"] == ["ENG"]
    assert client.get(f"/api/v1/needs/{need['id']}").status_code == 404  # not public yet
    submitted = client.post(f"/api/v1/needs/{need['id']}/submit", headers=maker)
    assert submitted.status_code == 200 and submitted.get_json()["status"] == "submitted"
    again = client.post(f"/api/v1/needs/{need['id']}/submit", headers=maker)
    assert again.status_code in (409, 422)


def test_a_studio_edits_and_withdraws_its_bid_until_the_deadline(client, world):
    studio = world["headers"]["studio_a"]
    url = f"/api/v1/bids/{world['bid']}"
    body = {"approach": "Clay model first, then CMF studies with drivers.", "price": 91000,
            "duration_weeks": 9}  # fmt: skip
    edited = client.put(url, json=body, headers=studio)
    assert edited.status_code == 200 and edited.get_json()["price"] == 91000
    withdrawn = client.post(url + "/withdraw", headers=studio)
    assert withdrawn.get_json()["status"] == "withdrawn"
    assert client.put(url, json=body, headers=studio).status_code == 409


# Contacts are exchanged only at shortlist or award (issue 19): a manufacturer browsing the
# directory does not see them; staff do (tests/functional/engagements covers the exchange).
@pytest.mark.parametrize(("who", "sees"), [("visitor", False), ("studio_b", False),
                                          ("maker_a", False), ("staff_a", True)])  # fmt: skip
def test_studio_contacts_only_for_staff_before_a_shortlist(app, client, world, who, sees):
    _list_studio(app, world["accounts"]["studio_a"])
    headers = world["headers"][who]
    listed = client.get("/api/v1/studios", headers=headers).get_json()["items"]
    one = client.get(f"/api/v1/studios/{world['accounts']['studio_a'].studio_id}",
                     headers=headers).get_json()  # fmt: skip
    assert [s["id"] for s in listed] == [world["accounts"]["studio_a"].studio_id]
    for shown in (listed[0], one):
        assert (shown["contact"] is not None) is sees
        assert ("023-6666-8888" in str(shown)) is sees


def test_lists_page_in_a_stable_order(client):
    first = client.get("/api/v1/scenarios?per_page=30&page=1").get_json()
    second = client.get("/api/v1/scenarios?per_page=30&page=2").get_json()
    codes = [s["code"] for s in first["items"] + second["items"]]
    assert first["total"] == 83 and first["pages"] == 3 and len(set(codes)) == 60
    again = client.get("/api/v1/scenarios?per_page=30&page=2").get_json()
    assert [s["code"] for s in again["items"]] == [s["code"] for s in second["items"]]
    nev = client.get("/api/v1/scenarios?industry=NEV&per_page=100").get_json()
    assert nev["total"] == 10 and all(s["industry"] == "NEV" for s in nev["items"])
    assert all(s["title_zh"] for s in nev["items"])


def test_rate_limits_are_per_token(app, make_account, make_token):
    app.config["RATELIMIT_ENABLED"] = True
    app.config["API_RATE_LIMIT"] = "3 per minute"
    from marketplace.extensions import limiter

    limiter.init_app(app)
    first, second = make_token(make_account("studio")), make_token(make_account("studio"))
    client = app.test_client()
    codes = [client.get("/api/v1/me/bids", headers=bearer(first)).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert client.get("/api/v1/me/bids", headers=bearer(second)).status_code == 200
    limited = client.get("/api/v1/me/bids", headers=bearer(first)).get_json()
    assert limited["error"]["code"] == "rate_limited"


def test_the_docs_page_lists_operations_without_inline_script(client):
    page = client.get("/api/v1/docs")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "/api/v1/needs/{need_id}/bids" in html
    assert "<script" not in html.split("</header>", 1)[-1]
    assert "'unsafe-inline'" not in page.headers["Content-Security-Policy"]
