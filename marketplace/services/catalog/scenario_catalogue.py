"""The scenario catalogue: browsing, the bundled data, and JSON Lines import/export."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import TextIO

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from marketplace.database import record_event, write_transaction
from marketplace.extensions import db
from marketplace.models import Discipline, Industry, Scenario
from marketplace.models._types import utcnow
from marketplace.reference import DATA_DIR, DISCIPLINE_CODES, INDUSTRY_CODES
from marketplace.services.catalog import cache
from marketplace.services.catalog.catalog_events import ScenariosChanged
from marketplace.services.common import list_page
from marketplace.services.common.jsonl import LineChecker, validate_lines
from marketplace.services.common.service_errors import NotFound
from marketplace.services.common.text_cleaning import clean_text

log = logging.getLogger(__name__)

SCENARIO_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,11}-\d{1,3}$")


@dataclass
class ScenarioRecord:
    """One validated scenario line, in the export/import format."""

    code: str
    industry: str
    disciplines: list[str]
    title: str
    title_zh: str
    summary: str
    description: str
    deliverables: list[str] = field(default_factory=list)
    summary_zh: str = ""
    description_zh: str = ""
    deliverables_zh: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    """What an import or a catalogue load changed."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0


# ---------------------------------------------------------------- browsing


def industries_with_counts() -> list[tuple[Industry, int]]:
    """Every industry in catalogue order with its number of scenarios (cached, read-only)."""
    snap = cache.snapshot()
    return [(industry, snap.counts.get(industry.code, 0)) for industry in snap.industries]


def all_industries() -> list[Industry]:
    """Every industry in catalogue order (cached, read-only objects)."""
    return list(cache.snapshot().industries)


def all_disciplines() -> list[Discipline]:
    """Every discipline in catalogue order (cached, read-only objects)."""
    return list(cache.snapshot().disciplines)


def get_industry(code: str) -> Industry:
    """The industry with this code (case-insensitive), or NotFound."""
    industry = db.session.get(Industry, (code or "").upper())
    if industry is None:
        raise NotFound(_("No industry with code %(code)s.", code=repr(code)))
    return industry


def get_scenario(code: str) -> Scenario:
    """The scenario with this code (case-insensitive), or NotFound (cached, read-only object)."""
    scenario = cache.snapshot().by_code.get((code or "").upper())
    if scenario is None:
        raise NotFound(_("No scenario with code %(code)s.", code=repr(code)))
    return scenario


def scenarios_by_code(codes: Iterable[str]) -> dict[str, Scenario]:
    """Scenarios for the given codes, keyed by code (unknown codes are left out)."""
    wanted = list(codes)
    if not wanted:
        return {}
    rows = db.session.scalars(select(Scenario).where(Scenario.code.in_(wanted)))
    return {s.code: s for s in rows}


def list_scenarios(
    industry: str | None = None, discipline: str | None = None, page: int = 1, per_page: int = 20
) -> list_page.ListPage:
    """Scenarios filtered by industry and/or discipline code, in catalogue order, one page."""
    return cache.scenario_page(industry, discipline, page, per_page)


def scenario_count() -> int:
    """How many scenarios the catalogue holds."""
    return len(cache.snapshot().scenarios)


# ---------------------------------------------------------------- bundled data


def bundled_industries() -> list[dict]:
    """The industry documents shipped in the package, in catalogue order."""
    docs = []
    for code in INDUSTRY_CODES:
        path = DATA_DIR / "industries" / f"{code}.json"
        docs.append(json.loads(path.read_text(encoding="utf-8")))
    return docs


def bundled_disciplines() -> list[dict]:
    """The discipline rows shipped in the package, in catalogue order."""
    return json.loads((DATA_DIR / "disciplines.json").read_text(encoding="utf-8"))


def bundled_scenario_lines() -> Iterator[str]:
    """The bundled scenarios as JSON Lines, so they pass through the same validation as imports."""
    for doc in bundled_industries():
        for scenario in doc["scenarios"]:
            yield json.dumps(scenario, ensure_ascii=False)


def load_bundled_catalogue() -> ImportReport:
    """Create or update the industries, disciplines and scenarios shipped in the package."""
    records = parse_scenarios(bundled_scenario_lines())
    with write_transaction() as session:
        for position, row in enumerate(bundled_disciplines()):
            discipline = session.get(Discipline, row["code"]) or Discipline(code=row["code"])
            discipline.name, discipline.name_zh, discipline.position = (
                row["name"],
                row["name_zh"],
                position,
            )
            session.add(discipline)
        for position, doc in enumerate(bundled_industries()):
            industry = session.get(Industry, doc["code"]) or Industry(code=doc["code"])
            industry.name, industry.name_zh = doc["name"], doc["name_zh"]
            industry.trend, industry.trend_zh = doc["trend"], doc["trend_zh"]
            industry.position = position
            session.add(industry)
        session.flush()
        report = _upsert_scenarios(records)
        if report.created or report.updated:
            record_event(ScenariosChanged(codes=tuple(report.created + report.updated)))
    cache.invalidate()  # this process at once; others see the new fingerprint
    log.info("catalogue loaded: %d created, %d updated", len(report.created), len(report.updated))
    return report


