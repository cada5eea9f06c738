"""Needs pages: the public list and need pages, a manufacturer's own needs, staff publishing."""

from flask import Blueprint

bp = Blueprint("needs", __name__)

from marketplace.needs import context, extras, needs_routes, staff  # noqa: E402, F401
