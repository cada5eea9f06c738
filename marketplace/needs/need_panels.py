"""Panels views compute for their templates: scenario leads, a studio's needs, a need's bid box."""

from __future__ import annotations

from marketplace import policies
from marketplace.models._types import utcnow
from marketplace.services.bids import bid_reading
from marketplace.services.matching import need_matches
from marketplace.services.needs import invitations, leads, listing


def scenario_leads(actor: policies.Actor, scenario) -> dict | None:
    """For manufacturers and staff: the interested studios and the viewer's open linked needs."""
    if scenario is None or not policies.can_view_leads(actor, scenario):
        return None
    needs = listing.open_needs_of(actor.user_id, scenario.id) if actor.is_manufacturer else []
    return {"leads": leads.for_scenario(scenario), "needs": needs}


def studio_needs(studio_id: int) -> dict:
    """A studio's 'Needs for you' panel and its open invitations."""
    return {
        "panel": need_matches.needs_for_studio(studio_id),
        "invitations": invitations.for_studio(studio_id),
    }


def bid_panel(actor: policies.Actor, need) -> dict:
    """What the need page shows about bids for this reader: count, own bid, bid and compare."""
    now = utcnow()
    count = bid_reading.count_for(actor, need)
    return {
        "count": count,
        "own": bid_reading.own_bid(actor, need.id),
        "can_bid": policies.can_bid(actor, need, now),
        "can_compare": need.deadline_passed(now) and count is not None and actor.is_manufacturer,
    }