# ---------------------------------------------------------------- import / export


def _deliverables(check: LineChecker, name: str) -> list[str] | None:
    """A required list of non-empty strings, stripped; None when invalid."""
    value = check.obj.get(name)
    if value is None or value == []:
        check.fail(name, "needs at least one item")
        return None
    if not isinstance(value, list) or not all(
        isinstance(d, str) and d.strip() and len(d) <= 300 for d in value
    ):
        check.fail(name, "must be a list of non-empty strings of at most 300 characters")
        return None
    return [clean_text(d) for d in value]


def _parse_scenario(check: LineChecker) -> ScenarioRecord | None:
    code = check.text("code", max_len=20)
    if code is not None and not SCENARIO_CODE.match(code):
        check.fail("code", f"must look like NEV-01 (got {code!r})")
    industry = check.choice("industry", INDUSTRY_CODES)
    if check.obj.get("industry") in (None, ""):
        check.fail("industry", "is required")
    disciplines = check.codes("disciplines", DISCIPLINE_CODES, required=True, max_items=3)
    title = check.text("title", max_len=200)
    title_zh = check.text("title_zh", max_len=200)
    summary = check.text("summary", max_len=500)
    summary_zh = check.text("summary_zh", max_len=500)
    description = check.text("description", max_len=5000, min_len=20)
    description_zh = check.text("description_zh", max_len=5000, min_len=20)
    deliverables = _deliverables(check, "deliverables")
    deliverables_zh = _deliverables(check, "deliverables_zh")
    texts = (code, industry, title, title_zh, summary, summary_zh, description, description_zh)
    if None in texts or not disciplines or deliverables is None or deliverables_zh is None:
        return None
    return ScenarioRecord(
        code=code, industry=industry, disciplines=sorted(disciplines, key=DISCIPLINE_CODES.index),
        title=title, title_zh=title_zh, summary=summary, description=description,
        deliverables=deliverables, summary_zh=summary_zh, description_zh=description_zh,
        deliverables_zh=deliverables_zh,
    )  # fmt: skip


def parse_scenarios(stream: TextIO | Iterable[str]) -> list[ScenarioRecord]:
    """Validate a whole scenario file; ImportRejected names each bad line and field."""
    return validate_lines(stream, _parse_scenario, key=lambda r: r.code, key_field="code")


def import_scenarios(records: list[ScenarioRecord]) -> ImportReport:
    """Create or update scenarios by code in one transaction (all or nothing)."""
    with write_transaction():
        report = _upsert_scenarios(records)
        if report.created or report.updated:
            record_event(ScenariosChanged(codes=tuple(report.created + report.updated)))
    cache.invalidate()  # this process at once; others see the new fingerprint
    return report


def _upsert_scenarios(records: list[ScenarioRecord]) -> ImportReport:
    session = db.session
    disciplines = {d.code: d for d in session.scalars(select(Discipline))}
    existing = {
        s.code: s
        for s in session.scalars(select(Scenario).options(selectinload(Scenario.disciplines)))
    }
    report = ImportReport()
    for record in records:
        scenario = existing.get(record.code)
        if scenario is not None and _as_record(scenario) == record:
            report.unchanged += 1
            continue
        if scenario is None:
            scenario = Scenario(code=record.code)
            session.add(scenario)
            report.created.append(record.code)
        else:
            report.updated.append(record.code)
        scenario.updated_at = utcnow()  # also when only the disciplines change: caches compare it
        scenario.industry_code = record.industry
        scenario.title, scenario.title_zh = record.title, record.title_zh
        scenario.summary, scenario.description = record.summary, record.description
        scenario.deliverables = list(record.deliverables)
        scenario.summary_zh, scenario.description_zh = record.summary_zh, record.description_zh
        scenario.deliverables_zh = list(record.deliverables_zh)
        scenario.disciplines = [disciplines[c] for c in record.disciplines]
    session.flush()
    return report


def _as_record(scenario: Scenario) -> ScenarioRecord:
    return ScenarioRecord(
        code=scenario.code, industry=scenario.industry_code, disciplines=scenario.discipline_codes,
        title=scenario.title, title_zh=scenario.title_zh, summary=scenario.summary,
        description=scenario.description, deliverables=list(scenario.deliverables or []),
        summary_zh=scenario.summary_zh, description_zh=scenario.description_zh,
        deliverables_zh=list(scenario.deliverables_zh or []),
    )  # fmt: skip


def export_scenarios() -> Iterator[dict]:
    """Every scenario as an export dict, in catalogue order."""
    query = (
        select(Scenario)
        .join(Scenario.industry)
        .options(selectinload(Scenario.disciplines))
        .order_by(Industry.position, Scenario.code)
    )
    for scenario in db.session.scalars(query):
        yield asdict(_as_record(scenario))


def export_example() -> str:
    """The first scenario as one JSON Lines row, to show staff the import format."""
    row = next(export_scenarios(), None)
    return json.dumps(row, ensure_ascii=False) if row else ""
