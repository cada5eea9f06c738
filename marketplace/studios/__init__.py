"""Design studios: profiles, portfolios, the directory, interest in scenarios, claim checks."""

from flask import Blueprint

bp = Blueprint("studios", __name__)

from marketplace.studios import image_routes, portfolio_routes, staff, studios_routes  # noqa: E402,F401
