"""Who may read and act in an engagement, and when the two parties see each other's contacts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, false, true

from marketplace.policies.actor import Actor

CONTACT_BID_STATES = {"shortlisted", "awarded"}


def side_of(actor: Actor, engagement: Any) -> str | None:
    """'manufacturer' or 'studio' when the actor is that party of the engagement, else None."""
    if actor.is_manufacturer and actor.is_user(engagement.manufacturer_id):
        return "manufacturer"
    if actor.acts_for_studio(engagement.studio_id):
        return "studio"
    return None


def is_party(actor: Actor, engagement: Any) -> bool:
    """One of the two parties."""
    return side_of(actor, engagement) is not None


def can_view_engagement(actor: Actor, engagement: Any) -> bool:
    """The summary (milestones, status, outcome): the two parties and commission staff."""
    return is_party(actor, engagement) or actor.is_staff


def visible_engagements_clause(actor: Actor) -> ColumnElement[bool]:
    """can_view_engagement() as a WHERE clause on Engagement: every one for staff, a party's
    own otherwise, none for anyone else."""
    from marketplace.models import Engagement

    if actor.is_staff:
        return true()
    if actor.is_manufacturer and actor.user_id is not None:
        return Engagement.manufacturer_id == actor.user_id
    if actor.is_studio and actor.studio_id is not None:
        return Engagement.studio_id == actor.studio_id
    return false()


def can_read_thread(actor: Actor, engagement: Any, reason_given: bool = False) -> bool:
    """The private thread: the two parties; staff only with a recorded reason (audited)."""
    return is_party(actor, engagement) or (actor.is_staff and reason_given)


def can_post_message(actor: Actor, engagement: Any) -> bool:
    """Post in the thread: the two parties while the engagement is active."""
    return is_party(actor, engagement) and engagement.status == "active"


def can_propose_milestone(actor: Actor, engagement: Any) -> bool:
    """Propose or agree milestones: either party while active."""
    return can_post_message(actor, engagement)


def can_deliver(actor: Actor, engagement: Any) -> bool:
    """Deliver a milestone: the studio while active."""
    return side_of(actor, engagement) == "studio" and engagement.status == "active"


def can_accept_delivery(actor: Actor, engagement: Any) -> bool:
    """Accept or return a delivery, complete, record the outcome: the manufacturer."""
    return side_of(actor, engagement) == "manufacturer" and engagement.status == "active"


def can_cancel(actor: Actor, engagement: Any) -> bool:
    """Cancel (with a reason): either party while active."""
    return can_post_message(actor, engagement)


def can_record_outcome(actor: Actor, engagement: Any) -> bool:
    """Contract value and product launch: the manufacturer, once completed."""
    return side_of(actor, engagement) == "manufacturer" and engagement.status == "completed"


def can_rate(actor: Actor, engagement: Any) -> bool:
    """Rate the other side: either party, once completed."""
    return is_party(actor, engagement) and engagement.status == "completed"


def can_hide_rating(actor: Actor, rating: Any) -> bool:
    """Hide an abusive comment (with a recorded reason): commission staff."""
    return actor.is_staff


def can_see_bid_contacts(actor: Actor, bid: Any) -> bool:
    """Each other's contact person, phone and e-mail: the bid's studio and the need's
    manufacturer, only once the bid is shortlisted or awarded."""
    if bid.status not in CONTACT_BID_STATES:
        return False
    owner = actor.is_manufacturer and actor.is_user(bid.need.manufacturer_id)
    return owner or actor.acts_for_studio(bid.studio_id)
