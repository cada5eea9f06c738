"""Counters shared by every worker and host, in the rate limits' store (Redis when configured)."""

from __future__ import annotations

from flask import current_app
from limits.storage import Storage, storage_from_string


def storage() -> Storage:
    """The store named by RATELIMIT_STORAGE_URI (the same as the rate limits'), one per app:
    Redis shares the counts between workers and hosts; memory:// is per process."""
    own = current_app.extensions.get("shared_counters")
    if own is None:
        uri = current_app.config.get("RATELIMIT_STORAGE_URI", "memory://")
        own = storage_from_string(uri, **current_app.config.get("RATELIMIT_STORAGE_OPTIONS", {}))
        current_app.extensions["shared_counters"] = own
    return own


def bump(key: str, window_s: int) -> int:
    """Add one to `key` (which expires `window_s` after its first count); the new count."""
    return int(storage().incr("cqd:" + key, window_s))


def peek(key: str) -> int:
    """The current count of `key` (0 when absent or expired)."""
    return int(storage().get("cqd:" + key) or 0)


def clear(key: str) -> None:
    """Forget `key`."""
    storage().clear("cqd:" + key)
