"""Who may see and change a need, its matches, questions, attachments and invitations."""

from __future__ import annotations

from typing import Any

from marketplace.policies.actor import Actor

PUBLIC_STATES = ("published", "awarded", "closed")
EDITABLE_STATES = ("draft", "returned", "published")


def is_public_need(need: Any) -> bool:
    """A need everyone may read: published, or over (awarded / closed) after publication."""
    return str(need.status) in PUBLIC_STATES


def owns_need(actor: Actor, need: Any) -> bool:
    """True when the actor is the manufacturer account that posted the need."""
    return actor.is_manufacturer and actor.is_user(need.manufacturer_id)


def can_view_need(actor: Actor, need: Any) -> bool:
    """Public needs for everyone; drafts, submitted and returned ones for the owner and staff."""
    return is_public_need(need) or owns_need(actor, need) or actor.is_staff


def can_edit_need(actor: Actor, need: Any) -> bool:
    """The owner, while the need is a draft, returned, or published (goes back to review)."""
    return owns_need(actor, need) and str(need.status) in EDITABLE_STATES


def can_submit_need(actor: Actor, need: Any) -> bool:
    """The owner sends a draft or returned need for review."""
    return owns_need(actor, need) and str(need.status) in ("draft", "returned")


def can_publish_need(actor: Actor, need: Any) -> bool:
    """Publish or return a submitted need: commission staff."""
    return actor.is_staff and str(need.status) == "submitted"


def can_close_need(actor: Actor, need: Any) -> bool:
    """Close a published need without an award: its owner."""
    return owns_need(actor, need) and str(need.status) == "published"


def can_view_need_matches(actor: Actor, need: Any) -> bool:
    """'Studios that fit' a need: its owner and staff."""
    return owns_need(actor, need) or actor.is_staff


def can_invite_to_need(actor: Actor, need: Any) -> bool:
    """Invite studios to bid: the owner of a published need."""
    return owns_need(actor, need) and str(need.status) == "published"


def can_ask_question(actor: Actor, need: Any) -> bool:
    """Ask a clarifying question: a studio account, on a published need."""
    return actor.is_studio and str(need.status) == "published"


def can_answer_question(actor: Actor, need: Any) -> bool:
    """Answer questions: the need's owner."""
    return owns_need(actor, need)


def can_view_unanswered(actor: Actor, need: Any) -> bool:
    """See every question still waiting for an answer: the owner and staff."""
    return owns_need(actor, need) or actor.is_staff


def can_view_leads(actor: Actor, scenario: Any) -> bool:
    """Which studios said they can take a scenario on, with notes: manufacturers and staff."""
    return actor.is_manufacturer or actor.is_staff
