"""Template helpers: navigation data, URL building for filters, and formatting filters."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlencode

from flask import Flask, current_app, request, url_for

from marketplace.reference import district_label


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


def format_date(value: datetime | None) -> str:
    """A date as '22 Nov 2026'."""
    return value.strftime("%-d %b %Y") if value else ""


def init_app(app: Flask) -> None:
    """Register globals and filters for every template."""
    app.jinja_env.globals.update(
        url_with=url_with, district_label=district_label, has_endpoint=has_endpoint
    )
    app.jinja_env.filters["date"] = format_date
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.context_processor
    def inject_now() -> dict:
        return {"current_year": datetime.now().year}
