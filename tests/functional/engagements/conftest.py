"""Fixtures: two awarded engagements (two manufacturers, two studios) through the real pages."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pytest
from flask.testing import FlaskClient

from tests.bid_helpers import PDF, bid_form, make_need, pass_deadline
from tests.conftest import login

VALID_CODE = "91350100M000100Y43"  # the example code of GB 32100-2015


@dataclass
class Side:
    """A logged-in party of an engagement."""

    client: FlaskClient
    account: object


@dataclass
class World:
    """Two engagements, each with its manufacturer and studio, a losing studio, and staff."""

    engagement: int
    other_engagement: int
    maker: Side
    studio: Side
    other_maker: Side
    other_studio: Side
    loser: Side
    staff: Side
    need: int
    bid: int


def client_for(app, account) -> FlaskClient:
    """A logged-in test client."""
    c = app.test_client()
    login(c, account)
    return c


def pdf():
    """A small valid PDF upload."""
    return (io.BytesIO(PDF), "drawings.pdf")


def award_need(app, maker, maker_client, studios, price=200_000, weeks=8, winner=0):
    """A published need of `maker`, bids from `studios`, the deadline passed, bid `winner`
    awarded through the page; returns (need id, bid ids, engagement id)."""
    from marketplace.services.engagements import opening

    with app.app_context():
        need_id = make_need(maker.id, title=f"Seat frame {maker.id}")
    bids = []
    for i, (studio_client, _account) in enumerate(studios):
        r = studio_client.post(f"/needs/{need_id}/bid",
                               data=bid_form(price=price + i * 10_000, weeks=weeks))
        assert r.status_code == 302, r.get_data(as_text=True)[:300]
        bids.append(int(r.headers["Location"].rsplit("/", 1)[1]))
    with app.app_context():
        pass_deadline(need_id)
    form = {"bid_id": str(bids[winner])}
    for i, b in enumerate(bids):
        if i != winner:
            form[f"reason_{b}"] = "price"
    r = maker_client.post(f"/needs/{need_id}/bids/award", data=form)
    assert r.status_code == 303
    with app.app_context():
        engagement = opening.for_bid(bids[winner])
        return need_id, bids, engagement.id


@pytest.fixture
def world(app, make_account) -> World:
    """Maker A awards studio A (studio L loses); maker B awards studio B."""
    app.config["MAIL_LANGUAGE"] = "en"
    accounts = {
        "maker": make_account("manufacturer", email="maker@example.com", name="Liangjiang Seats"),
        "studio": make_account("studio", email="studio@example.com", name="Cellstack Design"),
        "loser": make_account("studio", email="loser@example.com", name="Loser Design"),
        "other_maker": make_account("manufacturer", email="maker2@example.com", name="Other Co"),
        "other_studio": make_account("studio", email="studio2@example.com", name="Other Studio"),
        "staff": make_account("staff", email="staff@example.com"),
    }  # fmt: skip
    sides = {k: Side(client_for(app, a), a) for k, a in accounts.items()}
    need, bids, engagement = award_need(
        app, accounts["maker"], sides["maker"].client,
        [(sides["studio"].client, accounts["studio"]), (sides["loser"].client, accounts["loser"])])
    _n, _b, other = award_need(app, accounts["other_maker"], sides["other_maker"].client,
                               [(sides["other_studio"].client, accounts["other_studio"])])
    return World(engagement, other, sides["maker"], sides["studio"], sides["other_maker"],
                 sides["other_studio"], sides["loser"], sides["staff"], need, bids[0])
