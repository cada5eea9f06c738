"""Who may bid, and see, change or decide on a sealed bid (before and after the need's deadline)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from marketplace.policies.actor import Actor
from marketplace.policies.needs_policy import OPEN_STATE, need_is_open, owns_need

_DECIDABLE_BIDS = {"submitted", "shortlisted"}


def can_bid(actor: Actor, need: Any, now: datetime) -> bool:
    """A studio account may bid on a published need before its deadline."""
    return actor.is_studio and need_is_open(need, now)


def can_view_bid(actor: Actor, bid: Any, now: datetime) -> bool:
    """The bidding studio always; the need's manufacturer once the deadline has passed; nobody
    else (staff see counts, never contents)."""
    if actor.acts_for_studio(bid.studio_id):
        return True
    return owns_need(actor, bid.need) and bid.need.deadline_passed(now) and bid.is_active


def can_edit_bid(actor: Actor, bid: Any, now: datetime) -> bool:
    """The bidding studio, while the bid is live and bidding is still open."""
    return (
        actor.acts_for_studio(bid.studio_id)
        and bid.status == "submitted"
        and bid.need.bidding_open(now)
    )


def can_withdraw_bid(actor: Actor, bid: Any, now: datetime) -> bool:
    """Same rule as editing: until the deadline."""
    return can_edit_bid(actor, bid, now)


def can_view_bid_count(actor: Actor, need: Any) -> bool:
    """How many bids a need has: its manufacturer and commission staff."""
    return owns_need(actor, need) or actor.is_staff


def can_compare_bids(actor: Actor, need: Any, now: datetime) -> bool:
    """The side-by-side comparison: the need's manufacturer, after the deadline."""
    return owns_need(actor, need) and need.deadline_passed(now)


def can_award(actor: Actor, need: Any, now: datetime) -> bool:
    """Shortlist, award, decline or close: the manufacturer, after the deadline, once."""
    return can_compare_bids(actor, need, now) and need.status == OPEN_STATE


def can_decide_bid(actor: Actor, bid: Any, now: datetime) -> bool:
    """Shortlist or decline this bid: can_award on its need, and the bid still undecided."""
    return can_award(actor, bid.need, now) and bid.status in _DECIDABLE_BIDS
