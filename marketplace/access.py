"""Deny-by-default access control: every view declares who may reach it with role_required."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import Flask, abort, current_app, request
from flask_login import current_user

from marketplace.extensions import db, login_manager
from marketplace.models import Role, User

PUBLIC = "public"  # anyone, logged in or not
ANY_ROLE = "any-role"  # any logged-in account
_KNOWN = {PUBLIC, ANY_ROLE, *(r.value for r in Role)}
_EXEMPT_ENDPOINTS = {"static"}  # the app's own CSS, JS and images

F = TypeVar("F", bound=Callable)


def role_required(*roles: str) -> Callable[[F], F]:
    """Declare who may reach a view: PUBLIC, ANY_ROLE, or one or more Role values."""
    if not roles:
        raise ValueError("role_required needs at least one role")
    unknown = set(roles) - _KNOWN
    if unknown:
        raise ValueError(f"unknown roles: {sorted(unknown)}")

    def mark(view: F) -> F:
        view.access_roles = frozenset(str(r) for r in roles)  # type: ignore[attr-defined]
        return view

    return mark


def access_roles(view: Callable | None) -> frozenset[str] | None:
    """The roles a view declared, or None when it declared nothing."""
    return getattr(view, "access_roles", None) if view is not None else None


def is_allowed(roles: frozenset[str], user) -> bool:
    """True when `user` (possibly anonymous) satisfies `roles`."""
    if PUBLIC in roles:
        return True
    if not user.is_authenticated:
        return False
    return ANY_ROLE in roles or user.role in roles


def _enforce() -> None:
    endpoint = request.endpoint
    if endpoint is None or endpoint in _EXEMPT_ENDPOINTS:
        return  # unknown URL: the 404 handler answers
    roles = access_roles(current_app.view_functions.get(endpoint))
    if roles is None:
        current_app.logger.error("route %s has no access rule; denied", endpoint)
        abort(403)
    if is_allowed(roles, current_user):
        return
    if not current_user.is_authenticated:
        if request.path.startswith("/api/"):
            abort(401)
        return login_manager.unauthorized()
    abort(403)


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """Load the account named by a session id of the form '<id>:<session version>'."""
    user_id, _, version = session_id.partition(":")
    if not (user_id.isdigit() and version.isdigit()):
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.session_version != int(version):
        return None  # logged out elsewhere or password changed: this copy of the session is over
    return user


def init_app(app: Flask) -> None:
    """Install the access check before every request."""
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please log in to see that page."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    from marketplace.params import BoundedIntConverter

    app.url_map.converters["int"] = BoundedIntConverter  # before any blueprint adds its rules
    app.before_request(_enforce)
