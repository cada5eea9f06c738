"""Engagements after an award (thread, milestones, ratings, outcome) and company profiles."""

from flask import Blueprint

bp = Blueprint("engagements", __name__)
