"""Times on needs: entered and shown in Asia/Shanghai, stored as naive UTC."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


def shanghai_to_utc(local: datetime) -> datetime:
    """A naive Asia/Shanghai wall-clock time as naive UTC."""
    return local.replace(tzinfo=SHANGHAI).astimezone(UTC).replace(tzinfo=None)


def utc_to_shanghai(value: datetime | None) -> datetime | None:
    """A naive UTC time as naive Asia/Shanghai wall-clock time."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC).astimezone(SHANGHAI).replace(tzinfo=None)


def format_shanghai(value: datetime | None) -> str:
    """'2026-12-01 18:00 (Beijing time)' for a stored UTC time; empty for None."""
    local = utc_to_shanghai(value)
    return local.strftime("%Y-%m-%d %H:%M") if local else ""
