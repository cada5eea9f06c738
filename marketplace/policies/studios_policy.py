"""Who may see and change a studio, its contacts, portfolio and accreditation."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_

from marketplace.models import Studio
from marketplace.policies.actor import Actor


def studio_is_public(studio: Any) -> bool:
    """A studio everyone may see, find, invite and be proposed: listed, with a capability
    statement, not suspended. Twin of public_studio_clause()."""
    return bool(
        studio.is_listed
        and studio.capability_statement
        and getattr(studio, "suspended_at", None) is None
    )


def public_studio_clause() -> ColumnElement[bool]:
    """studio_is_public() as a WHERE clause on Studio (lists, counts, search documents)."""
    return and_(
        Studio.is_listed.is_(True),
        Studio.capability_statement != "",
        Studio.suspended_at.is_(None),
    )


is_public = studio_is_public  # the name pages and older callers use


def can_view_studio(actor: Actor, studio: Any) -> bool:
    """Public studios for everyone; an unlisted or suspended one for its members and staff."""
    return studio_is_public(studio) or actor.acts_for_studio(studio.id) or actor.is_staff


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


def studio_can_be_invited(studio: Any) -> bool:
    """A studio may be invited to bid only while it is public (a suspended one never)."""
    return studio_is_public(studio)


def can_express_interest(actor: Actor, scenario: Any) -> bool:
    """Say "we can take this on": a studio account linked to a studio."""
    return actor.is_studio
