"""The figures by industry, by district and month by month (each row: the headline figures of a
narrower filter, so a row and the headline can never disagree on a definition)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from marketplace.models._types import utcnow
from marketplace.reference import INDUSTRY_CODES, districts
from marketplace.services.city.city_figures import World, compute
from marketplace.services.city.periods import (
    ALL,
    Filters,
    current_month,
    month_of,
    months_between,
    parse_period,
)
from marketplace.services.city.values import Value

MAX_MONTHS = 36


@dataclass
class Row:
    """One row of a breakdown: its key (industry code, district code or month) and its figures."""

    key: str
    figures: dict[str, Value]

    def as_dict(self, columns: tuple[str, ...]) -> dict:
        """The row's key and chosen figures as plain JSON values."""
        return {"key": self.key, **{c: self.figures[c].as_dict() for c in columns}}


def by_industry(world: World, f: Filters, *, suppress: bool = True) -> list[Row]:
    """One row per industry, in catalogue order (the industry filter is replaced)."""
    return [Row(code, compute(world, Filters(f.period, code, f.district), suppress=suppress))
            for code in INDUSTRY_CODES]  # fmt: skip


def by_district(world: World, f: Filters, *, suppress: bool = True) -> list[Row]:
    """One row per district code (the district filter is replaced)."""
    return [Row(code, compute(world, Filters(f.period, f.industry, code), suppress=suppress))
            for code in districts()]  # fmt: skip


def months_for(world: World, f: Filters, now: datetime | None = None) -> list[str]:
    """The months a trend covers: a year's months, the 12 months up to a month, or all months
    since the first record (at most the latest 36)."""
    now = now or utcnow()
    last = current_month(now) if f.period.kind == ALL else month_of(f.period.end - _TICK)
    if f.period.kind == "year":
        first = f"{f.period.label}-01"
    elif f.period.kind == "month":
        year, month = int(last[:4]), int(last[5:])
        first = f"{year - 1:04d}-{month:02d}" if month == 12 else f"{year - 1:04d}-{month + 1:02d}"
        first = max(first, _first_month(world) or last)
    else:
        first = _first_month(world) or last
    months = months_between(first, last) or [last]
    return months[-MAX_MONTHS:]


def by_month(world: World, f: Filters, now: datetime | None = None, *,
             suppress: bool = True) -> list[Row]:  # fmt: skip
    """One row per month of the trend (figures inside that month; stocks at its end)."""
    now = now or utcnow()
    return [
        Row(m, compute(world, Filters(parse_period(m, now), f.industry, f.district),
                       suppress=suppress))
        for m in months_for(world, f, now)
    ]  # fmt: skip


def _first_month(world: World) -> str | None:
    times = [s.created_at for s in world.rows.studios.values()]
    times += [n.published_at for n in world.rows.needs.values() if n.published_at]
    times += [m.created_at for m in world.rows.manufacturers.values()]
    return month_of(min(times)) if times else None


_TICK = datetime(2000, 1, 1, 0, 0, 1) - datetime(2000, 1, 1)
