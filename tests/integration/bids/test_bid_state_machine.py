"""A Hypothesis state machine over post / publish / bid / edit / withdraw / deadline / shortlist /
award / close, at the service level, against a model of what should happen. Invariants: never two
awards, no bid placed or changed after the deadline, sealed visibility, and every refusal is a
clear service error that changes nothing."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlalchemy import select

from marketplace.database import write_transaction
from marketplace.extensions import db
from marketplace.models import Bid, Need
from marketplace.policies import Actor, can_view_bid
from marketplace.services.bids import bid_decisions, bid_reading, bid_reasons, submitting
from marketplace.services.bids.bid_decisions import AwardInput
from marketplace.services.common.service_errors import NotFound, PermissionDenied, ServiceError
from tests.bid_helpers import bid_input, make_need

T0 = datetime(2030, 1, 1, 8, 0)
STUDIOS = 3
REASONS = sorted(bid_reasons.DECLINE_REASONS)


@pytest.fixture
def cast(app, make_account):
    """One manufacturer, three studios and a staff account, made once per test."""
    maker = make_account("manufacturer")
    studios = [make_account("studio") for _ in range(STUDIOS)]
    staff = make_account("staff")
    return (
        Actor(user_id=maker.id, role="manufacturer"),
        [Actor(user_id=s.id, role="studio", studio_id=s.studio_id) for s in studios],
        Actor(user_id=staff.id, role="staff"),
    )


def test_bidding_never_breaks_its_rules(app, cast):
    maker, studios, staff = cast

    class Bidding(RuleBasedStateMachine):
        """The model: per need its status and each studio's bid status."""

        def __init__(self):
            super().__init__()
            self.now = T0
            self.needs: dict[int, dict] = {}  # id -> {"status", "deadline", "bids": {i: status}}

        def _need(self, k: int) -> tuple[int, dict]:
            need_id = sorted(self.needs)[k % len(self.needs)]
            return need_id, self.needs[need_id]

        def _expect_refusal(self, call) -> None:
            with pytest.raises(ServiceError):
                call()

        @rule(draft=st.booleans())
        def post(self, draft):
            deadline = self.now + timedelta(minutes=30)
            need_id = make_need(maker.user_id, status="draft" if draft else "published",
                                deadline=deadline)  # fmt: skip
            self.needs[need_id] = {"status": "draft" if draft else "published",
                                   "deadline": deadline, "bids": {}}  # fmt: skip

        @precondition(lambda self: self.needs)
        @rule(k=st.integers(0, 20))
        def publish(self, k):
            need_id, need = self._need(k)
            if need["status"] == "draft":
                with write_transaction() as session:
                    session.get(Need, need_id).status = "published"
                need["status"] = "published"

        @precondition(lambda self: self.needs)
        @rule(k=st.integers(0, 20), s=st.integers(0, STUDIOS - 1), price=st.integers(1, 10**6))
        def bid(self, k, s, price):
            need_id, need = self._need(k)
            open_ = need["status"] == "published" and self.now < need["deadline"]
            live = need["bids"].get(s) not in (None, "withdrawn")
            call = lambda: submitting.submit(studios[s], need_id, bid_input(price), now=self.now)  # noqa: E731
            if open_ and not live:
                call()
                need["bids"][s] = "submitted"
            else:
                self._expect_refusal(call)

        @precondition(lambda self: self.needs)
        @rule(k=st.integers(0, 20), s=st.integers(0, STUDIOS - 1), withdraw=st.booleans())
        def change(self, k, s, withdraw):
            need_id, need = self._need(k)
            own = bid_reading.own_bid(studios[s], need_id)
            if own is None:
                return
            may = need["bids"][s] == "submitted" and self.now < need["deadline"] and need[
                "status"] == "published"  # fmt: skip
            if withdraw:
                call = lambda: submitting.withdraw(studios[s], own.id, now=self.now)  # noqa: E731
            else:
                call = lambda: submitting.edit(studios[s], own.id, bid_input(7), now=self.now)  # noqa: E731
            if may:
                call()
                if withdraw:
                    need["bids"][s] = "withdrawn"
            else:
                self._expect_refusal(call)
            # another studio can never touch it
            other = studios[(s + 1) % STUDIOS]
            with pytest.raises(NotFound):
                submitting.withdraw(other, own.id, now=self.now)

        @rule()
        def deadline_passes(self):
            self.now += timedelta(minutes=45)

        def _decidable(self, need) -> bool:
            return need["status"] == "published" and self.now >= need["deadline"]

        @precondition(lambda self: self.needs)
        @rule(k=st.integers(0, 20), s=st.integers(0, STUDIOS - 1))
        def shortlist(self, k, s):
            need_id, need = self._need(k)
            own = bid_reading.own_bid(studios[s], need_id)
            if own is None:
                return
            call = lambda: bid_decisions.shortlist(maker, need_id, own.id, now=self.now)  # noqa: E731
            if self._decidable(need) and need["bids"][s] == "submitted":
                call()
                need["bids"][s] = "shortlisted"
            else:
                self._expect_refusal(call)

        @precondition(lambda self: self.needs)
        @rule(k=st.integers(0, 20), s=st.integers(0, STUDIOS - 1), complete=st.booleans(),
              reason=st.sampled_from(REASONS), by_staff=st.booleans())  # fmt: skip
        def award(self, k, s, complete, reason, by_staff):
            need_id, need = self._need(k)
            own = bid_reading.own_bid(studios[s], need_id)
            if own is None:
                return
            undecided = [i for i, st_ in need["bids"].items()
                         if st_ in ("submitted", "shortlisted") and i != s]  # fmt: skip
            declines = {}
            for i in undecided:
                other = bid_reading.own_bid(studios[i], need_id)
                declines[other.id] = (reason, "see note")
            if not complete and undecided:
                declines.pop(next(iter(declines)))
            actor = staff if by_staff else maker
            def call():
                return bid_decisions.award(
                    actor, need_id, AwardInput(own.id, declines), now=self.now
                )
            ok = (self._decidable(need) and need["bids"][s] in ("submitted", "shortlisted")
                  and (complete or not undecided) and not by_staff)  # fmt: skip
            if ok:
                call()
                need["status"] = "awarded"
                need["bids"][s] = "awarded"
                for i in undecided:
                    need["bids"][i] = "declined"
            else:
                with pytest.raises((ServiceError, PermissionDenied)):
                    call()

        @precondition(lambda self: self.needs)
        @rule(k=st.integers(0, 20))
        def close(self, k):
            need_id, need = self._need(k)
            declines = {}
            for i, st_ in need["bids"].items():
                if st_ in ("submitted", "shortlisted"):
                    declines[bid_reading.own_bid(studios[i], need_id).id] = ("not_proceeding", "")
            call = lambda: bid_decisions.close_without_award(maker, need_id, declines, now=self.now)  # noqa: E731
            if self._decidable(need):
                call()
                need["status"] = "closed"
                for i in declines and list(need["bids"]):
                    if need["bids"][i] in ("submitted", "shortlisted"):
                        need["bids"][i] = "declined"
            else:
                self._expect_refusal(call)

        @invariant()
        def database_agrees_with_the_model(self):
            db.session.rollback()
            for need_id, need in self.needs.items():
                row = db.session.get(Need, need_id)
                assert row.status == need["status"]
                stored = db.session.scalars(select(Bid).where(Bid.need_id == need_id)).all()
                by_studio = {s.studio_id: i for i, s in enumerate(studios)}
                assert {by_studio[b.studio_id]: b.status for b in stored} == need["bids"]
                assert sum(b.status == "awarded" for b in stored) == (need["status"] == "awarded")
                assert all(b.updated_at < row.bid_deadline for b in stored)  # nothing after close

        @invariant()
        def sealed_until_the_deadline(self):
            for need_id, need in self.needs.items():
                for bid in db.session.scalars(select(Bid).where(Bid.need_id == need_id)):
                    before = self.now < need["deadline"]
                    assert can_view_bid(maker, bid, self.now) is (not before and bid.is_active)
                    assert not can_view_bid(staff, bid, self.now)
                    others = [a for a in studios if a.studio_id != bid.studio_id]
                    assert not any(can_view_bid(a, bid, self.now) for a in others)

    Bidding.TestCase.settings = settings(
        max_examples=25, stateful_step_count=25, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )  # fmt: skip
    with app.test_request_context():  # services run in requests (messages need a locale)
        Bidding.TestCase().runTest()
