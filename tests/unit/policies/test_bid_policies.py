"""Every bid policy: every role x own / other's x before / after the deadline (deny by default)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from marketplace import policies
from marketplace.models import Bid, Need
from marketplace.policies import Actor

OWN_STUDIO, OTHER_STUDIO, OWN_MAKER, OTHER_MAKER = 1, 2, 20, 21
DEADLINE = datetime(2026, 12, 1, 10, 0)
BEFORE, AFTER = DEADLINE - timedelta(minutes=1), DEADLINE
ACTORS = {
    "visitor": policies.VISITOR,
    "bidding studio": Actor(user_id=10, role="studio", studio_id=OWN_STUDIO),
    "other studio": Actor(user_id=11, role="studio", studio_id=OTHER_STUDIO),
    "studio account without studio": Actor(user_id=12, role="studio", studio_id=None),
    "need's manufacturer": Actor(user_id=OWN_MAKER, role="manufacturer"),
    "other manufacturer": Actor(user_id=OTHER_MAKER, role="manufacturer"),
    "staff": Actor(user_id=30, role="staff"),
}
STUDIOS = {"bidding studio", "other studio"}
MAKER = {"need's manufacturer"}


def need(status="published"):
    """A need of OWN_MAKER with the fixed deadline."""
    return Need(id=5, manufacturer_id=OWN_MAKER, status=status, bid_deadline=DEADLINE)


def bid(status="submitted", need_status="published"):
    """OWN_STUDIO's bid on that need."""
    return Bid(id=9, studio_id=OWN_STUDIO, status=status, need=need(need_status))


NEEDS = {"published": need(), "draft": need("draft"), "awarded": need("awarded")}
BIDS = {
    "submitted": bid(),
    "withdrawn": bid("withdrawn"),
    "shortlisted": bid("shortlisted"),
    "declined": bid("declined", "awarded"),
}
# (policy, object state, before/after) -> who may; everyone else must be refused.
EXPECTED = {
    ("can_bid", "published", "before"): STUDIOS,
    ("can_bid", "published", "after"): set(),
    ("can_bid", "draft", "before"): set(),
    ("can_bid", "awarded", "before"): set(),
    ("can_view_bid_count", "published", "before"): MAKER | {"staff"},
    ("can_view_bid_count", "draft", "after"): MAKER | {"staff"},
    ("can_compare_bids", "published", "before"): set(),
    ("can_compare_bids", "published", "after"): MAKER,
    ("can_compare_bids", "awarded", "after"): MAKER,
    ("can_award", "published", "before"): set(),
    ("can_award", "published", "after"): MAKER,
    ("can_award", "awarded", "after"): set(),
    ("can_award", "draft", "after"): set(),
    ("can_view_bid", "submitted", "before"): {"bidding studio"},
    ("can_view_bid", "submitted", "after"): {"bidding studio"} | MAKER,
    ("can_view_bid", "withdrawn", "after"): {"bidding studio"},
    ("can_view_bid", "declined", "after"): {"bidding studio"} | MAKER,
    ("can_edit_bid", "submitted", "before"): {"bidding studio"},
    ("can_edit_bid", "submitted", "after"): set(),
    ("can_edit_bid", "withdrawn", "before"): set(),
    ("can_withdraw_bid", "submitted", "before"): {"bidding studio"},
    ("can_withdraw_bid", "submitted", "after"): set(),
    ("can_decide_bid", "submitted", "before"): set(),
    ("can_decide_bid", "submitted", "after"): MAKER,
    ("can_decide_bid", "shortlisted", "after"): MAKER,
    ("can_decide_bid", "withdrawn", "after"): set(),
    ("can_decide_bid", "declined", "after"): set(),
}
COVERS = {policy for policy, _, _ in EXPECTED}
WITHOUT_TIME = {"can_view_bid_count"}


@pytest.mark.parametrize("actor_name", sorted(ACTORS))
@pytest.mark.parametrize(("policy", "state", "when"), sorted(EXPECTED))
def test_bid_policy_allows_exactly_the_expected_actors(policy, state, when, actor_name):
    decide = getattr(policies, policy)
    target = BIDS[state] if state in BIDS else NEEDS[state]
    now = BEFORE if when == "before" else AFTER
    actor = ACTORS[actor_name]
    args = (actor, target) if policy in WITHOUT_TIME else (actor, target, now)
    assert decide(*args) is (actor_name in EXPECTED[(policy, state, when)])
