"""Routes and commands are registered from one table: a module left out of it fails here."""

from __future__ import annotations

import re
from pathlib import Path

from marketplace import blueprint_registry

PACKAGE = Path(__file__).resolve().parents[3] / "marketplace"
DECLARES = re.compile(r"^@bp\.(route|get|post|before_app_request|after_app_request)", re.M)


def test_every_module_that_declares_routes_is_in_the_registry():
    declaring = {
        ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        for path in PACKAGE.rglob("*.py")
        if DECLARES.search(path.read_text(encoding="utf-8"))
    }
    listed = {module.__name__ for _bp, modules in blueprint_registry.BLUEPRINTS
              for module in modules}  # fmt: skip
    assert declaring - listed == set()


def test_every_staff_url_is_served_by_the_staff_blueprint(app):
    staff_rules = [r for r in app.url_map.iter_rules() if r.rule.startswith("/staff")]
    assert staff_rules
    assert {r.endpoint.split(".")[0] for r in staff_rules} == {"staff"}


def test_commands_kept_outside_their_group_are_attached(runner):
    assert runner.invoke(args=["match", "learn", "--help"]).exit_code == 0
    assert runner.invoke(args=["search", "follow", "--help"]).exit_code == 0
