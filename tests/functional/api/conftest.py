"""API fixtures: bearer tokens made through the real service, and a small world of two
accounts per role, a published need with a sealed bid, and a draft."""

from __future__ import annotations

import pytest

from tests.bid_helpers import bid_input, make_need


def bearer(secret: str) -> dict:
    """The Authorization header for a token secret."""
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def make_token(app):
    """make_token(account) -> the secret of a new API token for that account."""
    from marketplace.extensions import db
    from marketplace.models import User
    from marketplace.services.accounts import personal_tokens

    def _make(account, name: str = "test") -> str:
        with app.app_context():
            _token, secret = personal_tokens.create(db.session.get(User, account.id), name)
            return secret

    return _make


@pytest.fixture
def world(app, make_account, make_token):
    """Two accounts of each role with tokens; maker A's published need (studio A bid on it)
    and draft; maker B's published need."""
    from marketplace.policies import Actor
    from marketplace.services.bids import submitting

    accounts = {
        name: make_account(role)
        for name, role in (
            ("studio_a", "studio"), ("studio_b", "studio"),
            ("maker_a", "manufacturer"), ("maker_b", "manufacturer"),
            ("staff_a", "staff"), ("staff_b", "staff"),
        )
    }  # fmt: skip
    with app.app_context():
        need = make_need(accounts["maker_a"].id)
        draft = make_need(accounts["maker_a"].id, status="draft", title="Draft of maker A")
        other_need = make_need(accounts["maker_b"].id, title="Need of maker B")
        studio_a = accounts["studio_a"]
        actor = Actor(studio_a.id, "studio", studio_a.studio_id)
        bid = submitting.submit(actor, need, bid_input(price=98_000)).id
    headers = {name: bearer(make_token(acc)) for name, acc in accounts.items()}
    headers["visitor"] = {}
    return {
        "accounts": accounts, "headers": headers, "need": need, "draft": draft,
        "other_need": other_need, "bid": bid,
    }  # fmt: skip
