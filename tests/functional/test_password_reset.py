"""Password reset by e-mail: the same answer for known and unknown addresses, a working link,
and links that are refused once used, expired, tampered with or outdated; throttled."""

from __future__ import annotations

import re

import pytest

from tests.conftest import PASSWORD, make_app

NEW = "a brand new passphrase for the account"


def mails(app) -> list:
    """Messages the locmem backend collected."""
    return getattr(app.extensions["mailman"], "outbox", [])


def link_in(message) -> str:
    """The reset path in an e-mail."""
    match = re.search(r"(/reset-password/[A-Za-z0-9_.\-]+)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.fixture
def account(app, make_account):
    app.config["MAIL_LANGUAGE"] = "en"
    return make_account("manufacturer", email="maker@example.com")


def test_the_answer_is_the_same_with_or_without_an_account(app, client, account):
    known = client.post("/forgot-password", data={"email": "maker@example.com"},
                        follow_redirects=True)  # fmt: skip
    unknown = client.post("/forgot-password", data={"email": "nobody@example.com"},
                          follow_redirects=True)  # fmt: skip
    assert known.status_code == unknown.status_code == 200
    strip = lambda r: r.get_data(as_text=True).replace("csrf", "")  # noqa: E731
    assert "reset link is on its way" in strip(known)
    assert strip(known) == strip(unknown)
    assert [m.to for m in mails(app)] == [["maker@example.com"]]


def test_a_reset_link_works_once_and_ends_old_sessions(app, client, account):
    old_session = app.test_client()
    old_session.post("/login", data={"email": account.email, "password": PASSWORD})
    client.post("/forgot-password", data={"email": "MAKER@example.com "})
    path = link_in(mails(app)[-1])
    assert "Reset your password" in mails(app)[-1].subject
    assert client.get(path).status_code == 200
    done = client.post(path, data={"password": NEW, "confirm": NEW})
    assert done.status_code == 302
    assert client.post("/login", data={"email": account.email, "password": NEW}).status_code == 302
    assert old_session.get("/account").status_code == 302  # logged out: sent to the login page
    other = "yet another long passphrase"
    reused = app.test_client().post(path, data={"password": other, "confirm": other})
    assert reused.status_code == 400
    assert "expired or was already used" in reused.get_data(as_text=True)


def test_an_expired_link_is_refused(app, client, account):
    client.post("/forgot-password", data={"email": account.email})
    path = link_in(mails(app)[-1])
    app.config["PASSWORD_RESET_MAX_AGE"] = -1
    response = client.get(path)
    assert response.status_code == 400
    assert "expired" in response.get_data(as_text=True)


def test_a_tampered_link_is_refused_and_the_password_stays(app, client, account):
    client.post("/forgot-password", data={"email": account.email})
    path = link_in(mails(app)[-1])
    response = client.post(path[:-3] + "xyz", data={"password": NEW, "confirm": NEW})
    assert response.status_code == 400
    login = client.post("/login", data={"email": account.email, "password": PASSWORD})
    assert login.status_code == 302


def test_a_short_new_password_is_refused_with_a_message(app, client, account):
    client.post("/forgot-password", data={"email": account.email})
    response = client.post(link_in(mails(app)[-1]), data={"password": "short", "confirm": "short"})
    assert response.status_code == 400
    assert "12" in response.get_data(as_text=True)


def test_a_malformed_address_gets_a_message_not_a_500(client):
    response = client.post("/forgot-password", data={"email": "not an address"})
    assert response.status_code == 400
    assert "email" in response.get_data(as_text=True).lower()


def test_asking_again_and_again_is_throttled(tmp_path, template_db, account):
    import shutil

    db_file = tmp_path / "throttle.db"
    shutil.copy(template_db, db_file)
    throttled = make_app(tmp_path, db_file, RATELIMIT_ENABLED=True, RESET_RATE_LIMIT="3 per hour")
    c = throttled.test_client()
    codes = [c.post("/forgot-password", data={"email": "a@example.com"}).status_code
             for _ in range(4)]  # fmt: skip
    assert codes[:3] == [302, 302, 302] and codes[3] == 429
