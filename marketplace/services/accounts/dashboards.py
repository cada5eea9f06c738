"""Figures shown on the role dashboards."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.models import Role, Scenario, Studio, StudioInterest, User
from marketplace.policies.studios_policy import public_studio_clause


@dataclass
class StaffSummary:
    """Counts the commission watches."""

    scenarios: int
    studios: int
    studio_accounts: int
    manufacturer_accounts: int
    interests: int
    unverified_claims: int


@dataclass
class ManufacturerSummary:
    """What a manufacturer sees first."""

    organisation_name: str
    scenarios: int
    studios: int


def _count(query) -> int:
    return db.session.scalar(query) or 0


def listed_studio_count() -> int:
    """Studios visible in the directory."""
    return _count(select(func.count(Studio.id)).where(public_studio_clause()))


def staff_summary() -> StaffSummary:
    """Counts across the whole marketplace."""
    by_role = dict(
        db.session.execute(select(User.role, func.count(User.id)).group_by(User.role)).all()
    )
    return StaffSummary(
        scenarios=_count(select(func.count(Scenario.id))),
        studios=listed_studio_count(),
        studio_accounts=by_role.get(Role.STUDIO.value, 0),
        manufacturer_accounts=by_role.get(Role.MANUFACTURER.value, 0),
        interests=_count(select(func.count(StudioInterest.id))),
        unverified_claims=_count(
            select(func.count(Studio.id)).where(
                Studio.accreditation != "none", Studio.accreditation_verified_at.is_(None)
            )
        ),
    )


def manufacturer_summary(user: User) -> ManufacturerSummary:
    """The manufacturer's organisation and what the marketplace offers it."""
    return ManufacturerSummary(
        organisation_name=user.organisation_name,
        scenarios=_count(select(func.count(Scenario.id))),
        studios=listed_studio_count(),
    )
