"""Monthly reports: generated once per month (by the job or by staff), kept as generated."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from marketplace.database import write_transaction
from marketplace.extensions import db
from marketplace.models import CityReport
from marketplace.models._types import utcnow
from marketplace.services.city import dashboard, drilldown, pdf, settings
from marketplace.services.city.city_figures import World
from marketplace.services.city.periods import (
    CITY_TZ,
    FilterError,
    Filters,
    current_month,
    parse_month,
)
from marketplace.services.common.service_errors import NotFound, ValidationFailed

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReportSummary:
    """One stored report, for the list."""

    month: str
    generated_at: datetime
    by_job: bool
    has_pdf: bool


def snapshot(month: str, now: datetime | None = None) -> dict[str, Any]:
    """The figures of a finished month as the report keeps them."""
    now = now or utcnow()
    period = parse_month(month, now)
    world = World.load()
    f = Filters(period)
    data = dashboard.build(f, now=now, world=world)
    data["process"] = {k: v.as_dict() for k, v in
                       drilldown.process(world, f, drilldown.needs(world, f)).items()}  # fmt: skip
    data["targets"] = [dict(t.__dict__) for t in settings.targets()]
    data["source"] = settings.source()
    return data


def previous_month(now: datetime | None = None) -> str:
    """The month before the running one in Chongqing ('YYYY-MM')."""
    running = current_month(now)
    year, month = int(running[:4]), int(running[5:])
    return f"{year - 1:04d}-12" if month == 1 else f"{year:04d}-{month - 1:02d}"


def generate(month: str, actor_id: int | None = None, now: datetime | None = None) -> CityReport:
    """Store the report of a finished month; ValidationFailed when it exists or is running."""
    now = now or utcnow()
    try:
        parse_month(month, now)
    except FilterError as exc:
        raise ValidationFailed({"month": exc.message()}) from exc
    if month >= current_month(now):
        raise ValidationFailed({"month": _still_running()})
    if get_or_none(month) is not None:
        raise ValidationFailed({"month": _already(month)})
    data = snapshot(month, now)
    body = pdf.render(data)
    with write_transaction() as session:
        report = CityReport(month=month, snapshot=data, pdf=body, generated_at=now,
                            generated_by_id=actor_id)  # fmt: skip
        session.add(report)
    log.info("city report %s generated (%d PDF bytes)", month, len(body))
    return report


def generate_due(now: datetime | None = None) -> str | None:
    """The monthly job: the previous month's report, unless it is kept already."""
    month = previous_month(now)
    if get_or_none(month) is not None:
        return None
    generate(month, None, now)
    return month


def get_or_none(month: str) -> CityReport | None:
    """The stored report of a month, if any."""
    return db.session.scalar(select(CityReport).where(CityReport.month == month))


def get(month: str) -> CityReport:
    """The stored report of a month; NotFound otherwise."""
    found = get_or_none(month)
    if found is None:
        raise NotFound(month)
    return found


def listing() -> list[ReportSummary]:
    """Every stored report, newest month first."""
    rows = db.session.execute(
        select(CityReport.month, CityReport.generated_at, CityReport.generated_by_id,
               CityReport.pdf.is_not(None)).order_by(CityReport.month.desc())
    )  # fmt: skip
    return [ReportSummary(m, at, by is None, bool(has)) for m, at, by, has in rows]


def local_time(when: datetime) -> datetime:
    """A stored UTC time in Chongqing time."""
    return when.replace(tzinfo=UTC).astimezone(CITY_TZ)


def _still_running() -> str:
    return str(_l("a report is made once a month is over"))


def _already(month: str) -> str:
    return str(_l("the report of %(month)s is kept already", month=month))
