"""The one error shape of /api/v1: {"error": {"code", "message", "field"}}."""

from __future__ import annotations

from typing import Any

from flask import jsonify
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from marketplace.services.common.service_errors import NotFound, PermissionDenied, ValidationFailed
from marketplace.services.reviews.decisions import StaleProposal

CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 409: "conflict", 413: "too_large", 415: "unsupported_media_type",
    422: "validation_error", 429: "rate_limited", 500: "server_error", 503: "unavailable",
}  # fmt: skip


# Service field names -> the API's names; fields that mean "the state refuses this".
FIELD_NAMES = {
    "industry_code": "industry", "discipline_codes": "disciplines", "scenario_code": "scenario",
}  # fmt: skip
STATE_FIELDS = {"need", "bid", "status", "milestone", "engagement"}


def error_response(status: int, message: str, field: str | None = None, code: str | None = None):
    """A JSON error response with the given HTTP status."""
    body = {"code": code or CODES.get(status, "error"), "message": message, "field": field}
    return jsonify(error=body), status


def _first(messages: Any, path: tuple[str, ...] = ()) -> tuple[str | None, str]:
    """The first (dotted field, message) in webargs' nested {location: {field: [msg]}}."""
    if isinstance(messages, dict):
        for key, value in messages.items():
            return _first(value, (*path, str(key)))
    if isinstance(messages, list | tuple) and messages:
        return _first(messages[0], path)
    return (".".join(path) or None), str(messages)


def schema_error(exc: HTTPException):
    """422 from argument parsing: name the field (without webargs' location prefix)."""
    messages = (getattr(exc, "data", None) or {}).get("messages") or {}
    if not messages:
        return error_response(422, exc.description or _("The request was refused."))
    dotted, message = _first(messages)
    if dotted and dotted.split(".", 1)[0] in ("json", "query", "path", "headers"):
        dotted = dotted.split(".", 1)[1] if "." in dotted else None
    return error_response(422, message, dotted)


def http_error(exc: HTTPException):
    """Any HTTP error under /api/v1."""
    if exc.code == 422:
        return schema_error(exc)
    if exc.code == 429:
        return error_response(429, _("Too many requests with this token; slow down."))
    if exc.code == 404:
        return error_response(404, _("Not found."))
    if exc.code == 401 and exc.description == type(exc).description:
        return error_response(401, _("Send an API token as 'Authorization: Bearer <token>'."))
    if isinstance(exc, MethodNotAllowed):
        response, status = error_response(405, _("This method is not allowed here."))
        response.headers["Allow"] = ", ".join(sorted(exc.valid_methods or ()))
        return response, status
    return error_response(exc.code or 500, exc.description or CODES.get(exc.code or 500, ""))


def register(blueprint) -> None:
    """Install the API error handlers on a blueprint."""
    blueprint.register_error_handler(HTTPException, http_error)
    blueprint.register_error_handler(
        NotFound, lambda exc: error_response(404, str(exc) or _("Not found."))
    )
    blueprint.register_error_handler(
        PermissionDenied, lambda exc: error_response(403, str(exc) or _("Not allowed."))
    )

    def refused(exc: ValidationFailed):
        field, message = next(iter(exc.errors.items()), (None, _("Refused.")))
        field = FIELD_NAMES.get(field, field)
        if field in STATE_FIELDS:  # the object's state refuses the step, not the input
            return error_response(409, message, None if field == "status" else field)
        return error_response(422, message, field)

    blueprint.register_error_handler(ValidationFailed, refused)
    blueprint.register_error_handler(  # the proposal or decision changed since it was read
        StaleProposal, lambda exc: error_response(409, next(iter(exc.errors.values()), ""),
                                                  next(iter(exc.errors), None))
    )
