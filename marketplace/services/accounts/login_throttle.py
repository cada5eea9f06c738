"""Login throttle in the database: guessing addresses and (account, address) pairs are blocked.

An account as a whole is never blocked, so nobody can lock the owner out by guessing from many
addresses: the owner logging in from an address that has not been guessing is always let through.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import case, delete, select, update
from sqlalchemy.exc import IntegrityError

from marketplace.database import write_transaction
from marketplace.extensions import db
from marketplace.models import LoginFailure
from marketplace.models._types import utcnow

log = logging.getLogger(__name__)

DEFAULTS = {
    "LOGIN_FAILURE_WINDOW_SECONDS": 15 * 60,  # counters restart after this long
    "LOGIN_ADDRESS_FAILURES": 20,  # failed logins from one address (any accounts) per window
    "LOGIN_PAIR_FAILURES": 5,  # failed logins for one account from one address per window
}
KEEP_ROWS = timedelta(days=1)  # expired counters are deleted after this long


@dataclass(frozen=True)
class Blocked:
    """A refusal: which counter tripped and how many seconds until it resets."""

    scope: str
    retry_after: int


def _setting(name: str) -> int:
    return int(current_app.config.get(name, DEFAULTS[name]))


def enabled() -> bool:
    """The throttle follows the rate-limit switch (off in most tests)."""
    return bool(current_app.config.get("RATELIMIT_ENABLED", True))


def address_group(remote_addr: str | None) -> str:
    """The unit a client is counted by: its IPv4 address, or its IPv6 /64 network."""
    try:
        ip = ipaddress.ip_address((remote_addr or "").strip())
    except ValueError:
        return "unknown"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _keys(email: str, remote_addr: str | None) -> dict[str, str]:
    group = address_group(remote_addr)
    account = (email or "").strip().lower()[:254]
    raw = {"address": f"address:{group}", "pair": f"pair:{account}\n{group}"}
    return {scope: hashlib.sha256(value.encode()).hexdigest() for scope, value in raw.items()}


def check(email: str, remote_addr: str | None, now: datetime | None = None) -> Blocked | None:
    """Why a login from this address for this account must be refused now, or None."""
    if not enabled():
        return None
    now = now or utcnow()
    window = timedelta(seconds=_setting("LOGIN_FAILURE_WINDOW_SECONDS"))
    keys = _keys(email, remote_addr)
    rows = {
        r.key: r
        for r in db.session.scalars(
            select(LoginFailure).where(
                LoginFailure.key.in_(keys.values()), LoginFailure.window_start > now - window
            )
        )
    }
    limits = {
        "address": _setting("LOGIN_ADDRESS_FAILURES"),
        "pair": _setting("LOGIN_PAIR_FAILURES"),
    }
    for scope in ("pair", "address"):
        row = rows.get(keys[scope])
        if row is not None and row.failures >= limits[scope]:
            wait = (row.window_start + window - now).total_seconds()
            return Blocked(scope, max(1, math.ceil(wait)))
    return None


def record_failure(email: str, remote_addr: str | None, now: datetime | None = None) -> None:
    """Count one failed login against the address and the (account, address) pair."""
    if not enabled():
        return
    now = now or utcnow()
    cutoff = now - timedelta(seconds=_setting("LOGIN_FAILURE_WINDOW_SECONDS"))
    expired = LoginFailure.window_start <= cutoff
    keys = list(_keys(email, remote_addr).values())
    for _attempt in range(2):  # a concurrent first insert of the same key: count it again
        try:
            with write_transaction() as session:
                for key in keys:
                    bumped = session.execute(
                        update(LoginFailure)
                        .where(LoginFailure.key == key)
                        .values(
                            failures=case((expired, 1), else_=LoginFailure.failures + 1),
                            window_start=case((expired, now), else_=LoginFailure.window_start),
                        )
                        .execution_options(synchronize_session=False)
                    ).rowcount
                    if not bumped:
                        session.add(LoginFailure(key=key, failures=1, window_start=now))
                        session.flush()
                session.execute(
                    delete(LoginFailure).where(LoginFailure.window_start < now - KEEP_ROWS)
                )
            return
        except IntegrityError:
            log.info("login failure counter created concurrently; counting again")
    log.warning("could not record a failed login after two tries")


def record_success(email: str, remote_addr: str | None) -> None:
    """A correct password clears the pair's counter (not the address's: that stays honest)."""
    if not enabled():
        return
    key = _keys(email, remote_addr)["pair"]
    with write_transaction() as session:
        session.execute(delete(LoginFailure).where(LoginFailure.key == key))

