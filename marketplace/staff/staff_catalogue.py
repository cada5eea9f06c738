"""Staff: how to replace the representative scenario catalogue with the official list."""

from __future__ import annotations

from flask import render_template

from marketplace.access import role_required
from marketplace.models import Role
from marketplace.services.catalog import scenario_catalogue
from marketplace.staff import bp


@bp.get("/staff/catalogue")
@role_required(Role.STAFF)
def catalogue():
    """Staff only: how to replace the representative catalogue with the official list."""
    return render_template(
        "staff/catalogue.html",
        total=scenario_catalogue.scenario_count(),
        example=scenario_catalogue.export_example(),
    )
