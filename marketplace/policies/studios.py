"""Who may see and change a studio, its contacts, portfolio and accreditation."""

from __future__ import annotations

from typing import Any

from marketplace.policies.actor import Actor


def is_public(studio: Any) -> bool:
    """A studio everyone may see: listed, with a capability statement, not suspended."""
    return bool(
        studio.is_listed
        and studio.capability_statement
        and not getattr(studio, "suspended_at", None)
    )


def can_view_studio(actor: Actor, studio: Any) -> bool:
    """Public studios for everyone; an unlisted or suspended one for its members and staff."""
    return is_public(studio) or actor.acts_for_studio(studio.id) or actor.is_staff


def can_view_contact(actor: Actor, studio: Any) -> bool:
    """A studio's contact details on its page: the studio itself and staff. Manufacturers get
    them only through a shortlisted or awarded bid (policies.engagements.can_see_bid_contacts)."""
    return actor.is_staff or actor.acts_for_studio(studio.id)


def can_edit_studio(actor: Actor, studio: Any) -> bool:
    """Profile and portfolio: the studio's own accounts only (staff moderate, never edit)."""
    return actor.acts_for_studio(studio.id)


def can_verify_claim(actor: Actor, studio: Any) -> bool:
    """Verify or reject an accreditation claim: commission staff."""
    return actor.is_staff


def can_express_interest(actor: Actor, scenario: Any) -> bool:
    """Say "we can take this on": a studio account linked to a studio."""
    return actor.is_studio
