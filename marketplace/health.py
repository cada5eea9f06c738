"""`/healthz`: a trivial route for load balancers and the baseline of bench/load.py."""

from __future__ import annotations

from flask import Blueprint

from marketplace.access import PUBLIC, role_required

bp = Blueprint("health", __name__)


@bp.get("/healthz")
@role_required(PUBLIC)
def healthz():
    """'ok' without touching the database: the cost of the app's request path alone."""
    return "ok\n", 200, {"Content-Type": "text/plain; charset=utf-8"}
