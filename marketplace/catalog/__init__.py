"""Catalogue pages: home, industries and the application scenarios."""

from flask import Blueprint

bp = Blueprint("catalog", __name__)
