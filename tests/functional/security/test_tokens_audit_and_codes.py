"""API tokens that hold, the audit trail, and the one-time code after distributed guessing."""

from __future__ import annotations

import re
import shutil

import pytest
from sqlalchemy import select

from marketplace.services.bids import submitting
from marketplace.services.needs import lifecycle
from tests.conftest import PASSWORD, make_app


def _actions(app) -> list[str]:
    from marketplace.extensions import db
    from marketplace.models import AuditEntry

    with app.app_context():
        return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def _token(app, account_id: int, name: str = "erp") -> str:
    from marketplace.extensions import db
    from marketplace.models import User
    from marketplace.services.accounts import personal_tokens

    with app.app_context():
        return personal_tokens.create(db.session.get(User, account_id), name)[1]


@pytest.mark.parametrize(
    "spelling", ["Bearer {s}", "bearer {s}", "BEARER {s}", "Bearer  {s}", "Bearer\t{s}",
                 "Bearer {s} "],
)  # fmt: skip
def test_every_spelling_of_the_header_shares_one_rate_limit_bucket(
    tmp_path, template_db, make_account, spelling
):
    db_file = tmp_path / "rl.db"
    shutil.copy(template_db, db_file)
    app = make_app(tmp_path, db_file, RATELIMIT_ENABLED=True, API_RATE_LIMIT="3 per minute")
    from marketplace.extensions import limiter

    with app.app_context():
        limiter.reset()
        from marketplace.services.accounts import accounts

        user = accounts.register("studio", "Bucket Studio", "bucket@example.com", PASSWORD)
    secret = _token(app, user.id)
    client = app.test_client()
    for _ in range(3):
        assert (
            client.get(
                "/api/v1/industries", headers={"Authorization": f"Bearer {secret}"}
            ).status_code
            == 200
        )
    respelt = {"Authorization": spelling.format(s=secret)}
    assert client.get("/api/v1/industries", headers=respelt).status_code == 429


def test_changing_the_password_revokes_every_api_token_and_is_audited(app, studio_client):
    secret = _token(app, studio_client.account.id)
    headers = {"Authorization": f"Bearer {secret}"}
    assert studio_client.get("/api/v1/me/bids", headers=headers).status_code == 200
    page = studio_client.get("/account").get_data(as_text=True)
    assert "revokes every API token" in page
    response = studio_client.post("/account", data={
        "current_password": PASSWORD, "new_password": "another long passphrase 42",
        "confirm": "another long passphrase 42"})  # fmt: skip
    assert response.status_code == 302
    assert app.test_client().get("/api/v1/me/bids", headers=headers).status_code == 401
    assert "password-changed" in _actions(app)


def test_a_password_reset_revokes_every_api_token(app, make_account):
    from marketplace.extensions import db
    from marketplace.models import User
    from marketplace.services.accounts import password_reset

    account = make_account("manufacturer")
    secret = _token(app, account.id)
    with app.app_context():
        token = password_reset.make_token(db.session.get(User, account.id))
        password_reset.reset_password(token, "a brand new passphrase 7")
    headers = {"Authorization": f"Bearer {secret}"}
    assert app.test_client().get("/api/v1/industries", headers=headers).status_code == 401
    assert "password-reset" in _actions(app)


def test_creating_and_revoking_tokens_is_audited(app, studio_client):
    page = studio_client.post("/account/tokens", data={"name": "procurement"})
    assert page.status_code == 200
    from marketplace.extensions import db
    from marketplace.models import ApiToken

    with app.app_context():
        token_id = db.session.scalar(select(ApiToken.id))
    studio_client.post(f"/account/tokens/{token_id}/revoke")
    actions = _actions(app)
    assert "api-token-created" in actions and "api-token-revoked" in actions


def test_logout_is_audited(app, studio_client):
    studio_client.post("/logout")
    assert _actions(app)[-1] == "logout"


def test_need_publish_return_and_bid_award_are_audited(app, manufacturer_client, staff_client,
                                                      make_account):  # fmt: skip
    from marketplace.policies import Actor
    from tests.bid_helpers import bid_input, make_need, pass_deadline

    studio = make_account("studio")
    with app.app_context():
        submitted = make_need(manufacturer_client.account.id, status="submitted")
        other = make_need(manufacturer_client.account.id, status="submitted")
        lifecycle.publish(staff_client.account.actor, submitted)
        lifecycle.return_need(staff_client.account.actor, other, "Please add the budget range.")
        bid = submitting.submit(
            Actor(studio.id, "studio", studio.studio_id), submitted, bid_input()
        ).id
        pass_deadline(submitted)
    response = manufacturer_client.post(f"/needs/{submitted}/bids/award",
                                        data={"bid_id": str(bid)})  # fmt: skip
    assert response.status_code == 303
    actions = _actions(app)
    for key in ("need-published", "need-returned", "bid-awarded"):
        assert key in actions, key


