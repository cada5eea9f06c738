"""Commission staff: review queue, claims, moderation, audit trail, coverage and exposure."""

from flask import Blueprint

bp = Blueprint("staff", __name__)

from marketplace.staff import (  # noqa: E402,F401
    audit_views,
    evidence,
    hooks,
    moderation,
    reports,
    review,
    staff_operations,
    templating,
)
