"""Matchmaking events (供需对接会): public pages and participants' pages."""

from flask import Blueprint

bp = Blueprint("matchmaking", __name__)
