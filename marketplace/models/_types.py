"""Column helpers shared by the models."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Return the current time as a naive UTC datetime (portable across SQLite and PostgreSQL)."""
    return datetime.now(UTC).replace(tzinfo=None)
