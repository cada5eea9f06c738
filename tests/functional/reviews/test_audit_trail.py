"""Logins, failed logins, refused access and staff actions land in the audit trail; CSV is safe."""

from __future__ import annotations

import csv
import io
import re

from marketplace.access import access_roles
from tests.conftest import login
from tests.functional.reviews.conftest import text


def _actions(app) -> list[str]:
    from marketplace.extensions import db
    from marketplace.models import AuditEntry

    with app.app_context():
        return [e.action for e in db.session.query(AuditEntry).order_by(AuditEntry.id)]


def test_logins_failures_and_denials_are_recorded(app, make_account):
    account = make_account("studio")
    client = app.test_client()
    client.post("/login", data={"email": account.email, "password": "wrong password here"})
    login(client, account)
    assert client.get("/staff/audit").status_code == 403
    assert _actions(app) == ["login-failed", "login", "access-denied"]


def test_staff_filter_the_trail_and_export_it_safely(app, staff_client, make_account):
    from marketplace.services.audit import trail

    with app.app_context():
        trail.record("suspended", subject="studio:7", note="=HYPERLINK(\"http://x\")",
                     after={"suspended_at": "2026-11-27T10:00:00"})  # fmt: skip
        trail.record("restored", subject="studio:7", note="@SUM(A1)")
    page = text(staff_client.get("/staff/audit?action=suspended"))
    # a studio that no longer exists reads by its number, never by the internal key
    assert "#7" in page and "studio:7" not in page and "HYPERLINK" in page and "@SUM" not in page
    assert staff_client.get("/staff/audit?action=drop-table").status_code == 400
    assert staff_client.get("/staff/audit?since=27/11/2026").status_code == 400
    response = staff_client.get("/staff/audit.csv?subject=studio:7")
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:5] == ["id", "at_utc", "actor_email", "actor_role", "action"]
    notes = {r[4]: r[8] for r in rows[1:]}
    assert notes["suspended"].startswith("'=HYPERLINK")
    assert notes["restored"] == "'@SUM(A1)"


def test_no_route_can_change_or_delete_audit_rows(app):
    writers = [
        rule.rule for rule in app.url_map.iter_rules()
        if "audit" in rule.rule and set(rule.methods) - {"GET", "HEAD", "OPTIONS"}
    ]  # fmt: skip
    assert writers == []


def test_every_staff_page_is_staff_only(app, make_account):
    """Walk the url_map: every /staff/ route answers 403 to studios and manufacturers."""
    clients = {}
    for role in ("studio", "manufacturer"):
        clients[role] = app.test_client()
        login(clients[role], make_account(role))
    checked = 0
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/staff") or rule.endpoint == "static":
            continue
        assert access_roles(app.view_functions[rule.endpoint]) == {"staff"}, rule.rule
        url = rule.rule
        for name in rule.arguments:
            url = url.replace(f"<int:{name}>", "1").replace(f"<{name}>", "studio")
            url = re.sub(r"<any\(([a-z_]+)[^>]*\):" + name + ">", r"\1", url)
            url = re.sub(r"<[^>]*:" + name + ">", "x", url)  # other converters: any value routes
        method = "GET" if "GET" in rule.methods else "POST"
        for role, client in clients.items():
            response = client.open(url, method=method)
            assert response.status_code == 403, (role, method, url, response.status_code)
        anonymous = app.test_client().open(url, method=method)
        assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
        checked += 1
    assert checked >= 12
