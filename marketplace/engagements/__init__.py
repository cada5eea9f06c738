"""Engagements after an award (thread, milestones, ratings, outcome) and company profiles."""

from flask import Blueprint

bp = Blueprint("engagements", __name__)

from marketplace.engagements import company_routes, engagements_routes  # noqa: E402,F401
