"""Design studios: profiles, portfolios, the directory, interest in scenarios, claim checks."""

from flask import Blueprint

bp = Blueprint("studios", __name__)
