"""Commission review of proposed matches: queue, decisions, moderation, coverage, exposure."""

from marketplace.services.reviews.decisions import (
    REASONS,
    Choice,
    StaleProposal,
    approved_scenario_codes,
    approved_studio_ids,
    decide,
    decide_many,
)
from marketplace.services.reviews.proposals import (
    PROPOSAL_FITS,
    Proposal,
    QueueFilter,
    queue,
    queue_count,
)

__all__ = [
    "PROPOSAL_FITS",
    "REASONS",
    "Choice",
    "Proposal",
    "QueueFilter",
    "StaleProposal",
    "approved_scenario_codes",
    "approved_studio_ids",
    "decide",
    "decide_many",
    "queue",
    "queue_count",
]
