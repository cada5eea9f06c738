"""Bulk onboarding: studios as JSON Lines (validate every line, then all or nothing), and export.

One studio per line: `ref` (required, unique external reference), `name`, `text` (the capability
statement), and optional `name_zh`, `district`, `industries`, `disciplines`, `accreditation`,
`website`, `founded`, `team_size`, `text_translation` (the statement in the other language:
English when `text` is Chinese, Chinese when it is English), and `portfolio` (import only: past
projects added to a studio that shows none yet; see import_portfolio). `id` is accepted in place
of `ref` (the matching evaluation sample uses it). Re-importing a ref updates that studio in
place; fields of the format that a line leaves out are cleared, fields outside the format (contact
details, portfolio, login) are kept.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TextIO

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from marketplace.database import record_event, write_transaction
from marketplace.extensions import db
from marketplace.models import Studio
from marketplace.models._types import utcnow
from marketplace.reference import DISCIPLINE_CODES, INDUSTRY_CODES
from marketplace.services.common import second_language
from marketplace.services.common.jsonl import LineChecker, validate_lines
from marketplace.services.studios import import_portfolio, studio_profiles
from marketplace.services.studios.studio_events import StudiosChanged

log = logging.getLogger(__name__)

REF = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
FIELDS = ("ref", "name", "name_zh", "district", "founded", "team_size", "website",
          "accreditation", "industries", "disciplines", "text", "text_translation")  # fmt: skip
ALIASES = {"id": "ref"}
IMPORT_ONLY = ("portfolio",)  # read on import, never exported (the portfolio has its own pages)


@dataclass
class StudioRecord:
    """One validated studio line, in the import/export format."""

    ref: str
    name: str
    text: str
    name_zh: str | None = None
    district: str | None = None
    founded: int | None = None
    team_size: int | None = None
    website: str | None = None
    accreditation: str = "none"
    industries: list[str] = field(default_factory=list)
    disciplines: list[str] = field(default_factory=list)
    text_translation: str | None = None
    portfolio: tuple[import_portfolio.PortfolioLine, ...] = field(default=(), compare=False)

    def as_line(self) -> dict:
        """The export object: format fields in a fixed order, empty optional fields left out."""
        row = {name: getattr(self, name) for name in FIELDS}
        return {k: v for k, v in row.items() if v is not None}


@dataclass
class ParsedFile:
    """The records of a valid file, and the lines that named the reference `id`."""

    records: list[StudioRecord]
    id_alias_lines: list[int] = field(default_factory=list)


@dataclass
class ImportReport:
    """What an import changed (refs)."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0


def _ref(check: LineChecker, alias_lines: list[int]) -> str | None:
    obj = check.obj
    if "ref" not in obj and "id" in obj:
        alias_lines.append(check.line)
        obj = dict(obj, ref=obj["id"])
        check.obj = obj
    elif "id" in obj and obj.get("id") != obj.get("ref"):
        check.fail("id", "differs from ref; give one reference (ref)")
        return None
    ref = check.text("ref", max_len=64)
    if ref is not None and not REF.match(ref):
        check.fail("ref", "use letters, digits, '.', '_' and '-' (starting with a letter or digit)")
        return None
    return ref


def _optional_string(check: LineChecker, name: str) -> str | None:
    value = check.obj.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        check.fail(name, "must be a string")
        return None
    return value.strip() or None


def _parse_studio(check: LineChecker, alias_lines: list[int]) -> StudioRecord | None:
    unknown = sorted(set(check.obj) - set(FIELDS) - set(ALIASES) - set(IMPORT_ONLY))
    if unknown:
        check.fail(unknown[0], f"is not a studio field; expected {', '.join(FIELDS)}")
    ref = _ref(check, alias_lines)
    name = check.text("name", min_len=studio_profiles.NAME_MIN, max_len=studio_profiles.NAME_MAX)
    raw_text = check.obj.get("text")
    if isinstance(raw_text, str):
        check.obj = dict(check.obj, text=studio_profiles.clean_text(raw_text))
    text = check.text(
        "text", min_len=studio_profiles.STATEMENT_MIN, max_len=studio_profiles.STATEMENT_MAX
    )
    name_zh = check.text("name_zh", required=False, max_len=studio_profiles.NAME_MAX)
    district = _optional_string(check, "district")
    if district is not None:
        code = studio_profiles.resolve_district(district)
        if code is None:
            check.fail("district", f"unknown district {district[:40]!r}; use a code such as "
                                   "'yubei' or an English name such as 'Yubei'")  # fmt: skip
        district = code
    founded = check.integer(
        "founded", low=studio_profiles.FOUNDED_MIN, high=studio_profiles.current_year()
    )
    team_size = check.integer(
        "team_size", low=studio_profiles.TEAM_MIN, high=studio_profiles.TEAM_MAX
    )
    website = _optional_string(check, "website")
    if website is not None and (problem := studio_profiles.website_error(website)):
        check.fail("website", problem)
    level = _optional_string(check, "accreditation")
    accreditation = (level or "none").lower()
    if accreditation not in studio_profiles.LEVELS:
        check.fail(
            "accreditation", f"must be one of {', '.join(studio_profiles.LEVELS)} (got {level!r})"
        )
    industries = check.codes("industries", INDUSTRY_CODES)
    disciplines = check.codes("disciplines", DISCIPLINE_CODES)
    translation = check.text("text_translation", required=False,
                             max_len=studio_profiles.STATEMENT_MAX)  # fmt: skip
    if text is not None and translation is not None:
        for problem in studio_profiles.translation_errors(studio_profiles.ProfileInput(
                name="", capability_statement=text,
                capability_statement_translation=translation)).values():  # fmt: skip
            check.fail("text_translation", problem)
    portfolio = import_portfolio.parse_portfolio(check)
    if ref is None or name is None or text is None:
        return None
    return StudioRecord(
        ref=ref, name=name, text=text, name_zh=name_zh, district=district, founded=founded,
        team_size=team_size, website=website, accreditation=accreditation,
        industries=sorted(industries, key=INDUSTRY_CODES.index),
        disciplines=sorted(disciplines, key=DISCIPLINE_CODES.index), portfolio=portfolio,
        text_translation=translation,
    )  # fmt: skip


