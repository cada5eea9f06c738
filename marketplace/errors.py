"""Friendly error pages (HTML) and JSON errors (under /api/), never a stack trace."""

from __future__ import annotations

import logging

from flask import Flask, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from marketplace.services.common.errors import NotFound, PermissionDenied

log = logging.getLogger(__name__)

TITLES = {
    400: _l("That request did not make sense"),
    401: _l("Please log in"),
    403: _l("You cannot open this page"),
    404: _l("We could not find that page"),
    405: _l("That action is not allowed here"),
    413: _l("That upload is too large"),
    429: _l("Too many requests"),
    500: _l("Something went wrong on our side"),
    503: _l("This is unavailable for a moment"),
}
MISSING = _l("It may have been removed, or the address is mistyped.")
FORBIDDEN = _l(
    "This page belongs to another kind of account or to someone else. "
    "Log in with the account that owns it, or go back to the page you came from."
)


def _respond(code: int, message: str):
    if request.path.startswith("/api/"):
        from marketplace.api.errors import error_response  # the API's one error shape

        return error_response(code, message)
    title = TITLES.get(code) or _("Something went wrong")
    return render_template("errors/error.html", code=code, title=title, message=message), code


def init_app(app: Flask) -> None:
    """Register the error handlers."""

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError):
        return _respond(
            400,
            _(
                "The form was sent without a valid security token (it may have expired). "
                "Go back, reload the page and try again."
            ),
        )

    @app.errorhandler(NotFound)
    def service_not_found(exc: NotFound):
        return _respond(404, str(exc) or str(MISSING))

    @app.errorhandler(PermissionDenied)
    def service_denied(exc: PermissionDenied):
        return _respond(403, str(exc) or _("Your account does not have access to this."))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        if exc.code is None or exc.code < 400:
            return exc
        default = exc.description if exc.code not in (403, 404) else None
        message = default or str(MISSING)
        if exc.code == 403:
            message = str(FORBIDDEN)
        if exc.code == 429:
            message = _(
                "Too many attempts from your connection in a short time. "
                "Wait a few minutes, then try again."
            )
        if exc.code == 413:
            limit_mb = app.config.get("MAX_CONTENT_LENGTH", 0) // (1024 * 1024)
            message = _("The request is larger than %(mb)d MB. Choose a smaller file.", mb=limit_mb)
        return _respond(exc.code, message)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        if isinstance(exc, HTTPException):
            return http_error(exc)
        log.exception("unhandled error on %s %s", request.method, request.path)
        return _respond(
            InternalServerError.code,
            _("The error has been logged. Please try again in a moment."),
        )
