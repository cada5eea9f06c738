"""Matchmaking events (供需对接会): public pages and participants' pages (staff pages live in staff/)."""

from flask import Blueprint

bp = Blueprint("matchmaking", __name__)
