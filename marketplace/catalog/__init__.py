"""Catalogue pages: home, industries and the application scenarios."""

from flask import Blueprint

from marketplace.catalog.localize import register

bp = Blueprint("catalog", __name__)
bp.record_once(register)

from marketplace.catalog import catalog_routes  # noqa: E402,F401
