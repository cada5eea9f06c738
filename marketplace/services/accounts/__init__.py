"""Accounts: registration, login, sessions, staff creation, dashboard figures, login throttle."""

from marketplace.services.accounts import throttle
from marketplace.services.accounts.accounts import (
    authenticate,
    change_password,
    check_password_policy,
    create_staff,
    end_all_sessions,
    new_studio_ref,
    normalise_email,
    register,
)
from marketplace.services.accounts.dashboards import (
    ManufacturerSummary,
    StaffSummary,
    listed_studio_count,
    manufacturer_summary,
    staff_summary,
)

__all__ = [
    "ManufacturerSummary",
    "StaffSummary",
    "authenticate",
    "change_password",
    "check_password_policy",
    "create_staff",
    "end_all_sessions",
    "listed_studio_count",
    "manufacturer_summary",
    "new_studio_ref",
    "normalise_email",
    "register",
    "staff_summary",
    "throttle",
]
