"""Studios' sealed bids on needs: submit, edit, withdraw, shortlist, award, decline."""

from marketplace.services.bids.deciding import award, close_without_award, decline, shortlist
from marketplace.services.bids.reading import (
    ComparedBid,
    active_count,
    bid_for,
    comparison,
    count_for,
    need_for,
    own_bid,
    studio_bids,
)
from marketplace.services.bids.reasons import DECLINE_REASONS, reason_label
from marketplace.services.bids.submitting import BidInput, edit, submit, withdraw

__all__ = [
    "DECLINE_REASONS",
    "BidInput",
    "ComparedBid",
    "active_count",
    "award",
    "bid_for",
    "close_without_award",
    "comparison",
    "count_for",
    "decline",
    "edit",
    "need_for",
    "own_bid",
    "reason_label",
    "shortlist",
    "studio_bids",
    "submit",
    "withdraw",
]
