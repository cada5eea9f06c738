"""Who may review proposals, decide claims, moderate accounts and see claim evidence."""

from __future__ import annotations

from typing import Any

from marketplace.policies.actor import Actor


def can_review_matches(actor: Actor) -> bool:
    """Approve or reject proposed matches: commission staff."""
    return actor.is_staff


def can_moderate(actor: Actor, party: Any = None) -> bool:
    """Suspend or restore a studio or manufacturer: staff, never staff accounts themselves."""
    return actor.is_staff and getattr(party, "role", None) != "staff"


def can_view_claim_document(actor: Actor, studio_id: int | None) -> bool:
    """A claim's evidence document: staff and the studio's own accounts."""
    return actor.is_staff or actor.acts_for_studio(studio_id)


def can_upload_evidence(actor: Actor, studio: Any) -> bool:
    """Upload evidence for a claim: the studio's own accounts (not while suspended)."""
    return actor.acts_for_studio(getattr(studio, "id", None)) and not getattr(
        studio, "suspended_at", None
    )


def can_view_audit(actor: Actor) -> bool:
    """Read the audit trail, coverage and exposure figures: commission staff."""
    return actor.is_staff
