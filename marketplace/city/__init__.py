"""The City of Design in figures: public /city, open data, staff drill-down and monthly reports."""

from flask import Blueprint

bp = Blueprint("city", __name__)
