"""Strict parsing of the engagement forms: ASCII digits, bounded whole numbers, ISO dates."""

from __future__ import annotations

import re
from datetime import date

from flask import request
from flask_babel import gettext as _

from marketplace.services.common.service_errors import ValidationFailed

DIGITS = re.compile(r"^[0-9]{1,10}$")
ISO_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")


def whole(name: str, required: bool = True) -> int | None:
    """A whole number of at most 10 ASCII digits (thousands commas allowed)."""
    raw = request.form.get(name, "").strip().replace(",", "")
    if not raw:
        if required:
            raise ValidationFailed({name: _("Enter a whole number.")})
        return None
    if not DIGITS.match(raw):
        raise ValidationFailed({name: _("Enter a whole number using the digits 0-9.")})
    return int(raw)


def day(name: str, required: bool = True) -> date | None:
    """A date as YYYY-MM-DD between 2000 and 2100."""
    raw = request.form.get(name, "").strip()
    if not raw:
        if required:
            raise ValidationFailed({name: _("Enter a date as YYYY-MM-DD.")})
        return None
    match = ISO_DATE.match(raw)
    if not match:
        raise ValidationFailed({name: _("Enter a date as YYYY-MM-DD.")})
    try:
        value = date(*(int(g) for g in match.groups()))
    except ValueError:
        raise ValidationFailed({name: _("That date does not exist.")}) from None
    if not 2000 <= value.year <= 2100:
        raise ValidationFailed({name: _("Enter a date between 2000 and 2100.")})
    return value


def upload(name: str):
    """The uploaded file's stream, or None when no file was chosen."""
    data = request.files.get(name)
    return data.stream if data is not None and data.filename else None


def message(exc) -> str:
    """A service error as one line."""
    if isinstance(exc, ValidationFailed):
        return " ".join(exc.errors.values())
    return str(exc)
