"""Accounts: registration, login, logout everywhere, password changes, staff creation."""

from __future__ import annotations

import logging
import secrets
from functools import cache

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from marketplace.database import write_transaction
from marketplace.extensions import db
from marketplace.models import Role, Studio, User
from marketplace.models._types import utcnow
from marketplace.services.accounts import personal_tokens
from marketplace.services.audit import trail
from marketplace.services.common.service_errors import ValidationFailed
from marketplace.services.common.text_cleaning import clean_text

log = logging.getLogger(__name__)

MIN_PASSWORD = 12
MAX_PASSWORD = 256
HASH_METHOD = "scrypt"  # the default; PASSWORD_HASH_METHOD overrides it (tests: a cheap one)
SELF_SERVICE_ROLES = (Role.STUDIO, Role.MANUFACTURER)


def hash_password(password: str) -> str:
    """The stored hash of a password, by the configured method (scrypt unless overridden)."""
    return generate_password_hash(password, method=_hash_method())


def _hash_method() -> str:
    return str(current_app.config.get("PASSWORD_HASH_METHOD") or HASH_METHOD)


@cache
def _dummy_hash_for(method: str) -> str:
    return generate_password_hash(secrets.token_hex(16), method=method)


def _dummy_hash() -> str:
    """A hash checked when no account matches, so a missing email costs as long as a wrong one."""
    return _dummy_hash_for(_hash_method())


def normalise_email(raw: str) -> str:
    """Lower-cased, syntax-checked email address, or ValidationFailed."""
    try:
        return validate_email((raw or "").strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        log.info("email rejected: %s", exc)
        raise ValidationFailed(
            {"email": _("Enter a valid email address, e.g. name@company.cn.")}
        ) from exc


def check_password_policy(password: str, field: str = "password") -> None:
    """Raise ValidationFailed unless the password is 12 to 256 characters."""
    if len(password or "") < MIN_PASSWORD:
        raise ValidationFailed({field: _("Use at least %(min)d characters.", min=MIN_PASSWORD)})
    if len(password) > MAX_PASSWORD:
        raise ValidationFailed({field: _("Use at most %(max)d characters.", max=MAX_PASSWORD)})


def new_studio_ref() -> str:
    """A unique external reference for a studio that registered on the site."""
    return f"web-{secrets.token_hex(5)}"


def register(role: str, organisation_name: str, email: str, password: str) -> User:
    """Create a studio or manufacturer account; a studio account gets its own studio profile."""
    if role not in SELF_SERVICE_ROLES:
        raise ValidationFailed({"role": _("Choose studio or manufacturer.")})
    name = clean_text(organisation_name, multiline=False)
    if not 2 <= len(name) <= 200:
        raise ValidationFailed({"organisation_name": _("Use 2 to 200 characters.")})
    address = normalise_email(email)
    check_password_policy(password)
    with write_transaction() as session:
        if session.scalar(select(User.id).where(User.email == address)) is not None:
            raise ValidationFailed({"email": _("An account with this email already exists.")})
        user = User(
            email=address,
            password_hash=hash_password(password),
            role=role,
            organisation_name=name,
        )
        if role == Role.STUDIO:
            user.studio = Studio(ref=new_studio_ref(), name=name, contact_email=address)
        session.add(user)
    log.info("registered %s account %s", role, user.id)
    return user


def authenticate(email: str, password: str) -> User | None:
    """The account for these credentials, or None (same cost whether or not the email exists)."""
    address = (email or "").strip().lower()
    user = db.session.scalar(select(User).where(User.email == address)) if address else None
    if user is None:
        check_password_hash(_dummy_hash(), password or "")
        return None
    if not check_password_hash(user.password_hash, password or ""):
        return None
    with write_transaction():
        user.last_login_at = utcnow()
    return user


def end_all_sessions(user: User) -> None:
    """Invalidate every copy of every session of this account (logout everywhere)."""
    with write_transaction():
        user.session_version = (user.session_version or 0) + 1


def change_password(user: User, current: str, new: str) -> None:
    """Change the password after checking the current one; ends every other session."""
    if not check_password_hash(user.password_hash, current or ""):
        raise ValidationFailed({"current_password": _("This is not your current password.")})
    check_password_policy(new, field="new_password")
    with write_transaction() as session:
        user.password_hash = hash_password(new)
        user.session_version = (user.session_version or 0) + 1
        revoked = personal_tokens.revoke_all(session, user.id, utcnow())
        trail.record("password-changed", subject=f"user:{user.id}", actor=user,
                     after={"api_tokens_revoked": revoked})  # fmt: skip


def create_staff(email: str, password: str, name: str = "Commission staff") -> User:
    """Create a commission staff account (CLI only)."""
    address = normalise_email(email)
    check_password_policy(password)
    name = clean_text(name, multiline=False) or "Commission staff"
    with write_transaction() as session:
        if session.scalar(select(User.id).where(User.email == address)) is not None:
            raise ValidationFailed({"email": _("An account with this email already exists.")})
        user = User(
            email=address,
            password_hash=hash_password(password),
            role=Role.STAFF,
            organisation_name=name,
        )
        session.add(user)
    return user


def import_manufacturers(stream) -> tuple[int, int]:
    """Create manufacturer accounts from JSON Lines (email, name, password), all or nothing;
    existing e-mails are kept as they are. Returns (created, already there)."""
    from marketplace.services.common.jsonl import LineChecker, validate_lines

    def parse(check: LineChecker):
        email = check.text("email", max_len=254)
        name = check.text("name", min_len=2, max_len=200)
        password = check.text("password", min_len=MIN_PASSWORD, max_len=MAX_PASSWORD)
        if email is not None:
            try:
                email = normalise_email(email)
            except ValidationFailed as exc:
                check.fail("email", exc.errors["email"])
        return (email, name, password) if None not in (email, name, password) else None

    records = validate_lines(stream, parse, key=lambda r: r[0], key_field="email")
    created = 0
    with write_transaction() as session:
        existing = set(session.scalars(select(User.email).where(
            User.email.in_([r[0] for r in records]))))
        for email, name, password in records:
            if email in existing:
                continue
            session.add(User(email=email, role=Role.MANUFACTURER, organisation_name=name,
                             password_hash=hash_password(password)))
            created += 1
    return created, len(records) - created
