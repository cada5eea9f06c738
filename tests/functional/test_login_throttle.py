"""Password guessing is throttled: after a burst of failed logins the site answers 429, politely."""

from __future__ import annotations

import shutil

from tests.conftest import PASSWORD, make_app


def _throttled_app(tmp_path, template_db, **limits):
    db_file = tmp_path / "throttle.db"
    shutil.copy(template_db, db_file)
    app = make_app(tmp_path, db_file, RATELIMIT_ENABLED=True, **limits)
    from marketplace.extensions import limiter

    limiter.reset()  # the counters are per process; start each test from zero
    return app


def test_a_burst_of_wrong_passwords_is_refused_with_a_clear_message(tmp_path, template_db):
    app = _throttled_app(tmp_path, template_db, LOGIN_RATE_LIMIT="3 per minute")
    client = app.test_client()
    form = {"email": "nobody@example.com", "password": "wrong password guess"}
    statuses = [client.post("/login", data=form).status_code for _ in range(4)]
    assert statuses == [400, 400, 400, 429]
    refused = client.post("/login", data=form)
    assert refused.status_code == 429
    assert "Too many attempts" in refused.get_data(as_text=True)
    assert "Retry-After" in refused.headers


def test_reading_the_login_page_is_never_throttled(tmp_path, template_db):
    app = _throttled_app(tmp_path, template_db, LOGIN_RATE_LIMIT="2 per minute")
    client = app.test_client()
    assert all(client.get("/login").status_code == 200 for _ in range(5))


def test_guesses_against_one_account_are_counted_across_addresses(tmp_path, template_db):
    app = _throttled_app(tmp_path, template_db, LOGIN_RATE_LIMIT="1000 per minute")
    with app.app_context():
        from marketplace.services.accounts import accounts

        accounts.register("studio", "Target Studio", "target@example.com", PASSWORD)
    client = app.test_client()
    form = {"email": "target@example.com", "password": "not the password"}
    statuses = [
        client.post("/login", data=form, environ_base={"REMOTE_ADDR": f"10.0.0.{n}"}).status_code
        for n in range(31)
    ]
    assert statuses[:30] == [400] * 30
    assert statuses[30] == 429
