"""/open-data/: the city's aggregates, the scenario catalogue and the verified design centres."""

from __future__ import annotations

import json

from flask import Response, abort, render_template, url_for

from marketplace.access import PUBLIC, role_required
from marketplace.city import bp
from marketplace.services.city import city_opendata, settings
from marketplace.services.city.periods import ALL, FilterError, parse_month, parse_period

FORMATS = ("json", "csv")


@bp.get("/open-data/")
@role_required(PUBLIC)
def open_data_index():
    """Every dataset with its columns, schema, licence and URLs."""
    return render_template("city/opendata.html", datasets=city_opendata.datasets(),
                           licence=settings.licence(), threshold=settings.threshold())  # fmt: skip


def _dataset(name: str) -> None:
    if name not in city_opendata.datasets():
        abort(404)


def _send(name: str, fmt: str, period_text: str):
    _dataset(name)
    if fmt not in FORMATS:
        abort(404)
    try:
        period = parse_period(period_text) if period_text == ALL else parse_month(period_text)
    except FilterError as exc:
        abort(400, exc.message())
    doc = city_opendata.document(name, period)
    doc["schema"] = url_for("city.open_data_schema", name=name, _external=False)
    stem = name if period.label == ALL else f"{name}-{period.label}"
    headers = {"Content-Disposition": f"inline; filename={stem}.{fmt}",
               "Link": f'<{settings.licence()["url"]}>; rel="license"'}  # fmt: skip
    if fmt == "csv":
        return Response(city_opendata.to_csv(name, doc), mimetype="text/csv; charset=utf-8",
                        headers=headers)  # fmt: skip
    return Response(city_opendata.to_json(doc), mimetype="application/json", headers=headers)


@bp.get("/open-data/<string(maxlength=40):name>.<string(maxlength=4):fmt>")
@role_required(PUBLIC)
def open_data_latest(name: str, fmt: str):
    """A dataset over all months so far."""
    return _send(name, fmt, ALL)


@bp.get("/open-data/<string(maxlength=12):month>/<string(maxlength=40):name>.<string(maxlength=4):fmt>")
@role_required(PUBLIC)
def open_data_month(month: str, name: str, fmt: str):
    """A dataset for one month (a stable URL per dataset and month)."""
    return _send(name, fmt, month)


@bp.get("/open-data/schemas/<string(maxlength=40):name>.schema.json")
@role_required(PUBLIC)
def open_data_schema(name: str):
    """The JSON Schema of a dataset's JSON document."""
    _dataset(name)
    body = json.dumps(city_opendata.schema(name), ensure_ascii=False, indent=1)
    return Response(body, mimetype="application/schema+json")
