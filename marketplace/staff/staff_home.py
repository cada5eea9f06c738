"""Staff: the commission staff's home page (their dashboard)."""

from __future__ import annotations

from flask import render_template

from marketplace.access import role_required
from marketplace.models import Role
from marketplace.services.accounts import dashboards
from marketplace.services.reviews import proposals
from marketplace.staff import bp


@bp.get("/staff")
@role_required(Role.STAFF)
def home():
    """The commission staff's dashboard."""
    return render_template(
        "staff/home.html", summary=dashboards.staff_summary(),
        review_waiting=proposals.queue_count(),
    )
