"""The City of Design in figures: public /city, open data, staff drill-down and monthly reports."""

from flask import Blueprint

bp = Blueprint("city", __name__)

from marketplace.city import city_routes, opendata_routes, staff  # noqa: E402,F401
