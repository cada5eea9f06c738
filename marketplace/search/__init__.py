"""The search page (one box over scenarios, studios and needs, with facets) and saved searches."""

from flask import Blueprint

bp = Blueprint("search", __name__)

from marketplace.search import saved_routes, search_routes  # noqa: E402,F401
