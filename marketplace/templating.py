"""Template helpers: navigation data, URL building for filters, and formatting filters."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from urllib.parse import urlencode

from flask import current_app, request, url_for
from flask_babel import format_currency, format_datetime
from flask_babel import format_date as babel_format_date


def url_with(**changes) -> str:
    """The current URL with some query parameters changed (None removes one)."""
    args = request.args.to_dict(flat=True)
    for key, value in changes.items():
        if value is None or value == "":
            args.pop(key, None)
        else:
            args[key] = value
    if "page" not in changes:
        args.pop("page", None)  # a new filter starts at page 1
    # Query arguments go into the query string only: passed to url_for, names like `endpoint`,
    # `_method`, `_external` or a view argument's name would be taken as its own parameters.
    base = url_for(request.endpoint, **(request.view_args or {}))
    return f"{base}?{urlencode(args)}" if args else base


def has_endpoint(name: str) -> bool:
    """True when a route with this endpoint name is registered (features can be absent)."""
    return name in current_app.view_functions


def format_date(value: datetime | date | None, style: str = "medium") -> str:
    """A stored UTC time as a date in Asia/Shanghai, in the reader's language (2026年11月22日)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_datetime(value, _date_pattern(style))
    return babel_format_date(value, style)


def _date_pattern(style: str) -> str:
    from babel.dates import get_date_format
    from flask_babel import get_locale

    return get_date_format(style, locale=get_locale()).pattern


def format_time(value: datetime | None) -> str:
    """A stored UTC time as date and 24-hour time in Asia/Shanghai (2026年11月22日 14:05)."""
    if value is None:
        return ""
    return f"{format_date(value)} {format_datetime(value, 'HH:mm')}"


def format_cny(value: int | float | Decimal | None, whole: bool = True) -> str:
    """An amount of money in yuan, formatted for the reader (¥12,000 / CN¥12,000)."""
    if value is None:
        return ""
    if whole:
        return format_currency(value, "CNY", format="¤#,##0", currency_digits=False)
    return format_currency(value, "CNY")

