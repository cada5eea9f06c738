"""Small forms for staff actions (CSRF protection; the fields are read and checked by services)."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_wtf import FlaskForm

MIN_YEAR, MAX_YEAR = 2000, 2100


class CsrfForm(FlaskForm):
    """A CSRF-protected POST whose fields the route reads from request.form."""


def parse_date(value: str | None, *, end: bool = False) -> datetime | None:
    """A YYYY-MM-DD filter as a UTC datetime (the day after, for an end date); None if blank.

    Raises ValueError with a message naming the field's expected format.
    """
    if not value:
        return None
    try:
        day = datetime.strptime(value.strip(), "%Y-%m-%d")
    except ValueError as exc:
        raise ValueError(f"'{value[:20]}' is not a date like 2026-11-27") from exc
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise ValueError(f"'{value[:20]}' is outside {MIN_YEAR}–{MAX_YEAR}")
    return day + timedelta(days=1) if end else day
