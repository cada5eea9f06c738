"""Friendly error pages (HTML) and JSON errors (under /api/), never a stack trace."""

from __future__ import annotations

import logging

from flask import Flask, current_app, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError, MethodNotAllowed

from marketplace.services.common.service_errors import NotFound, PermissionDenied

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


READ_ONLY_SIGNS = (  # sqlite3 and PostgreSQL (psycopg) wording of "no write is possible now"
    "attempt to write a readonly database", "database or disk is full",
    "read-only transaction", "no space left on device", "could not extend file",
    "diskfull", "readonlysqltransaction",
)


def is_read_only_error(exc: BaseException) -> bool:
    """True for a database error that means writes are impossible (read-only or full disk)."""
    from sqlalchemy.exc import InternalError as SAInternalError
    from sqlalchemy.exc import OperationalError, ProgrammingError

    if not isinstance(exc, OperationalError | SAInternalError | ProgrammingError):
        return False
    text = f"{type(getattr(exc, 'orig', None)).__name__} {exc.orig or exc}".lower()
    return any(sign in text for sign in READ_ONLY_SIGNS)


def _respond(code: int, message: str, headers: dict | None = None):
    if request.path.startswith("/api/"):
        from marketplace.api.api_errors import error_response  # the API's one error shape

        body, status = error_response(code, message)
        return body, status, headers or {}
    title = TITLES.get(code) or _("Something went wrong")
    page = render_template("errors/error.html", code=code, title=title, message=message)
    return page, code, headers or {}


def upload_cap_mb() -> float:
    """The request-size cap in force for this request (a route may raise the app's default)."""
    limit = request.max_content_length or current_app.config.get("MAX_CONTENT_LENGTH") or 0
    return round(limit / (1024 * 1024), 1)


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
        if exc.code == 413 and not request.path.startswith("/api/"):
            message = _("The request is larger than %(mb)s MB, the limit for this form. "
                        "Choose a smaller file or fewer files.", mb=f"{upload_cap_mb():g}")
        headers = {}
        if isinstance(exc, MethodNotAllowed) and exc.valid_methods:
            headers["Allow"] = ", ".join(sorted(exc.valid_methods))
        return _respond(exc.code, message, headers)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        if isinstance(exc, HTTPException):
            return http_error(exc)
        if is_read_only_error(exc):
            log.error("database refuses writes on %s %s: %s", request.method, request.path, exc)
            from marketplace.extensions import db

            db.session.rollback()
            return _respond(503, _(
                "The site is in read-only mode for a moment: pages can be read, but nothing can "
                "be saved or signed in to right now. Please try again later."
            ), {"Retry-After": "120"})  # fmt: skip
        log.exception("unhandled error on %s %s", request.method, request.path)
        return _respond(
            InternalServerError.code,
            _("The error has been logged. Please try again in a moment."),
        )
