"""Needs pages: the public list and need pages, a manufacturer's own needs, staff publishing."""

from flask import Blueprint

bp = Blueprint("needs", __name__)