def test_repeated_403s_from_one_actor_are_aggregated(app, studio_client):
    for _ in range(25):
        assert studio_client.get("/staff/review").status_code == 403
    actions = _actions(app)
    assert actions.count("access-denied") == 1
    assert actions.count("access-denied-repeated") == 1  # the 10th; the next row is the 100th
    from marketplace.extensions import db
    from marketplace.models import AuditEntry

    with app.app_context():
        row = db.session.scalar(
            select(AuditEntry).where(AuditEntry.action == "access-denied-repeated")
        )
        assert row.after["count"] == 10


# --- distributed guessing ----------------------------------------------------------------------


@pytest.fixture
def guarded(tmp_path, template_db):
    """An app with the login limits on, three failures per account before a code is needed."""
    db_file = tmp_path / "guard.db"
    shutil.copy(template_db, db_file)
    app = make_app(tmp_path, db_file, RATELIMIT_ENABLED=True, LOGIN_ACCOUNT_FAILURES=3,
                   LOGIN_RATE_LIMIT="1000 per minute")  # fmt: skip
    with app.app_context():
        from marketplace.services.accounts import accounts

        accounts.register("studio", "Owner Studio", "owner@example.com", PASSWORD)
    return app


def _login(client, password, addr):
    return client.post("/login", data={"email": "owner@example.com", "password": password},
                       environ_base={"REMOTE_ADDR": addr})  # fmt: skip


def _mailed_code(app) -> str:
    outbox = getattr(app.extensions["mailman"], "outbox", [])
    assert outbox, "no e-mail was sent"
    return re.search(r"\b(\d{6})\b", outbox[-1].body).group(1)


def test_after_distributed_guessing_the_right_password_alone_is_not_enough(guarded):
    for i in range(3):  # three addresses, one guess each: no address or pair limit trips
        assert _login(guarded.test_client(), f"wrong guess {i}", f"10.0.0.{i}").status_code == 400
    owner = guarded.test_client()
    response = _login(owner, PASSWORD, "10.9.9.9")
    assert response.status_code == 303 and response.headers["Location"].endswith("/login/code")
    assert owner.get("/account").status_code == 302  # not signed in yet
    code = _mailed_code(guarded)
    assert owner.post("/login/code", data={"code": "000000" if code != "000000" else "111111"}
                      ).status_code == 400  # fmt: skip
    response = owner.post("/login/code", data={"code": code})
    assert response.status_code == 302 and response.headers["Location"].endswith("/dashboard")
    assert owner.get("/account").status_code == 200
    assert "login-code-sent" in _actions(guarded)


def test_a_wrong_password_under_guard_looks_the_same_and_sends_nothing(guarded):
    for i in range(3):
        _login(guarded.test_client(), f"wrong guess {i}", f"10.0.1.{i}")
    attacker = guarded.test_client()
    response = _login(attacker, "yet another guess", "10.0.1.99")
    assert response.status_code == 303 and response.headers["Location"].endswith("/login/code")
    assert not getattr(guarded.extensions["mailman"], "outbox", [])
    for _ in range(5):
        attacker.post("/login/code", data={"code": "123456"})
    assert attacker.get("/account").status_code == 302


def test_below_the_account_threshold_the_owner_signs_in_directly(guarded):
    _login(guarded.test_client(), "one wrong guess", "10.0.2.1")
    response = _login(guarded.test_client(), PASSWORD, "10.0.2.2")
    assert response.status_code == 302 and response.headers["Location"].endswith("/dashboard")


def test_two_app_instances_sharing_redis_share_one_count(tmp_path, template_db, fresh_redis):
    db_file = tmp_path / "shared.db"
    shutil.copy(template_db, db_file)
    settings = {"RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": fresh_redis,
                "LOGIN_ACCOUNT_FAILURES": 4, "LOGIN_RATE_LIMIT": "1000 per minute"}  # fmt: skip
    first = make_app(tmp_path / "a", db_file, **settings)
    second = make_app(tmp_path / "b", db_file, **settings)
    with first.app_context():
        from marketplace.services.accounts import accounts

        accounts.register("studio", "Shared Studio", "owner@example.com", PASSWORD)
    for i in range(2):
        _login(first.test_client(), f"wrong {i}", f"10.1.0.{i}")
        _login(second.test_client(), f"wrong again {i}", f"10.1.1.{i}")
    with second.app_context():
        from marketplace.services.accounts import login_codes

        assert login_codes.code_required("owner@example.com")  # 2 + 2 = 4, counted as one
    response = _login(first.test_client(), PASSWORD, "10.1.2.1")
    assert response.headers["Location"].endswith("/login/code")
