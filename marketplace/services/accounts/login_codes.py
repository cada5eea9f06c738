"""A cap on distributed guessing that never locks the owner out: after too many failed logins
on one account (from any addresses) within a window, a correct password alone is not enough;
the sign-in is completed with a one-time code e-mailed to the account."""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from marketplace.database import record_event, write_transaction
from marketplace.extensions import db
from marketplace.models import User
from marketplace.services.accounts.account_events import LoginCodeRequested
from marketplace.services.audit import trail
from marketplace.services.common import counters

log = logging.getLogger(__name__)

DEFAULTS = {
    "LOGIN_ACCOUNT_FAILURES": 10,  # failed logins on one account, any addresses, per window
    "LOGIN_FAILURE_WINDOW_SECONDS": 15 * 60,
    "LOGIN_CODE_MAX_AGE": 10 * 60,  # seconds a code stays valid
}
CODE_TRIES = 5  # wrong codes before the pending sign-in is dropped


def _setting(name: str) -> int:
    return int(current_app.config.get(name, DEFAULTS[name]))


def _account_key(email: str) -> str:
    account = (email or "").strip().lower()[:254]
    return "login-account:" + hashlib.sha256(account.encode()).hexdigest()[:32]


def record_failure(email: str) -> int:
    """Count a failed login against the account (shared by every worker); the new count."""
    return counters.bump(_account_key(email), _setting("LOGIN_FAILURE_WINDOW_SECONDS"))


def code_required(email: str) -> bool:
    """True while the account has had too many failures in the window (the throttle switch
    turns this off with the other limits)."""
    if not current_app.config.get("RATELIMIT_ENABLED", True) and not current_app.config.get(
        "LOGIN_CODES_ALWAYS_ON"
    ):
        return False
    return counters.peek(_account_key(email)) >= _setting("LOGIN_ACCOUNT_FAILURES")


@dataclass(frozen=True)
class Pending:
    """A sign-in waiting for its code, as kept in the (signed) session: no code in clear."""

    user_id: int
    mac: str
    issued: int
    tries: int = 0


def _mac(user_id: int, code: str, issued: int) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"login-code:{user_id}:{code}:{issued}".encode(), "sha256").hexdigest()


def send_code(user: User) -> Pending:
    """Make a 6-digit code for the account, have a job e-mail it, and return what the session
    keeps to check it."""
    code = f"{secrets.randbelow(10**6):06d}"
    issued = int(time.time())
    with write_transaction():
        record_event(LoginCodeRequested(user_id=user.id, code=code))
        trail.record("login-code-sent", subject=f"user:{user.id}", actor=user)
    return Pending(user.id, _mac(user.id, code, issued), issued)


def check_code(pending: Pending, code: str) -> User | None:
    """The account when `code` matches the pending sign-in and has not expired, else None."""
    code = (code or "").strip()
    if not (code.isascii() and code.isdigit() and len(code) == 6):
        return None
    if time.time() - pending.issued > _setting("LOGIN_CODE_MAX_AGE"):
        return None
    if not hmac.compare_digest(_mac(pending.user_id, code, pending.issued), pending.mac):
        return None
    return db.session.get(User, pending.user_id)


def on_code_requested(events: Sequence[LoginCodeRequested]) -> None:
    """E-mail each one-time code (in the account's language)."""
    from marketplace.services.notifications.mail import language_of, send

    users = {u.id: u for u in db.session.scalars(
        select(User).where(User.id.in_({e.user_id for e in events})))}  # fmt: skip
    minutes = _setting("LOGIN_CODE_MAX_AGE") // 60
    for event in events:
        user = users.get(event.user_id)
        if user is None:
            continue
        with current_app.test_request_context(), force_locale(language_of(user)):
            subject = _("Your sign-in code")
            body = _(
                "Someone signed in to your account on the Chongqing Design Marketplace with the "
                "right password after many wrong guesses on it. To finish signing in, enter this "
                "code within %(minutes)d minutes:\n\n%(code)s\n\nIf it was not you, change your "
                "password now: someone knows it.", minutes=minutes, code=event.code,
            )  # fmt: skip
        send(user.email, subject, body)
