"""Query-string parsing for routes: a bad value is a 400 that names the parameter."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from urllib.parse import urlsplit

from flask import abort, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.routing import IntegerConverter
from werkzeug.urls import iri_to_uri

# The largest id a database integer column holds (SQLite and PostgreSQL BIGINT).
MAX_ID = 2**63 - 1


class BoundedIntConverter(IntegerConverter):
    """`<int:...>` that does not match ids beyond 64 bits, so they get a 404, not an overflow."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)

MAX_PAGE = 10_000


LABELS = {  # the names code_arg's callers give, as readers see them
    "industry code": _l("industry code"),
    "discipline code": _l("discipline code"),
    "district": _l("district"),
}


def page_arg(name: str = "page") -> int:
    """The 1-based page number from the query string (default 1)."""
    raw = request.args.get(name, "").strip()
    if not raw:
        return 1
    # ASCII digits only: str.isdigit() also accepts '²', which int() refuses.
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 6) or not 1 <= int(raw) <= MAX_PAGE:
        abort(
            400,
            description=_(
                "'%(name)s' must be a whole number from 1 to %(max)d.", name=name, max=MAX_PAGE
            ),
        )
    return int(raw)


def code_arg(name: str, allowed: Iterable[str], label: str | None = None) -> str | None:
    """An optional code from a fixed list (case-insensitive), or a 400 naming the allowed values."""
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    allowed_list = list(allowed)
    lookup = {a.upper(): a for a in allowed_list}
    if raw.upper() not in lookup:
        what = LABELS.get(label or name, label or name)
        message = _(
            "Unknown %(what)s %(value)s. Use one of: %(allowed)s.",
            what=what,
            value=repr(raw[:40]),
            allowed=", ".join(allowed_list),
        )
        abort(400, description=message)
    return lookup[raw.upper()]


def choice_arg(name: str, allowed: Iterable[str], default: str) -> str:
    """An optional value from a fixed set (exact match), or a 400."""
    raw = request.args.get(name, "").strip()
    if not raw:
        return default
    allowed_list = list(allowed)
    if raw not in allowed_list:
        message = _(
            "'%(name)s' must be one of: %(allowed)s.", name=name, allowed=", ".join(allowed_list)
        )
        abort(400, description=message)
    return raw


def flag_arg(name: str) -> bool:
    """True when the query string has name=1/true/yes/on."""
    return request.args.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


# --- Shared parsers: ASCII digits only, bounded to what the database column holds. ---------
INT32_MAX = 2**31 - 1  # an Integer column on PostgreSQL
DATE_MIN = date(2000, 1, 1)  # the API's bounds (marketplace.api.schemas.Days), for every form
DATE_MAX = date(2100, 12, 31)
_ASCII_INT = re.compile(r"[0-9]{1,19}")


def parse_int(raw: object, minimum: int = 0, maximum: int = MAX_ID) -> int | None:
    """`raw` as an int when it is ASCII digits (optionally '-' when minimum < 0) within
    [minimum, maximum]; None otherwise. Never raises: '²', '①', '١', 10**30 are all None."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        value = raw
    else:
        text = str(raw if raw is not None else "").strip()
        negative = text.startswith("-") and minimum < 0
        digits = text[1:] if negative else text
        if not _ASCII_INT.fullmatch(digits):
            return None
        value = -int(digits) if negative else int(digits)
    return value if minimum <= value <= maximum else None


def parse_id(raw: object) -> int | None:
    """A database id (1 to 2**63 - 1) written in ASCII digits, or None."""
    return parse_int(raw, 1, MAX_ID)


def parse_day(raw: object, fmt: str = "%Y-%m-%d") -> date | None:
    """A date in `fmt` between 2000-01-01 and 2100-12-31, or None."""
    moment = parse_moment(raw, fmt)
    return moment.date() if moment is not None else None


def parse_moment(raw: object, fmt: str = "%Y-%m-%dT%H:%M") -> datetime | None:
    """A naive date-time in `fmt` whose day lies in the API's bounds, or None."""
    text = str(raw or "").strip()
    if not text.isascii() or len(text) > 40:
        return None
    try:
        moment = datetime.strptime(text, fmt)
    except ValueError:
        return None
    return moment if DATE_MIN <= moment.date() <= DATE_MAX else None


def int_arg(name: str, minimum: int = 0, maximum: int = INT32_MAX) -> int | None:
    """An optional whole number from the query string, or a 400 naming it and its range."""
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    value = parse_int(raw, minimum, maximum)
    if value is None:
        abort(400, description=_(
            "'%(name)s' must be a whole number from %(low)d to %(high)d.",
            name=name, low=minimum, high=maximum))  # fmt: skip
    return value


def day_arg(name: str) -> date | None:
    """An optional date (YYYY-MM-DD, 2000 to 2100) from the query string, or a 400."""
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    day = parse_day(raw)
    if day is None:
        abort(400, description=bad_date_message(name))
    return day


def bad_date_message(name: str) -> str:
    """'<name> must be a date like 2026-12-31 between 2000 and 2100.'"""
    return _("'%(name)s' must be a date like 2026-12-31, between %(low)s and %(high)s.",
             name=name, low=DATE_MIN.isoformat(), high=DATE_MAX.isoformat())  # fmt: skip


def form_id(name: str) -> int | None:
    """An id from the submitted form (ASCII digits, within 64 bits), or None."""
    return parse_id(request.form.get(name, ""))


def form_key_ids(prefix: str) -> list[int]:
    """The ids in form keys named '<prefix>_<id>' (e.g. reason_12); other keys are ignored."""
    ids = []
    for key in request.form:
        head, sep, tail = key.partition("_")
        value = parse_id(tail) if head == prefix and sep else None
        if value is not None:
            ids.append(value)
    return ids


def safe_path(target: object, prefix: str = "/") -> str | None:
    """The one check for every redirect target a user sends (`next`, `return_to`): a same-site
    path starting with `prefix`, percent-encoded; None for anything else. Refused: schemes and
    hosts, '//' and '\\', and every control or space character (browsers drop a tab or newline,
    so '/<TAB>/evil.example' would become '//evil.example'; a newline would split headers)."""
    if not isinstance(target, str) or not target or len(target) > 2000:
        return None
    if not target.isprintable() or any(c.isspace() for c in target):
        return None
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    try:
        parts = urlsplit(target)
        uri = iri_to_uri(target)  # a Chinese query (/search?q=电池) comes back percent-encoded
    except ValueError:
        return None
    if parts.scheme or parts.netloc or not parts.path.startswith(prefix):
        return None
    return uri
