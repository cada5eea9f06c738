"""Per-role home pages after login."""

from flask import Blueprint

bp = Blueprint("dashboard", __name__)
