"""Wire /api/v1 into an app: flask-smorest, bearer-token authentication, 415, rate limits."""

from __future__ import annotations

import logging

from flask import Flask, abort, current_app, g, request
from flask_babel import gettext as _
from flask_login import AnonymousUserMixin
from flask_smorest import Api as SmorestApi
from flask_smorest import Blueprint

from marketplace.api import api_errors, bodies, schemas
from marketplace.extensions import csrf, limiter
from marketplace.services.accounts import personal_tokens

log = logging.getLogger(__name__)

PREFIX = "/api/v1"
PAGES = {"api.docs"}  # the browsable page keeps the cookie session (header, language)
BODY_METHODS = {"POST", "PUT", "PATCH"}
BEARER = {"bearerAuth": {"type": "http", "scheme": "bearer", "description": "an API token"}}


class Api(SmorestApi):
    """flask-smorest without its app-wide error handlers (the HTML pages keep theirs)."""

    ERROR_SCHEMA = schemas.Error

    def _register_error_handlers(self) -> None:
        return None


def _rate_limit() -> str:
    return current_app.config.get("API_RATE_LIMIT", "120 per minute")


def bearer_secret() -> str | None:
    """The token secret of 'Authorization: Bearer <secret>', however the header is spelt
    (scheme in any case, any run of spaces or tabs); None when there is no bearer secret.
    Authentication and the rate-limit key both read the header through this one function."""
    scheme, *rest = request.headers.get("Authorization", "").split(None, 1)[:2] or [""]
    if scheme.lower() != "bearer" or not rest:
        return None
    return rest[0].strip() or None


def token_key() -> str:
    """Rate-limit key: the token's identity (its stored digest), else the client's address."""
    secret = bearer_secret()
    if secret is not None:
        return "api-token:" + personal_tokens.digest(secret)[:32]
    return "api-addr:" + (request.remote_addr or "unknown")


def authenticate(_endpoint, _values) -> None:
    """Under /api/: the caller is the bearer token's account, never a cookie session."""
    if not request.path.startswith("/api/") or request.endpoint in PAGES:
        return
    if not request.headers.get("Authorization", ""):
        g._login_user = AnonymousUserMixin()
        return
    secret = bearer_secret()
    user = personal_tokens.user_for_secret(secret) if secret is not None else None
    if user is None:
        abort(401, description=_("The API token is missing, revoked or not valid."))
    g._login_user = user


def require_json() -> None:
    """Writes take application/json only (415 otherwise)."""
    if request.method not in BODY_METHODS or not request.get_data(cache=True):
        return
    if request.mimetype != "application/json":
        abort(415, description=_("Send the body as application/json."))
    bodies.check_json_body()


def new_blueprint(name: str, import_name: str, description: str) -> Blueprint:
    """A resource blueprint under /api/v1 with the API's errors, 415 check and rate limit."""
    blp = Blueprint(name, import_name, url_prefix=PREFIX, description=description)
    api_errors.register(blp)
    blp.before_request(require_json)
    csrf.exempt(blp)
    limiter.limit(_rate_limit, key_func=token_key)(blp)
    return blp


def init(app: Flask, blueprints: list[Blueprint]) -> Api:
    """Create the Api for `app` and register the resource blueprints."""
    app.config.setdefault("API_TITLE", "Chongqing industrial-design marketplace API")
    app.config.setdefault("API_VERSION", "v1")
    app.config.setdefault("OPENAPI_VERSION", "3.1.0")
    app.config.setdefault("API_RATE_LIMIT", "120 per minute")
    app.config["OPENAPI_URL_PREFIX"] = None  # served by marketplace.api.docs (access-checked)
    api = Api(app, spec_kwargs={"servers": [{"url": "/"}]})
    api.spec.components.security_scheme("bearerAuth", BEARER["bearerAuth"])
    for blp in blueprints:
        api.register_blueprint(blp)
    app.url_value_preprocessor(authenticate)
    return api
