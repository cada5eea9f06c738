"""Per-role home pages after login."""

from flask import Blueprint

bp = Blueprint("dashboard", __name__)

from marketplace.dashboard import dashboard_routes  # noqa: E402,F401
