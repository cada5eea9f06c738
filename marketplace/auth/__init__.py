"""Accounts: register, log in, log out, change password."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from marketplace.auth import auth_routes, reset_routes, tokens  # noqa: E402,F401
