"""Sealed bids: a studio's bid form and list, the manufacturer's comparison and decisions."""

from flask import Blueprint

bp = Blueprint("bids", __name__)
