"""Needs as JSON Lines: validate every line, then import all or nothing; export in the same format.

One need per line: `ref`, `manufacturer` (an existing manufacturer's e-mail), `title`,
`description`, optional `industry`, `disciplines`, `scenario`, `budget_min`, `budget_max` (CNY),
`deadline` (ISO 8601; without an offset it is read as Asia/Shanghai time), `delivery` (a date) and
`status` (default `published`), and `title_translation` with `description_translation` (both or
neither: the need in the other language, English when it is written in Chinese and the reverse).
Re-importing a ref updates that need in place.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TextIO

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from marketplace.database import record_event, write_transaction
from marketplace.extensions import db
from marketplace.models import Need, NeedStatus, Role, Scenario, User
from marketplace.models._types import utcnow
from marketplace.reference import DISCIPLINE_CODES, INDUSTRY_CODES
from marketplace.services.common.jsonl import LineChecker, validate_lines
from marketplace.services.needs import lifecycle
from marketplace.services.needs.need_events import NeedsChanged
from marketplace.services.needs.need_times import SHANGHAI

log = logging.getLogger(__name__)

REF = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
FIELDS = ("ref", "manufacturer", "title", "description", "industry", "disciplines", "scenario",
          "budget_min", "budget_max", "deadline", "delivery", "status", "title_translation",
          "description_translation")  # fmt: skip
STATUSES = tuple(s.value for s in NeedStatus)


@dataclass
class NeedRecord:
    """One validated need line."""

    ref: str
    manufacturer: str
    title: str
    description: str
    industry: str | None = None
    disciplines: list[str] = field(default_factory=list)
    scenario: str | None = None
    budget_min: int | None = None
    budget_max: int | None = None
    deadline: datetime | None = None  # UTC
    delivery: date | None = None
    status: str = NeedStatus.PUBLISHED
    title_translation: str | None = None
    description_translation: str | None = None

    def as_line(self) -> dict:
        """The export object: fields in a fixed order, empty optional ones left out."""
        row = {name: getattr(self, name) for name in FIELDS}
        if self.deadline is not None:
            row["deadline"] = self.deadline.replace(tzinfo=UTC).isoformat().replace("+00:00", "Z")
        if self.delivery is not None:
            row["delivery"] = self.delivery.isoformat()
        return {k: v for k, v in row.items() if v not in (None, [])}


@dataclass
class ImportReport:
    """What an import changed (refs)."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)


def _deadline(check: LineChecker) -> datetime | None:
    raw = check.obj.get("deadline")
    if raw in (None, ""):
        return None
    if not isinstance(raw, str):
        check.fail("deadline", "must be an ISO 8601 date-time string")
        return None
    try:
        value = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    except ValueError:
        check.fail("deadline", f"is not an ISO 8601 date-time ({raw[:40]!r})")
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=SHANGHAI)
    return value.astimezone(UTC).replace(tzinfo=None)


def _delivery(check: LineChecker) -> date | None:
    raw = check.obj.get("delivery")
    if raw in (None, ""):
        return None
    try:
        return date.fromisoformat(str(raw).strip())
    except ValueError:
        check.fail("delivery", f"is not an ISO 8601 date ({str(raw)[:40]!r})")
        return None


