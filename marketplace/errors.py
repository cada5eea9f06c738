"""Friendly error pages (HTML) and JSON errors (under /api/), never a stack trace."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from marketplace.services.common.errors import NotFound, PermissionDenied

log = logging.getLogger(__name__)

TITLES = {
    400: "That request did not make sense",
    401: "Please log in",
    403: "You cannot open this page",
    404: "We could not find that page",
    405: "That action is not allowed here",
    413: "That upload is too large",
    429: "Too many requests",
    500: "Something went wrong on our side",
}


def _respond(code: int, message: str):
    if request.path.startswith("/api/"):
        return jsonify(error={"code": code, "message": message}), code
    title = TITLES.get(code, "Something went wrong")
    return render_template("errors/error.html", code=code, title=title, message=message), code


def init_app(app: Flask) -> None:
    """Register the error handlers."""

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError):
        return _respond(
            400,
            "The form was sent without a valid security token (it may have expired). "
            "Go back, reload the page and try again.",
        )

    @app.errorhandler(NotFound)
    def service_not_found(exc: NotFound):
        return _respond(404, str(exc) or "It may have been removed, or the address is mistyped.")

    @app.errorhandler(PermissionDenied)
    def service_denied(exc: PermissionDenied):
        return _respond(403, str(exc) or "Your account does not have access to this.")

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        if exc.code is None or exc.code < 400:
            return exc
        default = exc.description if exc.code != 404 else None
        message = default or "It may have been removed, or the address is mistyped."
        if exc.code == 429:
            message = (
                "Too many attempts from your connection in a short time. "
                "Wait a few minutes, then try again."
            )
        if exc.code == 413:
            limit_mb = app.config.get("MAX_CONTENT_LENGTH", 0) // (1024 * 1024)
            message = f"The request is larger than {limit_mb} MB. Choose a smaller file."
        return _respond(exc.code, message)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        if isinstance(exc, HTTPException):
            return http_error(exc)
        log.exception("unhandled error on %s %s", request.method, request.path)
        return _respond(
            InternalServerError.code,
            "The error has been logged. Please try again in a moment.",
        )
