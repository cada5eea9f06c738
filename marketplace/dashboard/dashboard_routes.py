"""Routes that send each role to its own dashboard."""

from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_login import current_user

from marketplace.access import ANY_ROLE, role_required
from marketplace.dashboard import bp
from marketplace.models import Role
from marketplace.services.accounts import dashboards
from marketplace.services.needs import listing

ROLE_HOME = {
    Role.STUDIO: "studios.dashboard",
    Role.MANUFACTURER: "dashboard.manufacturer",
    Role.STAFF: "staff.home",
}


@bp.get("/dashboard")
@role_required(ANY_ROLE)
def home():
    """Send a logged-in account to its role's dashboard."""
    return redirect(url_for(ROLE_HOME[Role(current_user.role)]))


@bp.get("/manufacturer")
@role_required(Role.MANUFACTURER)
def manufacturer():
    """A manufacturer's dashboard."""
    return render_template(
        "dashboard/manufacturer.html", summary=dashboards.manufacturer_summary(current_user),
        need_counts=listing.status_counts(current_user.id),
    )
