"""Template helpers for panels on other features' pages: leads on a scenario page, 'Needs for
you' and invitations on a studio's dashboard, need counts on a manufacturer's dashboard."""

from __future__ import annotations

from flask_login import current_user

from marketplace import policies
from marketplace.services.matching import need_matches
from marketplace.services.needs import invitations, leads, listing


def scenario_leads(scenario):
    """For manufacturers and staff: the interested studios and the viewer's open linked needs."""
    actor = policies.actor_of(current_user)
    if not policies.can_view_leads(actor, scenario):
        return None
    needs = listing.open_needs_of(actor.user_id, scenario.id) if actor.is_manufacturer else []
    return {"leads": leads.for_scenario(scenario), "needs": needs}


def studio_needs(studio):
    """A studio's 'Needs for you' panel and its open invitations."""
    return {
        "panel": need_matches.needs_for_studio(studio.id),
        "invitations": invitations.for_studio(studio.id),
    }


def need_panels() -> dict:
    """The panel helpers above, for every template."""
    return {
        "scenario_leads": scenario_leads,
        "studio_needs": studio_needs,
    }
