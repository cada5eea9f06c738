"""Matchmaking events (供需对接会): public pages, participants' pages, staff pages."""

from flask import Blueprint

bp = Blueprint("matchmaking", __name__)

from marketplace.matchmaking import (  # noqa: E402,F401
    helpers,
    meetings,
    participants,
    public,
    staff,
    staff_print,
)
