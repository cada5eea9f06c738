"""Open data: the city aggregates, the scenario catalogue and the verified design centres as CSV
and JSON, each with a JSON Schema, a licence line and a stable URL per dataset and month."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from marketplace.extensions import db
from marketplace.models import Industry, Scenario, Studio
from marketplace.models._types import utcnow
from marketplace.reference import districts
from marketplace.services.audit.export import csv_safe
from marketplace.services.city import breakdown, dashboard, settings
from marketplace.services.city.city_figures import HEADLINE, World, compute
from marketplace.services.city.periods import Filters, Period
from marketplace.services.city.values import NOT_RECORDED, RECORDED, SUPPRESSED

STATUSES = [RECORDED, NOT_RECORDED, SUPPRESSED]
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


@dataclass(frozen=True)
class Column:
    """One column of a dataset: name, JSON type and what it means."""

    name: str
    type: str  # "string", "integer", "number", or "figure" (a number with a status column)
    description: str


@dataclass(frozen=True)
class Dataset:
    """A published dataset."""

    name: str
    title: str
    description: str
    columns: tuple[Column, ...]


def _figure_columns(keys: tuple[str, ...]) -> tuple[Column, ...]:
    from marketplace.services.city.city_labels import DEFINITIONS

    return tuple(Column(k, "figure", str(DEFINITIONS[k].definition)) for k in keys)


KEY_NAMES = (Column("name", "string", "English name"), Column("name_zh", "string", "Chinese name"))


def datasets() -> dict[str, Dataset]:
    """Every dataset by name (descriptions in English: the schema's language)."""
    return {
        "figures": Dataset("figures", "City of Design figures",
            "Each headline figure with the action plan's target it is compared with.", (
                Column("figure", "string", "Figure identifier"),
                Column("value", "number", "The figure; empty/null unless status is recorded"),
                Column("status", "status", "recorded, not_recorded or suppressed"),
                Column("unit", "string", "count or cny"),
                Column("target", "number", "The action plan's 2025 target; null when none"),
                Column("target_comparison", "string", "at_least or more_than; empty when none"),
            )),
        "industries": Dataset("industries", "Figures by industry",
            "The figures for each of the 13 industries (studios: those serving the industry).",
            (Column("code", "string", "Industry code"), *KEY_NAMES,
             *_figure_columns(dashboard.INDUSTRY_COLUMNS))),
        "districts": Dataset("districts", "Figures by district",
            "The figures for each district (studios and awards: the studio's district; needs: "
            "the manufacturer's company district).",
            (Column("code", "string", "District code"), *KEY_NAMES,
             *_figure_columns(dashboard.DISTRICT_COLUMNS))),
        "months": Dataset("months", "Figures month by month",
            "The figures for each month in Chongqing time (stocks at the month's end).",
            (Column("month", "string", "YYYY-MM"), *_figure_columns(dashboard.MONTH_COLUMNS))),
        "scenarios": Dataset("scenarios", "Scenario catalogue",
            "The commission's industrial-design application scenarios.", (
                Column("code", "string", "Scenario code"),
                Column("industry", "string", "Industry code"),
                Column("title", "string", "English title"),
                Column("title_zh", "string", "Chinese title"),
                Column("summary", "string", "English summary"),
                Column("summary_zh", "string", "Chinese summary"),
                Column("disciplines", "string", "Discipline codes separated by ';'"),
            )),
        "design-centres": Dataset("design-centres", "Verified design centres",
            "Studios whose industrial design centre accreditation staff verified.", (
                Column("name", "string", "Studio name"),
                Column("name_zh", "string", "Chinese name, empty when none"),
                Column("level", "string", "national, municipal or district"),
                Column("district", "string", "District code, empty when not given"),
                Column("industries", "string", "Industry codes separated by ';'"),
                Column("verified_on", "string", "Date staff verified the claim (YYYY-MM-DD, UTC)"),
            )),
    }  # fmt: skip


def _row_properties(ds: Dataset) -> tuple[dict[str, Any], list[str]]:
    props: dict[str, Any] = {}
    for c in ds.columns:
        if c.type == "figure":
            props[c.name] = {"type": ["number", "null"], "description": c.description}
            props[f"{c.name}_status"] = {"enum": STATUSES,
                                         "description": f"Status of {c.name}"}  # fmt: skip
        elif c.type == "status":
            props[c.name] = {"enum": STATUSES, "description": c.description}
        elif c.type == "number":
            props[c.name] = {"type": ["number", "null"], "description": c.description}
        else:
            props[c.name] = {"type": "string", "description": c.description}
    return props, list(props)


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema of a dataset's JSON document."""
    ds = datasets()[name]
    props, required = _row_properties(ds)
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"/open-data/schemas/{name}.schema.json",
        "title": ds.title,
        "description": ds.description,
        "type": "object",
        "required": ["dataset", "period", "generated_at", "licence", "suppression_threshold",
                     "rows"],
        "properties": {
            "dataset": {"const": name},
            "period": {"type": "string", "pattern": r"^(all|\d{4}-\d{2})$"},
            "generated_at": {"type": "string", "format": "date-time"},
            "licence": {"type": "object", "required": ["name", "url", "attribution"],
                        "properties": {"name": {"type": "string"}, "url": {"type": "string"},
                                       "attribution": {"type": "string"}}},
            "suppression_threshold": {"type": "integer", "minimum": 0},
            "rows": {"type": "array", "items": {
                "type": "object", "properties": props, "required": required,
                "additionalProperties": False,
            }},
        },
    }  # fmt: skip


