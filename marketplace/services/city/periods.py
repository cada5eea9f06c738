"""Filters of the city figures: a period (all, a year or a month), an industry, a district."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l

from marketplace.models._types import utcnow
from marketplace.reference import INDUSTRY_CODES, districts

CITY_TZ = ZoneInfo("Asia/Shanghai")
ALL = "all"
_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
FIRST_YEAR = 2000


class FilterError(ValueError):
    """A filter value that cannot be read; `field` names the query parameter."""

    def __init__(self, field: str, value: str, why) -> None:
        super().__init__(f"{field}: {why}")
        self.field, self.value, self.why = field, value, why

    def message(self) -> str:
        """'period "2026-13": month 13 does not exist' in the reader's language."""
        return str(
            _l(
                '%(field)s "%(value)s": %(why)s',
                field=self.field,
                value=self.value[:40],
                why=str(self.why),
            )
        )


@dataclass(frozen=True)
class Period:
    """A span of whole months in Chongqing time, as naive UTC bounds [start, end)."""

    label: str  # "all", "2026" or "2026-11"
    start: datetime | None
    end: datetime  # exclusive; for "all" and the running month: now

    @property
    def kind(self) -> str:
        """'all', 'year' or 'month'."""
        return ALL if self.label == ALL else ("year" if len(self.label) == 4 else "month")

    def contains(self, when: datetime | None) -> bool:
        """True when a stored (naive UTC) time falls inside the period."""
        return when is not None and (self.start is None or when >= self.start) and when < self.end

    def by_end(self, when: datetime | None) -> bool:
        """True when a stored time is before the end of the period (stock figures)."""
        return when is not None and when < self.end


def month_start(year: int, month: int) -> datetime:
    """The first instant of a Chongqing month, as naive UTC."""
    local = datetime(year, month, 1, tzinfo=CITY_TZ)
    return local.astimezone(UTC).replace(tzinfo=None)


def next_month(year: int, month: int) -> tuple[int, int]:
    """(year, month) of the following month."""
    return (year + 1, 1) if month == 12 else (year, month + 1)


def month_of(when: datetime) -> str:
    """'YYYY-MM' of a stored naive UTC time, in Chongqing time."""
    return when.replace(tzinfo=UTC).astimezone(CITY_TZ).strftime("%Y-%m")


def current_month(now: datetime | None = None) -> str:
    """The running month in Chongqing ('YYYY-MM')."""
    return month_of(now or utcnow())


def parse_period(text: str | None, now: datetime | None = None) -> Period:
    """'all' (or empty), 'YYYY' or 'YYYY-MM'; FilterError naming `period` otherwise."""
    now = now or utcnow()
    value = (text or "").strip()
    if value in ("", ALL):
        return Period(ALL, None, now)
    if m := _YEAR.match(value):
        year = int(m[1])
        _check_year("period", value, year, now)
        return Period(value, month_start(year, 1), min(now, month_start(year + 1, 1)))
    if m := _MONTH.match(value):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            raise FilterError(
                "period", value, _l("month %(month)s does not exist", month=str(month).zfill(2))
            )
        _check_year("period", value, year, now)
        start = month_start(year, month)
        if start > now:
            raise FilterError("period", value, _l("that month has not begun yet"))
        return Period(value, start, min(now, month_start(*next_month(year, month))))
    raise FilterError("period", value, _l("write 'all', a year like 2026 or a month like 2026-11"))


def _check_year(field: str, value: str, year: int, now: datetime) -> None:
    if year < FIRST_YEAR or year > now.year:
        raise FilterError(
            field,
            value,
            _l("the year must be between %(first)s and %(last)s", first=FIRST_YEAR, last=now.year),
        )


def parse_month(text: str | None, now: datetime | None = None) -> Period:
    """A period that must be one month ('YYYY-MM'), for reports and per-month open data."""
    period = parse_period(text, now)
    if period.kind != "month":
        raise FilterError("month", text or "", _l("write a month like 2026-11"))
    return period


def parse_industry(text: str | None) -> str | None:
    """An industry code (e.g. NEV) or None; FilterError naming `industry` otherwise."""
    value = (text or "").strip()
    if not value:
        return None
    if value.upper() not in INDUSTRY_CODES:
        raise FilterError("industry", value, _l("not one of the 13 industry codes (e.g. NEV)"))
    return value.upper()


def parse_district(text: str | None) -> str | None:
    """A district code (e.g. yubei) or None; FilterError naming `district` otherwise."""
    value = (text or "").strip()
    if not value:
        return None
    if value.lower() not in districts():
        raise FilterError("district", value, _l("not a Chongqing district code (e.g. yubei)"))
    return value.lower()


def months_between(first: str, last: str) -> list[str]:
    """Every 'YYYY-MM' from first to last, inclusive."""
    year, month = int(first[:4]), int(first[5:])
    out: list[str] = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = next_month(year, month)
    return out


@dataclass(frozen=True)
class Filters:
    """What the figures are narrowed to."""

    period: Period
    industry: str | None = None
    district: str | None = None


def parse_filters(args, now: datetime | None = None) -> Filters:
    """Filters from a query string (a Mapping); FilterError names the first bad parameter."""
    return Filters(
        parse_period(args.get("period"), now),
        parse_industry(args.get("industry")),
        parse_district(args.get("district")),
    )
