"""City of Design figures and the open-data datasets over /api/v1 (public, no token needed)."""

from __future__ import annotations

from flask import abort
from marshmallow import Schema, fields

from marketplace.access import PUBLIC, role_required
from marketplace.api.api_errors import error_response
from marketplace.api.api_setup import new_blueprint
from marketplace.api.schemas import Strict
from marketplace.services.city import city_opendata, dashboard
from marketplace.services.city.periods import (
    ALL,
    FilterError,
    parse_filters,
    parse_month,
    parse_period,
)

blp = new_blueprint("api_city", __name__, "City of Design figures and open data (aggregates).")


class CityArgs(Strict):
    """Filters: period ('all', 'YYYY' or 'YYYY-MM'), industry code, district code."""

    period = fields.String(load_default=ALL)
    industry = fields.String(load_default=None)
    district = fields.String(load_default=None)


class DatasetArgs(Strict):
    """A dataset's period: 'all' or one month 'YYYY-MM'."""

    period = fields.String(load_default=ALL)


class CityFigures(Schema):
    """Headline figures and breakdowns; each figure is {"value", "status"} (recorded,
    not_recorded or suppressed; value null unless recorded)."""

    period = fields.String(required=True)
    industry = fields.String(allow_none=True)
    district = fields.String(allow_none=True)
    generated_at = fields.String(required=True)
    threshold = fields.Integer(required=True)
    empty = fields.Boolean(required=True)
    figures = fields.Dict(keys=fields.String(), values=fields.Raw(), required=True)
    by_industry = fields.List(fields.Raw(), required=True)
    by_district = fields.List(fields.Raw(), required=True)
    by_month = fields.List(fields.Raw(), required=True)


class DatasetDocument(Schema):
    """An open-data document (its JSON Schema is at /open-data/schemas/<name>.schema.json)."""

    dataset = fields.String(required=True)
    period = fields.String(required=True)
    generated_at = fields.String(required=True)
    licence = fields.Dict(required=True)
    suppression_threshold = fields.Integer(required=True)
    rows = fields.List(fields.Raw(), required=True)


class _Bad(Exception):
    def __init__(self, exc: FilterError) -> None:
        self.exc = exc


blp.register_error_handler(_Bad, lambda e: error_response(400, e.exc.message(), e.exc.field))


@blp.get("/city/figures")
@blp.arguments(CityArgs, location="query", as_kwargs=True)
@blp.response(200, CityFigures)
@role_required(PUBLIC)
def city_figures(**args):
    """The figures of /city for the filters (small cells suppressed as on the page)."""
    try:
        f = parse_filters({k: v for k, v in args.items() if v is not None})
    except FilterError as exc:
        raise _Bad(exc) from exc
    return dashboard.build(f)


@blp.get("/city/datasets/<string(maxlength=40):name>")
@blp.arguments(DatasetArgs, location="query", as_kwargs=True)
@blp.response(200, DatasetDocument)
@role_required(PUBLIC)
def city_dataset(name: str, period: str):
    """One open-data dataset (figures, industries, districts, months, scenarios,
    design-centres) for all months so far or one month."""
    if name not in city_opendata.datasets():
        abort(404)
    try:
        chosen = parse_period(period) if period == ALL else parse_month(period)
    except FilterError as exc:
        raise _Bad(exc) from exc
    return city_opendata.document(name, chosen)