def _flat(key_cols: dict[str, Any], row: dict[str, Any], columns: tuple[str, ...]) -> dict:
    out = dict(key_cols)
    for c in columns:
        out[c] = row[c]["value"]
        out[f"{c}_status"] = row[c]["status"]
    return out


def rows(name: str, period: Period, world: World | None = None) -> list[dict[str, Any]]:
    """The rows of a dataset for a period ('all' or one month)."""
    if name == "scenarios":
        return _scenarios(period)
    if name == "design-centres":
        return _centres(period)
    world = world or World.load()
    f = Filters(period)
    if name == "figures":
        figures = compute(world, f)
        from marketplace.services.city.city_labels import DEFINITIONS

        out = []
        for key in HEADLINE:
            target = settings.target_for(key)
            out.append({"figure": key, "value": figures[key].as_dict()["value"],
                        "status": figures[key].status, "unit": DEFINITIONS[key].unit,
                        "target": target.value if target else None,
                        "target_comparison": target.comparison if target else ""})  # fmt: skip
        return out
    if name == "industries":
        names = {i.code: (i.name, i.name_zh) for i in db.session.scalars(select(Industry))}
        return [_flat({"code": r.key, "name": names.get(r.key, ("", ""))[0],
                       "name_zh": names.get(r.key, ("", ""))[1]},
                      r.as_dict(dashboard.INDUSTRY_COLUMNS), dashboard.INDUSTRY_COLUMNS)
                for r in breakdown.by_industry(world, f)]  # fmt: skip
    if name == "districts":
        info = districts()
        return [_flat({"code": r.key, "name": info[r.key]["name"],
                       "name_zh": info[r.key]["name_zh"]},
                      r.as_dict(dashboard.DISTRICT_COLUMNS), dashboard.DISTRICT_COLUMNS)
                for r in breakdown.by_district(world, f)]  # fmt: skip
    if name == "months":
        return [_flat({"month": r.key}, r.as_dict(dashboard.MONTH_COLUMNS),
                      dashboard.MONTH_COLUMNS)
                for r in breakdown.by_month(world, f)]  # fmt: skip
    raise KeyError(name)


def _scenarios(period: Period) -> list[dict[str, Any]]:
    found = db.session.scalars(select(Scenario).order_by(Scenario.code))
    return [{"code": s.code, "industry": s.industry_code, "title": s.title,
             "title_zh": s.title_zh, "summary": s.summary, "summary_zh": s.summary_zh or "",
             "disciplines": ";".join(s.discipline_codes)}
            for s in found if period.by_end(s.created_at)]  # fmt: skip


def _centres(period: Period) -> list[dict[str, Any]]:
    found = db.session.scalars(
        select(Studio).where(
            Studio.accreditation_verified_at.is_not(None), Studio.accreditation != "none",
            Studio.suspended_at.is_(None), Studio.is_listed.is_(True),
        ).order_by(Studio.accreditation, Studio.name)
    )  # fmt: skip
    return [{"name": s.name, "name_zh": s.name_zh or "", "level": s.accreditation,
             "district": s.district or "", "industries": ";".join(s.industry_codes),
             "verified_on": s.accreditation_verified_at.date().isoformat()}
            for s in found if period.by_end(s.accreditation_verified_at)]  # fmt: skip


def document(name: str, period: Period, now: datetime | None = None) -> dict[str, Any]:
    """The JSON document of a dataset for a period."""
    lic = settings.licence()
    return {
        "dataset": name,
        "period": period.label,
        "generated_at": (now or utcnow()).isoformat(timespec="seconds") + "Z",
        "licence": {k: lic[k] for k in ("name", "url", "attribution")},
        "suppression_threshold": settings.threshold(),
        "rows": rows(name, period),
    }


def to_json(doc: dict[str, Any]) -> str:
    """The document as UTF-8 JSON text (Chinese kept readable)."""
    return json.dumps(doc, ensure_ascii=False, indent=1)


def to_csv(name: str, doc: dict[str, Any]) -> str:
    """The rows as CSV (UTF-8 with BOM; header as in the schema; empty cells for null)."""
    _props, header = _row_properties(datasets()[name])
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(header)
    for row in doc["rows"]:
        writer.writerow(["" if row[h] is None else csv_safe(row[h]) for h in header])
    return out.getvalue()