def parse_studios(stream: TextIO | Iterable[str]) -> ParsedFile:
    """Validate a whole studio file; ImportRejected names each bad line and field."""
    alias_lines: list[int] = []
    records = validate_lines(
        stream, lambda check: _parse_studio(check, alias_lines), key=lambda r: r.ref,
        key_field="ref",
    )  # fmt: skip
    return ParsedFile(records, alias_lines)


def as_record(studio: Studio) -> StudioRecord:
    """A studio in the import/export format."""
    return StudioRecord(
        ref=studio.ref, name=studio.name, text=studio.capability_statement,
        name_zh=studio.name_zh, district=studio.district, founded=studio.founded_year,
        team_size=studio.team_size, website=studio.website, accreditation=studio.accreditation,
        industries=studio.industry_codes, disciplines=studio.discipline_codes,
        text_translation=studio.capability_statement_translation,
    )  # fmt: skip


def import_studios(
    records: list[StudioRecord], progress: Callable[[int], object] | None = None
) -> ImportReport:
    """Create or update studios by ref in one transaction (all or nothing)."""
    report = ImportReport()
    changed: list[Studio] = []
    with write_transaction() as session:
        existing = {
            s.ref: s
            for s in session.scalars(
                select(Studio)
                .where(Studio.ref.in_([r.ref for r in records]))
                .options(
                    selectinload(Studio.industries),
                    selectinload(Studio.disciplines),
                    selectinload(Studio.portfolio),
                )
            )
        }
        for record in records:
            studio = existing.get(record.ref)
            if studio is not None and as_record(studio) == record:
                if import_portfolio.add_portfolio(session, studio, record.portfolio):
                    report.updated.append(record.ref)
                    changed.append(studio)
                else:
                    report.unchanged += 1
            else:
                if studio is None:
                    studio = Studio(ref=record.ref, is_listed=True)
                    session.add(studio)
                    report.created.append(record.ref)
                else:
                    report.updated.append(record.ref)
                    studio.updated_at = utcnow()
                _apply(studio, record)
                import_portfolio.add_portfolio(session, studio, record.portfolio)
                changed.append(studio)
            if progress is not None:
                progress(1)
        session.flush()
        ids = [s.id for s in changed]
        if ids:
            record_event(StudiosChanged(ids=tuple(ids)))
    log.info("studio import: %d new, %d updated, %d unchanged",
             len(report.created), len(report.updated), report.unchanged)  # fmt: skip
    return report


def _apply(studio: Studio, record: StudioRecord) -> None:
    studio.name, studio.name_zh, studio.capability_statement = (
        record.name,
        record.name_zh,
        record.text,
    )
    studio.text_lang = second_language.original_language(record.text)
    studio.capability_statement_translation = record.text_translation
    studio.district, studio.website = record.district, record.website
    studio.founded_year, studio.team_size = record.founded, record.team_size
    studio_profiles.set_accreditation(
        studio,
        record.accreditation,
        studio.accreditation_evidence if record.accreditation == studio.accreditation else None,
    )
    studio_profiles.apply_tags(studio, record.industries, record.disciplines)


def export_studios() -> Iterator[StudioRecord]:
    """Every studio with a capability statement, by ref (unfilled profiles are skipped)."""
    query = (
        select(Studio)
        .where(Studio.capability_statement != "")
        .options(selectinload(Studio.industries), selectinload(Studio.disciplines))
        .order_by(Studio.ref)
    )
    for studio in db.session.scalars(query):
        yield as_record(studio)


def unexportable_count() -> int:
    """Studios left out of an export because their profile has no capability statement yet."""
    query = select(func.count(Studio.id)).where(Studio.capability_statement == "")
    return db.session.scalar(query) or 0
