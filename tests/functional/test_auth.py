"""Accounts: registration, login, logout everywhere, roles and CSRF."""

from __future__ import annotations

from tests.conftest import PASSWORD, csrf_token_from, login


def text(response) -> str:
    return response.get_data(as_text=True)


def register(client, **overrides):
    data = {
        "role": "studio",
        "organisation_name": "Jiangbei Form Lab",
        "email": "hello@formlab.cn",
        "password": PASSWORD,
        "confirm": PASSWORD,
    }
    data.update(overrides)
    return client.post("/register", data=data)


def test_register_as_manufacturer_logs_in_and_lands_on_dashboard(client):
    response = register(client, role="manufacturer", organisation_name="Yubei Motor Parts")
    assert response.status_code == 302
    dashboard = client.get("/dashboard", follow_redirects=True)
    assert dashboard.status_code == 200
    assert "Yubei Motor Parts" in text(dashboard)


def test_register_as_studio_creates_its_profile(app, client):
    from marketplace.extensions import db
    from marketplace.models import User

    assert register(client).status_code == 302
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == "hello@formlab.cn"))
        assert user.role == "studio"
        assert user.studio is not None and user.studio.name == "Jiangbei Form Lab"
        assert user.password_hash.startswith("pbkdf2:sha256:1000$")  # TestingConfig's method


def test_passwords_are_stored_with_scrypt_outside_tests(tmp_path):
    from marketplace.config import Config, ProductionConfig
    from marketplace.services.accounts import accounts
    from tests.conftest import make_app

    assert getattr(ProductionConfig, "PASSWORD_HASH_METHOD", None) is None
    assert getattr(Config, "PASSWORD_HASH_METHOD", None) is None
    app = make_app(tmp_path, tmp_path / "scrypt.db", PASSWORD_HASH_METHOD=None)
    with app.app_context():
        stored = accounts.hash_password("correct horse battery")
        assert stored.startswith("scrypt:")
        assert accounts.check_password_hash(stored, "correct horse battery")


def test_register_rejects_short_password_and_keeps_input(client):
    response = register(client, password="short", confirm="short")
    assert response.status_code == 400
    page = text(response)
    assert "at least 12 characters" in page.lower()
    assert 'value="Jiangbei Form Lab"' in page


def test_register_rejects_duplicate_email_case_insensitively(client):
    register(client)
    client.post("/logout")
    response = register(client, email="HELLO@formlab.cn")
    assert response.status_code == 400
    assert "already exists" in text(response)


def test_register_rejects_bad_email_and_staff_role(client):
    assert "email" in text(register(client, email="not-an-email")).lower()
    response = register(client, role="staff", email="x@example.com")
    assert response.status_code == 400


def test_login_with_wrong_password_fails_without_saying_which_part(client, make_account):
    account = make_account("studio")
    response = client.post("/login", data={"email": account.email, "password": "wrong password!"})
    assert response.status_code == 400
    assert "Email or password is not right" in text(response)
    response = client.post("/login", data={"email": "nobody@example.com", "password": PASSWORD})
    assert "Email or password is not right" in text(response)


def test_login_follows_only_local_next(client, make_account):
    account = make_account("manufacturer")
    data = {"email": account.email, "password": account.password}
    response = client.post("/login?next=https://evil.example/x", data=data)
    assert response.headers["Location"] == "/dashboard"
    client.post("/logout")
    response = client.post("/login?next=/scenarios/NEV-01", data=data)
    assert response.headers["Location"] == "/scenarios/NEV-01"


def test_protected_page_sends_visitor_to_login(client):
    response = client.get("/manufacturer")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_studio_cannot_open_manufacturer_or_staff_pages(studio_client):
    assert studio_client.get("/manufacturer").status_code == 403
    assert studio_client.get("/staff").status_code == 403


def test_manufacturer_cannot_open_staff_page(manufacturer_client):
    assert manufacturer_client.get("/staff").status_code == 403


def test_staff_sees_the_commission_dashboard(staff_client):
    response = staff_client.get("/staff")
    assert response.status_code == 200
    assert "83" in text(response)


def test_logout_requires_post(studio_client):
    assert studio_client.get("/logout").status_code == 405


def test_replayed_session_cookie_is_rejected_after_logout(app, make_account):
    account = make_account("manufacturer")
    browser = app.test_client()
    login(browser, account)
    stolen = browser.get_cookie("session").value
    assert browser.get("/manufacturer").status_code == 200
    browser.post("/logout")

    attacker = app.test_client()
    attacker.set_cookie("session", stolen)
    response = attacker.get("/manufacturer")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_logout_ends_sessions_in_other_browsers_too(app, make_account):
    account = make_account("manufacturer")
    laptop, phone = app.test_client(), app.test_client()
    login(laptop, account)
    login(phone, account)
    laptop.post("/logout")
    assert phone.get("/manufacturer").status_code == 302


def test_password_change_ends_other_sessions_and_keeps_this_one(app, make_account):
    account = make_account("studio")
    laptop, phone = app.test_client(), app.test_client()
    login(laptop, account)
    login(phone, account)
    new = "a brand new long passphrase"
    response = laptop.post(
        "/account",
        data={"current_password": account.password, "new_password": new, "confirm": new},
    )
    assert response.status_code == 302
    assert laptop.get("/account").status_code == 200
    assert phone.get("/account").status_code == 302
    fresh = app.test_client()
    assert fresh.post("/login", data={"email": account.email, "password": new}).status_code == 302


def test_password_change_with_wrong_current_password_changes_nothing(app, studio_client):
    response = studio_client.post(
        "/account",
        data={
            "current_password": "not my password",
            "new_password": "another long passphrase",
            "confirm": "another long passphrase",
        },
    )
    assert response.status_code == 400
    assert "not your current password" in text(response)
    again = app.test_client()
    login(again, studio_client.account)


def test_post_without_csrf_token_is_rejected(csrf_app):
    client = csrf_app.test_client()
    response = client.post(
        "/register",
        data={
            "role": "manufacturer", "organisation_name": "No Token Ltd",
            "email": "nt@example.com", "password": PASSWORD, "confirm": PASSWORD,
        },
    )  # fmt: skip
    assert response.status_code == 400
    assert "security token" in text(response)
    form = client.get("/register")
    token = csrf_token_from(text(form))
    response = client.post(
        "/register",
        data={
            "csrf_token": token, "role": "manufacturer", "organisation_name": "Token Ltd",
            "email": "t@example.com", "password": PASSWORD, "confirm": PASSWORD,
        },
    )  # fmt: skip
    assert response.status_code == 302


def test_logout_without_csrf_token_keeps_the_session(csrf_app, make_account):
    from marketplace.services.accounts import accounts

    with csrf_app.app_context():
        user = accounts.register("manufacturer", "Keep Me Ltd", "keep@example.com", PASSWORD)
        assert user.id
    client = csrf_app.test_client()
    token = csrf_token_from(text(client.get("/login")))
    client.post(
        "/login", data={"csrf_token": token, "email": "keep@example.com", "password": PASSWORD}
    )
    assert client.post("/logout").status_code == 400
    assert client.get("/manufacturer").status_code == 200


def test_session_cookie_flags(client, make_account):
    account = make_account("manufacturer")
    response = client.post("/login", data={"email": account.email, "password": account.password})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
