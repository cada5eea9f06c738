"""The bell: unread count in the header, the list of notifications, marking them read."""

from flask import Blueprint

bp = Blueprint("notifications", __name__)
