"""/city: the public dashboard (no login, both languages)."""

from __future__ import annotations

from flask import abort, render_template, request

from marketplace.access import PUBLIC, role_required
from marketplace.city import bp, city_present
from marketplace.reference import INDUSTRY_CODES, districts
from marketplace.services.city import dashboard, settings
from marketplace.services.city.periods import FilterError, Filters, parse_filters
from marketplace.services.matchmaking.matchmaking_figures import events_in_period


def read_filters() -> Filters:
    """The query's filters; 400 naming the parameter when one is malformed."""
    try:
        return parse_filters(request.args)
    except FilterError as exc:
        abort(400, exc.message())


def filter_options() -> dict:
    """Choices for the filter form: industries and districts in the reader's language."""
    names, places = city_present.industry_names(), city_present.district_names()
    return {"industries": [(c, names.get(c, c)) for c in INDUSTRY_CODES],
            "districts": [(c, places[c]) for c in districts()]}  # fmt: skip


@bp.get("/city")
@role_required(PUBLIC)
def dashboard_page():
    """The action plan's targets beside the platform's figures, by industry, district and month."""
    f = read_filters()
    data = dashboard.build(f)
    return render_template(
        "city/dashboard.html", data=data, f=f, present=city_present,
        cells=[city_present.cell(k, v) for k, v in data["figures"].items()],
        targets=city_present.targets(data["figures"]), charts=city_present.charts_for(data),
        industry_columns=dashboard.INDUSTRY_COLUMNS, district_columns=dashboard.DISTRICT_COLUMNS,
        month_columns=dashboard.MONTH_COLUMNS, source=settings.source(),
        threshold=settings.threshold(), options=filter_options(),
        events=events_in_period(f.period), events_threshold=settings.threshold(),
        central=[city_present.district_names()[c] for c in sorted(settings.central_districts())],
    )  # fmt: skip
