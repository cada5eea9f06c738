"""Sealed bids: a studio's bid form and list, the manufacturer's comparison and decisions."""

from flask import Blueprint

bp = Blueprint("bids", __name__)

from marketplace.bids import bids_routes, decision_routes  # noqa: E402,F401
