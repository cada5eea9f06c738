"""The staff operations page: is the job consumer alive and keeping up with the outbox?"""

from __future__ import annotations

from flask import render_template

from marketplace.access import role_required
from marketplace.models import Role
from marketplace.services.ops import consumer_health
from marketplace.staff import bp


@bp.get("/staff/operations")
@role_required(Role.STAFF)
def operations():
    """Consumer heartbeat, queue depth, outbox backlog, failing handlers and the last reconcile."""
    return render_template("staff/operations.html", health=consumer_health.read())
