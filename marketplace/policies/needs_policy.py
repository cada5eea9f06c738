"""Who may see and change a need, its matches, questions, attachments and invitations."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select

from marketplace.models import Need, User
from marketplace.policies.actor import Actor

PUBLIC_STATES = ("published", "awarded", "closed")  # everyone may read these
EDITABLE_STATES = ("draft", "returned", "published")  # the owner may edit these
SUBMITTABLE_STATES = ("draft", "returned")  # the owner may send these for review
OPEN_STATE = "published"  # bids, questions and invitations only here


def _manufacturer_active(need: Any) -> bool:
    owner = getattr(need, "manufacturer", None)
    return owner is None or getattr(owner, "suspended_at", None) is None


def active_manufacturer_clause() -> ColumnElement[bool]:
    """Needs whose manufacturer is not suspended, as a WHERE clause on Need."""
    return Need.manufacturer_id.in_(select(User.id).where(User.suspended_at.is_(None)))


def is_public_need(need: Any) -> bool:
    """A need everyone may read: published, or over (awarded / closed) after publication, and
    posted by a manufacturer that is not suspended. Twin of public_need_clause()."""
    return str(need.status) in PUBLIC_STATES and _manufacturer_active(need)


def public_need_clause() -> ColumnElement[bool]:
    """is_public_need() as a WHERE clause on Need."""
    return and_(Need.status.in_(PUBLIC_STATES), active_manufacturer_clause())


def need_is_open(need: Any, now: datetime) -> bool:
    """Open for bids, questions and invitations: published, deadline ahead, manufacturer not
    suspended. Twin of open_need_clause()."""
    return bool(need.bidding_open(now)) and _manufacturer_active(need)


def open_need_clause(now: datetime) -> ColumnElement[bool]:
    """need_is_open() as a WHERE clause on Need."""
    return and_(
        Need.status == OPEN_STATE,
        or_(Need.bid_deadline.is_(None), Need.bid_deadline > now),
        active_manufacturer_clause(),
    )


def owns_need(actor: Actor, need: Any) -> bool:
    """True when the actor is the manufacturer account that posted the need.
    Twin of own_needs_clause()."""
    return actor.is_manufacturer and actor.is_user(need.manufacturer_id)


def own_needs_clause(actor: Actor) -> ColumnElement[bool]:
    """owns_need() as a WHERE clause on Need (false for anyone but a manufacturer)."""
    if not actor.is_manufacturer or actor.user_id is None:
        return Need.id.is_(None)  # matches nothing: needs always have an id
    return Need.manufacturer_id == actor.user_id


def can_view_need(actor: Actor, need: Any) -> bool:
    """Public needs for everyone; drafts, submitted and returned ones for the owner and staff."""
    return is_public_need(need) or owns_need(actor, need) or actor.is_staff


def can_edit_need(actor: Actor, need: Any) -> bool:
    """The owner, while the need is a draft, returned, or published (goes back to review)."""
    return owns_need(actor, need) and str(need.status) in EDITABLE_STATES


def can_submit_need(actor: Actor, need: Any) -> bool:
    """The owner sends a draft or returned need for review."""
    return owns_need(actor, need) and str(need.status) in SUBMITTABLE_STATES


def can_post_need(actor: Actor) -> bool:
    """Post a new need (as a draft): a manufacturer account."""
    return actor.is_manufacturer and actor.user_id is not None


def can_review_needs(actor: Actor) -> bool:
    """Publish or return submitted needs (whatever their state now): commission staff."""
    return actor.is_staff


def can_publish_need(actor: Actor, need: Any) -> bool:
    """Publish or return a submitted need: commission staff."""
    return actor.is_staff and str(need.status) == "submitted"


def can_close_need(actor: Actor, need: Any) -> bool:
    """Close a published need without an award: its owner."""
    return owns_need(actor, need) and str(need.status) == OPEN_STATE


def can_view_need_matches(actor: Actor, need: Any) -> bool:
    """'Studios that fit' a need: its owner and staff."""
    return owns_need(actor, need) or actor.is_staff


def can_invite_to_need(actor: Actor, need: Any) -> bool:
    """Invite studios to bid: the owner of a published need."""
    return owns_need(actor, need) and str(need.status) == OPEN_STATE


def can_ask_question(actor: Actor, need: Any) -> bool:
    """Ask a clarifying question: a studio account, on a published need."""
    return actor.is_studio and str(need.status) == OPEN_STATE


def can_answer_question(actor: Actor, need: Any) -> bool:
    """Answer questions: the need's owner."""
    return owns_need(actor, need)


def can_view_unanswered(actor: Actor, need: Any) -> bool:
    """See every question still waiting for an answer: the owner and staff."""
    return owns_need(actor, need) or actor.is_staff


def can_view_leads(actor: Actor, scenario: Any) -> bool:
    """Which studios said they can take a scenario on, with notes: manufacturers and staff."""
    return actor.is_manufacturer or actor.is_staff
