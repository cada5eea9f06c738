"""Coverage map and exposure audit pages (figures computed by services/reviews)."""

from __future__ import annotations

from datetime import timedelta

from flask import Response, abort, render_template, request
from flask_babel import gettext as _

from marketplace.access import role_required
from marketplace.models import Role
from marketplace.models._types import utcnow
from marketplace.services.reviews import coverage, exposure
from marketplace.staff import bp
from marketplace.staff.staff_forms import parse_date


@bp.get("/staff/coverage")
@role_required(Role.STAFF)
def coverage_map():
    """Per industry and scenario: studios at each fit level, interest, bids, approvals; heat map."""
    scenarios = coverage.scenario_rows()
    industries = coverage.industry_rows(scenarios)
    inds, discs, counts = coverage.heatmap()
    svg = coverage.heatmap_svg(inds, discs, counts, _("Listed studios per industry and discipline"))
    return render_template(
        "staff/coverage.html", scenarios=scenarios, industries=industries, heatmap=svg,
        flagged=[r for r in scenarios if r.flagged], minimum=coverage.MIN_CAPABLE,
    )  # fmt: skip


@bp.get("/staff/coverage.csv")
@role_required(Role.STAFF)
def coverage_csv():
    """The coverage table as CSV."""
    scenarios = coverage.scenario_rows()
    body = coverage.coverage_csv(scenarios, coverage.industry_rows(scenarios))
    disposition = {"Content-Disposition": "attachment; filename=coverage.csv"}
    return Response(body, mimetype="text/csv; charset=utf-8", headers=disposition)


@bp.get("/staff/exposure")
@role_required(Role.STAFF)
def exposure_audit():
    """How often each studio was proposed, approved and invited over a period; concentration."""
    try:
        until = parse_date(request.args.get("until"), end=True) or utcnow()
        since = parse_date(request.args.get("since")) or until - timedelta(days=90)
    except ValueError as exc:
        abort(400, _("Dates must look like 2026-11-27: %(why)s", why=str(exc)))
    if since >= until:
        abort(400, _("'From' must be before 'to'."))
    return render_template("staff/exposure.html", report=exposure.report(since, until),
                           since=since, until=until - timedelta(seconds=1))  # fmt: skip
