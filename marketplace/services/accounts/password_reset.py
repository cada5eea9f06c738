"""Password reset by e-mail: a signed, expiring token bound to the current password hash, so it
stops working once used (or once the password changes any other way)."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence

from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select

from marketplace.database import record_event, write_transaction
from marketplace.extensions import db
from marketplace.models import User
from marketplace.models._types import utcnow
from marketplace.services.accounts import personal_tokens
from marketplace.services.accounts.account_events import PasswordResetRequested
from marketplace.services.accounts.accounts import (
    check_password_policy,
    hash_password,
    normalise_email,
)
from marketplace.services.audit import trail
from marketplace.services.common.service_errors import ValidationFailed

log = logging.getLogger(__name__)

SALT = "password-reset"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def _fingerprint(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:20]


def make_token(user: User) -> str:
    """A reset token for this account as it is now."""
    return _serializer().dumps({"u": user.id, "h": _fingerprint(user)})


def request_reset(email: str) -> None:
    """Ask for a reset link: the same outcome whether or not an account has this address (the
    e-mail, if any, is sent by a job, so the request takes as long either way)."""
    address = normalise_email(email)
    user_id = db.session.scalar(select(User.id).where(User.email == address))
    db.session.rollback()
    if user_id is None:
        log.info("password reset asked for an unknown address")
        return
    with write_transaction():
        record_event(PasswordResetRequested(user_id=user_id))


def _invalid() -> ValidationFailed:
    return ValidationFailed(
        {"token": _("This reset link has expired or was already used. Ask for a new one.")}
    )


def user_for_token(token: str) -> User:
    """The account a valid, unused, unexpired token names; ValidationFailed otherwise."""
    max_age = current_app.config["PASSWORD_RESET_MAX_AGE"]
    try:
        data = _serializer().loads(token, max_age=max_age)
    except (SignatureExpired, BadSignature) as exc:
        raise _invalid() from exc
    user = db.session.get(User, data.get("u")) if isinstance(data, dict) else None
    if user is None or data.get("h") != _fingerprint(user):
        raise _invalid()
    return user


def reset_password(token: str, new_password: str) -> User:
    """Set a new password with a valid token; the token (and every session) dies with it."""
    user = user_for_token(token)
    check_password_policy(new_password, field="password")
    with write_transaction() as session:
        fresh = session.get(User, user.id, populate_existing=True)
        if fresh is None or _fingerprint(fresh) != _fingerprint(user):
            raise _invalid()
        fresh.password_hash = hash_password(new_password)
        fresh.session_version = (fresh.session_version or 0) + 1
        revoked = personal_tokens.revoke_all(session, fresh.id, utcnow())
        trail.record("password-reset", subject=f"user:{fresh.id}", actor=fresh,
                     after={"api_tokens_revoked": revoked})  # fmt: skip
    log.info("password reset for user %s", user.id)
    return fresh


def on_reset_requested(events: Sequence[PasswordResetRequested]) -> None:
    """E-mail a fresh reset link to each account asked for (coalesced per account)."""
    from marketplace.services.notifications.mail import absolute, language_of, send

    ids = sorted({e.user_id for e in events})
    for user in db.session.scalars(select(User).where(User.id.in_(ids))):
        minutes = current_app.config["PASSWORD_RESET_MAX_AGE"] // 60
        with current_app.test_request_context(), force_locale(language_of(user)):
            link = absolute(url_for("auth.reset_password", token=make_token(user)))
            subject = _("Reset your password")
            body = _(
                "Someone asked to reset the password of your account on the Chongqing Design "
                "Marketplace. To choose a new password, open this link within %(minutes)d "
                "minutes:\n\n%(link)s\n\nIf it was not you, ignore this message; your password "
                "stays as it is.", minutes=minutes, link=link,
            )  # fmt: skip
        send(user.email, subject, body)
