"""Turn the city figures (plain data) into what the templates show: labels, cells and charts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _

from marketplace.catalog.localize import localized, reads_chinese
from marketplace.reference import districts
from marketplace.services.catalog.scenario_catalogue import all_industries
from marketplace.services.city import charts, settings
from marketplace.services.city.city_labels import DEFINITIONS, STAFF_DEFINITIONS, definition
from marketplace.services.city.values import NOT_RECORDED, SUPPRESSED, Value
from marketplace.templating import format_cny


@dataclass
class Cell:
    """One figure as shown: text, state, and its definition."""

    key: str
    value: Value
    text: str
    label: str
    definition: str
    source: str


def text(key: str, raw: dict[str, Any]) -> str:
    """A figure's value as the reader sees it ('not yet recorded', a suppression mark, CNY)."""
    value = Value.from_dict(raw)
    if value.status == NOT_RECORDED:
        return _("Not yet recorded")
    if value.status == SUPPRESSED:
        return _("< %(n)s", n=settings.threshold())
    unit = definition(key).unit
    if unit == "cny":
        return format_cny(value.value)
    if unit == "ratio":
        return f"{value.value * 100:.1f}%"
    if unit == "days":
        return _("%(n)s days", n=value.value)
    n = value.value
    return f"{n:,.0f}" if float(n).is_integer() else f"{n:,.2f}"


def cell(key: str, raw: dict[str, Any]) -> Cell:
    """A figure with its label, definition and source in the reader's language."""
    d = definition(key)
    return Cell(key, Value.from_dict(raw), text(key, raw), str(d.label), str(d.definition),
                str(d.source))  # fmt: skip


def industry_names() -> dict[str, str]:
    """Industry code → name in the reader's language."""
    return {i.code: localized(i, "name") for i in all_industries()}


def district_names(short: bool = False) -> dict[str, str]:
    """District code → name in the reader's language."""
    chinese = reads_chinese()
    return {code: (row["name_zh"] if chinese else row["name"]) for code, row in districts().items()}


def targets(figures: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target with its sentence, the platform figure beside it, and how far it has got."""
    chinese = reads_chinese()
    out = []
    for t in settings.targets():
        raw = figures.get(t.figure) if t.figure else None
        value = Value.from_dict(raw) if raw else None
        actual = value.value if value is not None and value.shown else None
        out.append({
            "target": t,
            "sentence": t.sentence_zh if chinese else t.sentence,
            "figure": cell(t.figure, raw) if raw else None,
            "share": t.share(actual),
            "percent": None if t.share(actual) is None else round(100 * t.share(actual)),
            "goal": format_cny(t.value) if t.unit == "cny" else f"{t.value:,}",
        })  # fmt: skip
    return out


def table(rows: list[dict[str, Any]], columns: tuple[str, ...], names: dict[str, str]):
    """Rows of cells for a breakdown table: (label, [Cell...])."""
    return [(names.get(r["key"], r["key"]), [cell(c, r[c]) for c in columns]) for r in rows]


def headers(columns: tuple[str, ...]) -> list[str]:
    """Column labels."""
    return [str(definition(c).label) for c in columns]


def charts_for(data: dict[str, Any]) -> dict[str, Any]:
    """The dashboard's charts from its data."""
    industries, places = industry_names(), district_names()
    blank = _("Not yet recorded")
    by_ind = data["by_industry"]
    months = [r["key"] for r in data["by_month"]]

    def series(key: str):
        return (str(DEFINITIONS[key].label), [Value.from_dict(r[key]) for r in data["by_month"]])

    return {
        "needs_by_industry": charts.bar_chart(
            _("Needs published by industry"),
            [(industries.get(r["key"], r["key"]), Value.from_dict(r["needs_published"]))
             for r in by_ind], blank),
        "studios_by_industry": charts.bar_chart(
            _("Design studios by industry served"),
            [(industries.get(r["key"], r["key"]), Value.from_dict(r["studios_registered"]))
             for r in by_ind], blank),
        "months": charts.line_chart(
            _("Month by month"), months,
            [series("needs_published"), series("bids"), series("needs_awarded")]),
        "studios_map": charts.district_map(
            _("Design studios by district"),
            {r["key"]: Value.from_dict(r["studios_registered"]) for r in data["by_district"]},
            places, blank),
        "awards_map": charts.district_map(
            _("Needs awarded by the winning studio's district"),
            {r["key"]: Value.from_dict(r["needs_awarded"]) for r in data["by_district"]},
            places, blank),
    }  # fmt: skip


def staff_cells(values: dict[str, Value]) -> list[Cell]:
    """Process figures of the drill-down as cells."""
    return [cell(k, v.as_dict()) for k, v in values.items() if k in STAFF_DEFINITIONS]
