"""Commission staff: every staff page (review, claims, needs, companies, events, city, audit)."""

from flask import Blueprint

bp = Blueprint("staff", __name__)
