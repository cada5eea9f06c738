"""Concurrent requests against one SQLite file (threads, each with its own connection): one bid per
studio per need, never two awards, no bid lands after the need is closed, and no 5xx."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

from sqlalchemy import select

from marketplace.extensions import db
from marketplace.models import Bid, Need
from marketplace.models._types import utcnow
from marketplace.policies import Actor
from marketplace.services.bids import bid_decisions, bid_reading, submitting
from marketplace.services.bids.bid_decisions import AwardInput
from marketplace.services.common.service_errors import ServiceError
from tests.bid_helpers import bid_form, bid_input, make_need, pass_deadline
from tests.conftest import login


def run_together(functions) -> list:
    """Start every function at the same moment in its own thread; their results in order."""
    barrier = threading.Barrier(len(functions))
    results: list = [None] * len(functions)

    def worker(i, fn):
        barrier.wait()
        try:
            results[i] = fn()
        except Exception as exc:  # recorded for the assertions
            results[i] = exc

    threads = [threading.Thread(target=worker, args=(i, f)) for i, f in enumerate(functions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def test_concurrent_posts_of_one_studio_make_one_bid_and_a_clear_message(app, make_account):
    maker, studio = make_account("manufacturer"), make_account("studio")
    with app.app_context():
        need_id = make_need(maker.id)
    clients = []
    for _ in range(4):
        c = app.test_client()
        login(c, studio)
        clients.append(c)
    posts = [
        lambda c=c, i=i: c.post(f"/needs/{need_id}/bid", data=bid_form(price=1000 + i))
        for i, c in enumerate(clients)
    ]
    responses = run_together(posts)
    codes = [r.status_code for r in responses]
    assert all(code < 500 for code in codes), codes
    assert codes.count(302) >= 1
    for r in responses:
        if r.status_code == 400:
            assert "already bid" in r.get_data(as_text=True)
    with app.app_context():
        rows = db.session.scalars(select(Bid).where(Bid.need_id == need_id)).all()
        assert len(rows) == 1


def test_two_awards_at_once_leave_exactly_one_winner(app, make_account):
    maker = make_account("manufacturer")
    studios = [make_account("studio") for _ in range(2)]
    with app.test_request_context():
        need_id = make_need(maker.id)
        ids = [submitting.submit(Actor(s.id, "studio", s.studio_id), need_id, bid_input()).id
               for s in studios]  # fmt: skip
        pass_deadline(need_id)
    actor = Actor(maker.id, "manufacturer")

    def award(winner, loser):
        with app.test_request_context():
            return bid_decisions.award(actor, need_id, AwardInput(winner, {loser: ("price", "")}))

    results = run_together([lambda: award(ids[0], ids[1]), lambda: award(ids[1], ids[0])])
    assert sum(isinstance(r, Bid) for r in results) == 1
    assert sum(isinstance(r, ServiceError) for r in results) == 1, results
    with app.app_context():
        statuses = sorted(db.session.scalars(select(Bid.status).where(Bid.need_id == need_id)))
        assert statuses == ["awarded", "declined"]


def test_studios_bidding_while_the_manufacturer_closes_never_land_a_bid_after_close(
    app, make_account
):
    maker = make_account("manufacturer")
    studios = [make_account("studio") for _ in range(3)]
    with app.app_context():
        need_id = make_need(maker.id, deadline=utcnow() + timedelta(seconds=1.0))
    stop = time.monotonic() + 3.0

    def keep_bidding(account):
        actor = Actor(account.id, "studio", account.studio_id)
        outcomes = []
        while time.monotonic() < stop:
            with app.test_request_context():
                try:
                    own = bid_reading.own_bid(actor, need_id)
                    if own is None or not own.is_active:
                        submitting.submit(actor, need_id, bid_input())
                    else:
                        submitting.withdraw(actor, own.id)
                    outcomes.append("ok")
                except ServiceError:
                    outcomes.append("refused")
        return outcomes

    def close_when_allowed():
        actor = Actor(maker.id, "manufacturer")
        while time.monotonic() < stop:
            with app.test_request_context():
                live = [b for b in db.session.scalars(select(Bid).where(Bid.need_id == need_id))
                        if b.status == "submitted"]  # fmt: skip
                try:
                    return bid_decisions.close_without_award(
                        actor, need_id, {b.id: ("not_proceeding", "") for b in live}
                    )
                except ServiceError:
                    time.sleep(0.02)
        return None

    results = run_together([lambda a=a: keep_bidding(a) for a in studios] + [close_when_allowed])
    assert not any(isinstance(r, Exception) and not isinstance(r, ServiceError) for r in results)
    assert results[-1] is not None, "the manufacturer could not close after the deadline"
    with app.app_context():
        need = db.session.get(Need, need_id)
        assert need.status == "closed"
        rows = db.session.scalars(select(Bid).where(Bid.need_id == need_id)).all()
        assert all(b.updated_at < need.bid_deadline for b in rows)
        assert all(b.status in ("withdrawn", "declined") for b in rows)
    assert any("ok" in r for r in results[:-1])  # bidding really raced the deadline
