"""The audit trail for staff: filters and a CSV export (no route changes a row)."""

from __future__ import annotations

from flask import Response, abort, render_template, request
from flask_babel import gettext as _

from marketplace.access import role_required
from marketplace.models import Role
from marketplace.services.audit import audit_labels, export, subjects, trail
from marketplace.staff import bp
from marketplace.staff.staff_forms import parse_date


def _filters() -> trail.AuditFilter:
    args = request.args
    action = args.get("action") or None
    if action and action not in trail.ACTIONS:
        abort(400, _("Unknown action: %(action)s", action=action[:40]))
    try:
        since = parse_date(args.get("since"))
        until = parse_date(args.get("until"), end=True)
    except ValueError as exc:
        abort(400, _("Dates must look like 2026-11-27: %(why)s", why=str(exc)))
    return trail.AuditFilter(action, (args.get("actor") or "")[:254] or None,
                             (args.get("subject") or "")[:120] or None, since, until)  # fmt: skip


@bp.get("/staff/audit")
@role_required(Role.STAFF)
def audit_trail():
    """Who did what and when, newest first."""
    filters = _filters()
    entries = trail.entries(filters)
    return render_template(
        "staff/audit.html", entries=entries, filters=filters, actions=trail.ACTIONS,
        action_label=audit_labels.action_label, changes=audit_labels.changes,
        subjects=subjects.describe(e.subject for e in entries),
    )  # fmt: skip


@bp.get("/staff/audit.csv")
@role_required(Role.STAFF)
def audit_csv():
    """The filtered audit trail as CSV (formula-like cells escaped)."""
    body = export.audit_csv(trail.entries(_filters(), limit=None))
    return Response(body, mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": "attachment; filename=audit.csv"})  # fmt: skip
