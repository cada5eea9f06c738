"""Templates read nothing: every app-wide global, filter and context processor is a reviewed pure
callable, and every context processor runs with the database made to refuse any statement."""

from __future__ import annotations

from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from flask import Flask
from flask_login import login_user
from jinja2 import Environment
from sqlalchemy import event

from marketplace import create_app, template_helpers
from marketplace.extensions import db
from marketplace.notifications import notifications_routes

# name -> the function it must be. Add a global here only if it reads no database: a page's data
# is computed by its view and passed to render_template.
PURE_GLOBALS = {
    "url_with": "marketplace.templating.url_with",
    "district_label": "marketplace.reference.district_label",
    "has_endpoint": "marketplace.templating.has_endpoint",
    "get_locale": "flask_babel.get_locale",
    "html_lang": "marketplace.i18n.html_lang",
    "current_language": "marketplace.i18n.current_language",
    "language_switch": "tuple",
    "localized": "marketplace.catalog.localize.localized",
    "reads_chinese": "marketplace.catalog.localize.reads_chinese",
    "reader_version": "marketplace.catalog.localize.reader_version",
    "reader_text": "marketplace.catalog.localize.reader_text",
    "part_levels": "marketplace.services.reviews.wording.part_levels",
    "event_title": "marketplace.matchmaking.helpers.event_title",
    "event_slot": "marketplace.matchmaking.helpers.event_slot",
    "event_slot_start": "marketplace.matchmaking.helpers.event_slot_start",
    "event_time": "marketplace.matchmaking.helpers.event_time",
    "request_status": "marketplace.matchmaking.helpers.request_status",
    "fit_word": "marketplace.matchmaking.helpers.fit_word",
    "unplaced_reason": "marketplace.matchmaking.helpers.unplaced_reason",
}
PURE_FILTERS = {
    "date": "marketplace.templating.format_date",
    "datetime": "marketplace.templating.format_time",
    "cny": "marketplace.templating.format_cny",
    "first_sentence": "marketplace.catalog.localize.first_sentence",
    "shanghai": "marketplace.bids.bids_routes.shanghai",
}
# Flask's, Flask-WTF's, Flask-Babel's and Jinja's own.
BUILTIN_GLOBALS = set(Environment().globals) | {
    "url_for", "get_flashed_messages", "config", "request", "session", "g", "csrf_token",
    "csrf_meta_tag", "_", "gettext", "ngettext", "pgettext", "npgettext",
}  # fmt: skip
BUILTIN_FILTERS = set(Environment().filters) | {
    "datetimeformat", "dateformat", "timeformat", "timedeltaformat", "numberformat",
    "decimalformat", "currencyformat", "percentformat", "scientificformat",
}  # Flask-Babel's


def _name(obj) -> str:
    if not callable(obj):
        return type(obj).__name__
    return f"{obj.__module__}.{obj.__qualname__}"


@pytest.fixture
def app(tmp_path) -> Flask:
    """The real app on an empty database file (no tables: a statement would fail anyway)."""
    return create_app("testing", {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'empty.db'}",
        "SEARCH_INDEX_DIR": str(tmp_path / "search_index"), "UPLOAD_DIR": str(tmp_path / "uploads"),
    })  # fmt: skip


@contextmanager
def refusing_sql(app: Flask):
    """Any SQL statement sent to the app's database raises."""

    def refuse(_conn, _cursor, statement, *_args):
        raise AssertionError(f"a template helper ran SQL: {statement}")

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", refuse)
    try:
        yield
    finally:
        event.remove(engine, "before_cursor_execute", refuse)


def _signed_in() -> SimpleNamespace:
    return SimpleNamespace(id=7, role="studio", studio_id=3, is_authenticated=True,
                           is_active=True, is_anonymous=False, is_staff=False, get_id=lambda: "7")


def run_context_processors(app: Flask, path: str, user=None) -> dict:
    """Every app-wide context processor, as render_template runs them, for one request."""
    values: dict = {}
    with app.test_request_context(path):
        if user is not None:
            login_user(user)
        notifications_routes.count_unread()  # the request hook that reads the bell's count
        with refusing_sql(app):
            for processor in app.template_context_processors[None]:
                values.update(processor())
    return values


def test_globals_are_the_reviewed_pure_ones(app):
    ours = {name: _name(value) for name, value in app.jinja_env.globals.items()
            if name not in BUILTIN_GLOBALS}  # fmt: skip
    assert ours == PURE_GLOBALS


def test_filters_are_the_reviewed_pure_ones(app):
    ours = {name: _name(value) for name, value in app.jinja_env.filters.items()
            if name not in BUILTIN_FILTERS}  # fmt: skip
    assert ours == PURE_FILTERS


def test_the_reading_globals_are_gone():
    assert not hasattr(template_helpers, "READING_GLOBALS")


@pytest.mark.parametrize("signed_in", [False, True])
def test_context_processors_run_no_sql(app, signed_in, monkeypatch):
    """The bell's count is read before the view (a request hook), not by the processor."""
    from marketplace.services.notifications import notification_reading

    monkeypatch.setattr(notification_reading, "unread_count", lambda user_id: 4)
    user = _signed_in() if signed_in else None
    values = run_context_processors(app, "/studio/dashboard", user)
    assert values["unread_notifications"] == (4 if signed_in else None)
    assert callable(values["studio_picture"])
    assert not {"studios_by_id", "scenario_leads", "studio_needs", "bid_panel"} & set(values)


def test_a_reading_context_processor_is_caught(app):
    """The check fails for a processor that queries, as one reading a panel from Jinja would."""

    def reads():
        db.session.execute(db.text("select 1"))
        return {}

    app.context_processor(reads)
    with pytest.raises(AssertionError, match="ran SQL"):
        run_context_processors(app, "/")
