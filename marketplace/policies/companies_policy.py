"""Who may see and change a manufacturer's company profile, and verify it."""

from __future__ import annotations

from typing import Any

from marketplace.policies.actor import Actor

PUBLIC_FIELDS = ("name_zh", "name_en", "industry_code", "district", "size", "website")


def can_edit_company(actor: Actor, company: Any) -> bool:
    """The manufacturer account the company belongs to."""
    return actor.is_manufacturer and actor.is_user(company.user_id)


def can_view_company_private(actor: Actor, company: Any) -> bool:
    """Credit code and contact person: the company itself and commission staff."""
    return can_edit_company(actor, company) or actor.is_staff


def can_verify_company(actor: Actor, company: Any) -> bool:
    """Verify or revoke a company: commission staff."""
    return actor.is_staff


def company_is_public(company: Any) -> bool:
    """The public fields of a company: shown while its manufacturer account is not suspended
    (a suspended manufacturer's needs vanish too)."""
    owner = getattr(company, "user", None)
    return owner is not None and getattr(owner, "suspended_at", None) is None


def can_view_company(actor: Actor, company: Any) -> bool:
    """The public fields: everyone while public; the company itself and staff always."""
    return company_is_public(company) or can_view_company_private(actor, company)
