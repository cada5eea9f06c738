"""The search page: one box over scenarios and studios, with facets."""

from flask import Blueprint

bp = Blueprint("search", __name__)

from marketplace.search import routes  # noqa: E402,F401
