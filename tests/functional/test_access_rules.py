"""Deny by default: every route declares who may reach it."""

from __future__ import annotations

from marketplace.access import PUBLIC, access_roles


def test_every_route_declares_an_access_rule(app):
    missing = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        if access_roles(app.view_functions[rule.endpoint]) is None:
            missing.append(f"{rule.rule} ({rule.endpoint})")
    assert not missing, "routes without role_required: " + ", ".join(missing)


def test_a_route_without_a_rule_is_denied(app, client):
    @app.get("/undeclared")
    def undeclared():
        return "secret"

    assert client.get("/undeclared").status_code == 403


def test_only_browsing_pages_are_public(app):
    public = {
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static" and PUBLIC in access_roles(app.view_functions[rule.endpoint])
    }
    assert "/manufacturer" not in public and "/staff" not in public and "/account" not in public
    assert {"/", "/scenarios", "/login", "/register"} <= public
