"""Accounts: register, log in, log out, change password."""

from flask import Blueprint

bp = Blueprint("auth", __name__)
