"""Query-string parsing for routes: a bad value is a 400 that names the parameter."""

from __future__ import annotations

from collections.abc import Iterable

from flask import abort, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.routing import IntegerConverter

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
