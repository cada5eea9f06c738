"""Design studios: profiles, portfolios, the directory, interest in scenarios, claim checks."""

from flask import Blueprint

bp = Blueprint("studios", __name__)

from marketplace.studios import images, portfolio, routes, staff  # noqa: E402,F401
