"""Templates show what the view passed: rendering a page runs no SQL statement of its own."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from flask import before_render_template, template_rendered
from sqlalchemy import event

from marketplace import template_helpers
from marketplace.extensions import db


@contextmanager
def statements_while_rendering(app):
    """Collect the SQL run between a template's start and end of rendering (not in the view)."""
    state = {"rendering": 0, "sql": []}

    def started(_sender, **_extra):
        state["rendering"] += 1

    def finished(_sender, **_extra):
        state["rendering"] -= 1

    def executed(_conn, _cursor, statement, *_args):
        if state["rendering"]:
            state["sql"].append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", executed)
    before_render_template.connect(started, app)
    template_rendered.connect(finished, app)
    try:
        yield state["sql"]
    finally:
        template_rendered.disconnect(finished, app)
        before_render_template.disconnect(started, app)
        event.remove(engine, "before_cursor_execute", executed)


def _page(app, client, path: str) -> list[str]:
    with statements_while_rendering(app) as sql:
        response = client.get(path)
    assert response.status_code == 200, path
    return sql


def test_the_staff_home_counts_its_queue_in_the_view(app, staff_client):
    assert _page(app, staff_client, "/staff") == []


def test_the_manufacturer_dashboard_counts_needs_in_the_view(app, manufacturer_client):
    assert _page(app, manufacturer_client, "/manufacturer") == []


def test_the_account_page_lists_tokens_in_the_view(app, studio_client):
    assert _page(app, studio_client, "/account") == []


def test_a_studio_page_reads_ratings_and_scenarios_in_the_view(app, studio_client):
    path = f"/studios/{studio_client.account.studio_id}"
    assert _page(app, studio_client, path) == []


@pytest.mark.parametrize("name", sorted(template_helpers.PURE_GLOBALS))
def test_app_wide_template_globals_are_registered_from_one_module(app, name):
    """Every pure helper the templates see is the one template_helpers registers."""
    assert app.jinja_env.globals[name] is template_helpers.PURE_GLOBALS[name]


def test_no_template_global_reads_the_database_unless_listed(app):
    """A global added elsewhere (not in template_helpers) fails here."""
    from jinja2 import Environment

    builtin = set(Environment().globals) | {"url_for", "get_flashed_messages", "config",
                                            "request", "session", "g", "csrf_token",
                                            "csrf_meta_tag", "_", "gettext", "ngettext",
                                            "pgettext", "npgettext"}  # fmt: skip
    ours = set(app.jinja_env.globals) - builtin
    assert ours == set(template_helpers.PURE_GLOBALS)


def _reading(sql: list[str], *tables: str) -> list[str]:
    """The statements that read one of these tables (what the removed template helpers read;
    the lazy loads of a shown object's own relations are not counted here)."""
    return [q for q in sql if any(f"FROM {t}" in q or f"JOIN {t}" in q for t in tables)]


def test_a_need_page_gets_its_bid_box_and_badges_from_the_view(app, studio_client,
                                                                 manufacturer_client):
    from tests.bid_helpers import make_need

    with app.app_context():
        need_id = make_need(manufacturer_client.account.id)
    for reader in (studio_client, manufacturer_client):
        sql = _page(app, reader, f"/needs/{need_id}")
        assert _reading(sql, "bids", "companies", "users", "match_rows") == []


def test_a_shortlisted_bid_page_gets_its_contacts_from_the_view(app, studio_client,
                                                                  manufacturer_client):
    from marketplace.services.bids import submitting
    from tests.bid_helpers import bid_input, make_need

    with app.app_context():
        need_id = make_need(manufacturer_client.account.id)
        bid_id = submitting.submit(studio_client.account.actor, need_id, bid_input()).id
    sql = _page(app, studio_client, f"/bids/{bid_id}")
    assert _reading(sql, "companies", "engagements", "users") == []


def test_a_studio_dashboard_and_a_scenario_page_get_their_panels_from_the_view(
        app, studio_client, manufacturer_client):
    sql = _page(app, studio_client, "/studio/dashboard")
    assert _reading(sql, "need_invitations", "match_rows", "needs") == []
    sql = _page(app, manufacturer_client, "/scenarios/NEV-01")
    assert _reading(sql, "studio_interests", "needs", "match_rows") == []
