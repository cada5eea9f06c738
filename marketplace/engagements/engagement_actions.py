"""Shared steps of the plain form posts on engagement and staff pages: CSRF, one call, redirect."""

from __future__ import annotations

from collections.abc import Callable

from flask import abort, current_app, flash, redirect, request, url_for
from flask_wtf.csrf import validate_csrf
from wtforms.validators import ValidationError

from marketplace.engagements.engagements_forms import message
from marketplace.services.common.service_errors import NotFound, ServiceError


def check_form_csrf() -> None:
    """400 unless the posted form carries a valid CSRF token (when CSRF is enabled)."""
    if not current_app.config.get("WTF_CSRF_ENABLED", True):
        return
    try:
        validate_csrf(request.form.get("csrf_token", ""))
    except ValidationError:
        abort(400)


def back_to_engagement(engagement_id: int, anchor: str = ""):
    """A 303 redirect to the engagement page (at an anchor)."""
    return redirect(url_for("engagements.detail", engagement_id=engagement_id) + anchor), 303


def run_engagement_action(engagement_id: int, anchor: str, done: str, action: Callable[[], object]):
    """Run one service call; flash its outcome; 404 for what the actor may not see."""
    check_form_csrf()
    try:
        action()
    except NotFound:
        abort(404)
    except ServiceError as exc:
        flash(message(exc), "error")
        return back_to_engagement(engagement_id, anchor)
    flash(done, "success")
    return back_to_engagement(engagement_id, anchor)