def _parse(check: LineChecker, manufacturers: dict[str, int], scenarios: set[str]):
    unknown = sorted(set(check.obj) - set(FIELDS))
    if unknown:
        check.fail(unknown[0], f"is not a need field; expected {', '.join(FIELDS)}")
    ref = check.text("ref", max_len=64)
    if ref is not None and not REF.match(ref):
        check.fail("ref", "use letters, digits, '.', '_' and '-' (starting with a letter or digit)")
    email = check.text("manufacturer", max_len=254)
    if email is not None and email.lower() not in manufacturers:
        check.fail("manufacturer", f"no manufacturer account with e-mail {email!r}")
    title = check.text("title", min_len=lifecycle.TITLE_MIN, max_len=lifecycle.TITLE_MAX)
    description = check.text("description", min_len=lifecycle.DESCRIPTION_MIN,
                             max_len=lifecycle.DESCRIPTION_MAX)  # fmt: skip
    industry = check.choice("industry", INDUSTRY_CODES)
    disciplines = check.codes("disciplines", DISCIPLINE_CODES)
    scenario = check.text("scenario", required=False, max_len=20)
    if scenario is not None:
        scenario = scenario.upper()
        if scenario not in scenarios:
            check.fail("scenario", f"no scenario with code {scenario!r}")
    low = check.integer("budget_min", low=0, high=lifecycle.BUDGET_MAX)
    high = check.integer("budget_max", low=0, high=lifecycle.BUDGET_MAX)
    if low is not None and high is not None and low > high:
        check.fail("budget_max", f"must not be below budget_min ({high} < {low})")
    deadline, delivery = _deadline(check), _delivery(check)
    status = check.choice("status", STATUSES, default=NeedStatus.PUBLISHED.value)
    if status in (NeedStatus.SUBMITTED, NeedStatus.PUBLISHED) and deadline is None:
        check.fail("deadline", f"is required for a {status} need")
    title_translation = check.text("title_translation", required=False,
                                   max_len=lifecycle.TITLE_MAX)  # fmt: skip
    description_translation = check.text("description_translation", required=False,
                                         max_len=lifecycle.DESCRIPTION_MAX)  # fmt: skip
    if title is not None and description is not None:
        problems = lifecycle.translation_errors(lifecycle.NeedInput(
            title=title, description=description, title_translation=title_translation,
            description_translation=description_translation))  # fmt: skip
        for name, problem in problems.items():
            check.fail(name, problem)
    if None in (ref, email, title, description, status):
        return None
    return NeedRecord(
        ref=ref, manufacturer=email.lower(), title=title, description=description,
        industry=industry, disciplines=sorted(disciplines, key=DISCIPLINE_CODES.index),
        scenario=scenario, budget_min=low, budget_max=high, deadline=deadline,
        delivery=delivery, status=status, title_translation=title_translation,
        description_translation=description_translation,
    )  # fmt: skip


def parse_needs(stream: TextIO | Iterable[str]) -> list[NeedRecord]:
    """Validate a whole needs file; ImportRejected names each bad line and field."""
    manufacturers = dict(db.session.execute(
        select(User.email, User.id).where(User.role == Role.MANUFACTURER)).all())
    scenarios = set(db.session.scalars(select(Scenario.code)))
    return validate_lines(stream, lambda c: _parse(c, manufacturers, scenarios),
                          key=lambda r: r.ref, key_field="ref")  # fmt: skip


def import_needs(records: list[NeedRecord]) -> ImportReport:
    """Create or update needs by ref in one transaction (all or nothing)."""
    report = ImportReport()
    with write_transaction() as session:
        owners = dict(session.execute(select(User.email, User.id).where(
            User.email.in_([r.manufacturer for r in records]))).all())
        existing = {n.ref: n for n in session.scalars(
            select(Need).where(Need.ref.in_([r.ref for r in records])))}
        changed = []
        now = utcnow()
        for record in records:
            need = existing.get(record.ref)
            if need is None:
                need = Need(ref=record.ref, version=1)
                session.add(need)
                report.created.append(record.ref)
            else:
                report.updated.append(record.ref)
            need.manufacturer_id = owners[record.manufacturer]
            data = lifecycle.NeedInput(
                title=record.title, description=record.description,
                industry_code=record.industry, discipline_codes=record.disciplines,
                scenario_code=record.scenario, budget_min=record.budget_min,
                budget_max=record.budget_max, bid_deadline=record.deadline,
                delivery_date=record.delivery, title_translation=record.title_translation,
                description_translation=record.description_translation,
            )  # fmt: skip
            lifecycle._apply(session, need, data)
            need.status = record.status
            if record.status == NeedStatus.PUBLISHED and need.published_at is None:
                need.published_at = now
            if record.status != NeedStatus.DRAFT and need.submitted_at is None:
                need.submitted_at = now
            changed.append(need)
        session.flush()
        if changed:
            record_event(NeedsChanged(ids=tuple(n.id for n in changed)))
    log.info("need import: %d new, %d updated", len(report.created), len(report.updated))
    return report


def export_needs() -> Iterator[NeedRecord]:
    """Every need, by ref, in the import format."""
    query = (
        select(Need)
        .options(selectinload(Need.disciplines), selectinload(Need.manufacturer),
                 selectinload(Need.scenario))
        .order_by(Need.ref)
    )  # fmt: skip
    for need in db.session.scalars(query):
        yield NeedRecord(
            ref=need.ref, manufacturer=need.manufacturer.email, title=need.title,
            description=need.description, industry=need.industry_code,
            disciplines=need.discipline_codes,
            scenario=need.scenario.code if need.scenario else None,
            budget_min=need.budget_min, budget_max=need.budget_max,
            deadline=need.bid_deadline, delivery=need.delivery_date, status=need.status,
            title_translation=need.title_translation,
            description_translation=need.description_translation,
        )  # fmt: skip
