"""Personal API tokens: create (secret shown once), list, revoke, authenticate a bearer."""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import select, update

from marketplace.database import write_transaction
from marketplace.extensions import db
from marketplace.models import ApiToken, User
from marketplace.models._types import utcnow
from marketplace.services.audit import trail
from marketplace.services.common.service_errors import NotFound, ValidationFailed

log = logging.getLogger(__name__)

SECRET_PREFIX = "cqd_"  # tells a leaked secret apart from other strings (secret scanners)
NAME_MAX = 80
ACTIVE_MAX = 10  # live tokens per account
TOUCH_EVERY = timedelta(minutes=1)  # last-used time granularity: not a write on every request


def digest(secret: str) -> str:
    """The stored form of a secret (sha256 hex): a token's identity."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def own_tokens(user_id: int) -> list[ApiToken]:
    """An account's tokens, live ones first, newest first."""
    return list(db.session.scalars(
        select(ApiToken).where(ApiToken.user_id == user_id)
        .order_by(ApiToken.revoked_at.is_not(None), ApiToken.created_at.desc(), ApiToken.id.desc())
    ))  # fmt: skip


def create(user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for the account and its secret (the only time the secret is known)."""
    name = (name or "").strip()
    if not 1 <= len(name) <= NAME_MAX:
        raise ValidationFailed({"name": _("Name the token in 1 to %(n)d characters.", n=NAME_MAX)})
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    with write_transaction() as session:
        live = session.scalars(
            select(ApiToken.id).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        ).all()
        if len(live) >= ACTIVE_MAX:
            raise ValidationFailed({"name": _(
                "An account may have at most %(n)d tokens; revoke one first.", n=ACTIVE_MAX)})
        token = ApiToken(
            user_id=user.id, name=name, prefix=secret[:10], token_hash=digest(secret),
            role=str(user.role),
        )  # fmt: skip
        session.add(token)
        session.flush()
        trail.record("api-token-created", subject=f"user:{user.id}", actor=user,
                     after={"token": token.id, "name": name, "prefix": token.prefix})  # fmt: skip
    log.info("api token %s created for user %s", token.id, user.id)
    return token, secret


def revoke(user_id: int, token_id: int) -> ApiToken:
    """Revoke one of the account's own tokens (another's is NotFound)."""
    with write_transaction() as session:
        token = session.get(ApiToken, token_id)
        if token is None or token.user_id != user_id:
            raise NotFound(_("No such token."))
        if token.revoked_at is None:
            token.revoked_at = utcnow()
            trail.record("api-token-revoked", subject=f"user:{user_id}",
                         after={"token": token.id, "name": token.name})  # fmt: skip
    log.info("api token %s revoked", token_id)
    return token


def revoke_all(session, user_id: int, when) -> int:
    """Inside a write transaction: revoke every live token of the account; how many."""
    return session.execute(
        update(ApiToken).where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=when).execution_options(synchronize_session=False)
    ).rowcount or 0  # fmt: skip


def user_for_secret(secret: str) -> User | None:
    """The account a live bearer secret acts for, or None (unknown, revoked, role changed,
    suspended); records the last-used time at most once a minute."""
    if not secret.startswith(SECRET_PREFIX) or len(secret) > 200:
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == digest(secret)))
    if token is None or token.revoked_at is not None:
        return None
    user = db.session.get(User, token.user_id)
    if user is None or str(user.role) != token.role or user.is_suspended:
        return None
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        token_id = token.id
        with write_transaction() as session:
            session.execute(
                update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=now)
            )
        user = db.session.get(User, user.id)
    return user
