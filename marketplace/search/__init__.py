"""The search page (one box over scenarios, studios and needs, with facets) and saved searches."""

from flask import Blueprint

bp = Blueprint("search", __name__)
