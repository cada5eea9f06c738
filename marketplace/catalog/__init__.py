"""Catalogue pages: home, industries and the application scenarios."""

from flask import Blueprint

bp = Blueprint("catalog", __name__)

from marketplace.catalog import routes  # noqa: E402,F401
