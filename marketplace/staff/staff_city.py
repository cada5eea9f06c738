"""Staff: /staff/city drill-down with filters and CSV; the monthly reports, listed and opened."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.access import role_required
from marketplace.city import city_present
from marketplace.city.city_routes import filter_options, read_filters
from marketplace.models import Role
from marketplace.services.city import city_reports, dashboard, drilldown
from marketplace.services.city.city_figures import World
from marketplace.services.city.periods import FilterError, current_month, parse_month
from marketplace.services.common.service_errors import NotFound, ValidationFailed
from marketplace.services.matchmaking.matchmaking_figures import events_in_period
from marketplace.staff import bp


@bp.get("/staff/city")
@role_required(Role.STAFF)
def city_figures():
    """Every figure unsuppressed, process figures, scenarios and needs, for the filters."""
    f = read_filters()
    world = World.load()
    needs = drilldown.needs(world, f)
    figures = drilldown.figures(world, f)
    data = dashboard.build(f, suppress=False, world=world)
    return render_template(
        "staff/city_figures.html", f=f, data=data, present=city_present, options=filter_options(),
        cells=[city_present.cell(k, v.as_dict()) for k, v in figures.items()],
        process=city_present.staff_cells(drilldown.process(world, f, needs)),
        needs=needs, scenarios=drilldown.scenarios(needs or []),
        names=city_present.industry_names(), places=city_present.district_names(),
        industry_columns=dashboard.INDUSTRY_COLUMNS, district_columns=dashboard.DISTRICT_COLUMNS,
        events=events_in_period(f.period), events_threshold=0,
    )  # fmt: skip


@bp.get("/staff/city.csv")
@role_required(Role.STAFF)
def city_figures_csv():
    """The drill-down as CSV: summary figures, then one line per need."""
    f = read_filters()
    world = World.load()
    needs = drilldown.needs(world, f)
    summary = {**drilldown.figures(world, f), **drilldown.process(world, f, needs)}
    body = drilldown.needs_csv(needs or [], summary)
    name = f"city-{f.period.label}{'-' + f.industry if f.industry else ''}" \
           f"{'-' + f.district if f.district else ''}.csv"  # fmt: skip
    return Response(body, mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f"attachment; filename={name}"})  # fmt: skip


@bp.get("/staff/city/reports", endpoint="city_reports")
@role_required(Role.STAFF)
def city_report_list():
    """The kept monthly reports, newest first, and a form to make a missing one."""
    return render_template(
        "staff/city_reports.html",
        reports=city_reports.listing(),
        suggested=city_reports.previous_month(),
        local=city_reports.local_time,
    )


@bp.post("/staff/city/reports")
@role_required(Role.STAFF)
def generate_city_report():
    """Make and keep the report of a finished month that has none yet."""
    month = (request.form.get("month") or "").strip()
    try:
        city_reports.generate(month, current_user.id)
    except ValidationFailed as exc:
        flash(_("Report not made: %(why)s", why=str(exc)), "error")
        return redirect(url_for("staff.city_reports")), 303
    flash(_("The report of %(month)s is kept.", month=month), "success")
    return redirect(url_for("staff.city_report", month=month), 303)


def _report(month: str):
    try:
        parse_month(month)
    except FilterError as exc:
        abort(400, exc.message())
    try:
        return city_reports.get(month)
    except NotFound:
        abort(404, _("No report is kept for %(month)s.", month=month))


@bp.get("/staff/city/reports/preview")
@role_required(Role.STAFF)
def preview_city_report():
    """The running month so far, laid out as its report will be (computed now, not kept)."""
    month = current_month()
    return _render_report(month, city_reports.snapshot(month), None)


@bp.get("/staff/city/reports/<string(maxlength=12):month>")
@role_required(Role.STAFF)
def city_report(month: str):
    """A kept report, printable (print stylesheet), drawn from its stored snapshot."""
    report = _report(month)
    return _render_report(month, report.snapshot, report)


def _render_report(month: str, data: dict, report):
    return render_template(
        "staff/city_report.html", month=month, report=report, data=data, present=city_present,
        cells=[city_present.cell(k, v) for k, v in data["figures"].items()],
        process=[city_present.cell(k, v) for k, v in data["process"].items()],
        targets=city_present.targets(data["figures"]), charts=city_present.charts_for(data),
        industry_columns=dashboard.INDUSTRY_COLUMNS, district_columns=dashboard.DISTRICT_COLUMNS,
        month_columns=dashboard.MONTH_COLUMNS, local=city_reports.local_time,
    )  # fmt: skip


@bp.get("/staff/city/reports/<string(maxlength=12):month>.pdf")
@role_required(Role.STAFF)
def city_report_pdf(month: str):
    """The kept report's PDF."""
    report = _report(month)
    if not report.pdf:
        abort(404)
    return Response(
        report.pdf,
        mimetype="application/pdf",
        headers={"Content-Disposition": f"inline; filename=city-{month}.pdf"},
    )
