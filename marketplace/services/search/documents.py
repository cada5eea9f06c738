"""Search documents built from database rows: the one place that decides what is searchable.

The receivers, `search rebuild` and `search check` all build documents here, so the content
hashes they compare agree. Only public text goes in: everything in a document can show up in a
snippet to anonymous visitors, so contact details, evidence notes and drafts never do.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from sqlalchemy.sql import Select

from marketplace.extensions import db
from marketplace.models import Need, Scenario, Studio
from marketplace.policies.needs_policy import public_need_clause
from marketplace.policies.studios_policy import public_studio_clause
from marketplace.reference import district_label
from matching.reasons import is_filler
from search_index import SearchDocument, make_key, split_key
from search_index.analysis import contains_han

log = logging.getLogger(__name__)

BATCH = 200  # rows per query when streaming the whole catalogue


def _paragraphs(parts: Iterable[str | None]) -> str:
    """Non-empty parts as sentences, so that snippets read well across a join."""
    kept = (p.strip() for p in parts if p and p.strip())
    return "\n\n".join(p if p[-1] in ".!?;:。！？；" else f"{p}." for p in kept)


def scenario_document(scenario: Scenario) -> SearchDocument:
    """A scenario's document: titles, summary, description, deliverables and its tags' names."""
    tags = [scenario.industry, *scenario.disciplines]
    text = [scenario.summary, scenario.description, *(scenario.deliverables or [])]
    return SearchDocument(
        kind="scenario",
        id=scenario.code,
        title=scenario.title,
        title_zh=scenario.title_zh or "",
        body=_paragraphs([*text, *(t.name for t in tags)]),
        body_zh=_paragraphs([
            scenario.summary_zh or "", scenario.description_zh or "",
            *(scenario.deliverables_zh or []), *(t.name_zh for t in tags),
        ]),
        industries=[scenario.industry_code],
        disciplines=scenario.discipline_codes,
    )


def _by_language(parts: Iterable[str | None]) -> tuple[list[str], list[str]]:
    """(English parts, Chinese parts): text with Chinese characters goes to the Chinese fields,
    whose analyser (jieba) can read it; the reader's language then picks the snippet."""
    english: list[str] = []
    chinese: list[str] = []
    for part in parts:
        if part and part.strip():
            (chinese if contains_han(part) else english).append(part)
    return english, chinese


def studio_document(studio: Studio) -> SearchDocument:
    """A listed studio's document: names, capability statement, portfolio and tags (no contacts)."""
    tags = [*studio.industries, *studio.disciplines]
    portfolio = [part for item in studio.portfolio for part in (item.title, item.description)
                 if not is_filler(part)]  # demo dressing is never searched or quoted
    english, chinese = _by_language(
        [studio.capability_statement, studio.capability_statement_translation, *portfolio]
    )  # both versions of the statement: a query in either language finds the studio
    chinese_name = not studio.name_zh and contains_han(studio.name)  # a Chinese-only name
    return SearchDocument(
        kind="studio",
        id=str(studio.id),
        title="" if chinese_name else studio.name,
        title_zh=studio.name if chinese_name else (studio.name_zh or ""),
        body=_paragraphs([*english, *(t.name for t in tags)]),
        body_zh=_paragraphs([*chinese, " ".join(t.name_zh for t in tags)]),
        industries=studio.industry_codes,
        disciplines=studio.discipline_codes,
        district=district_label(studio.district),
    )


def need_document(need: Need) -> SearchDocument:
    """A public need's document: title, description, industry and disciplines (no budget,
    no manufacturer, no bids: only what the public need page shows anyone)."""
    tags = [t for t in (need.industry, *need.disciplines) if t is not None]
    english, chinese = _by_language([need.description, need.description_translation])
    titles = {"zh": "", "en": ""}  # each version of the title under its language
    for text in (need.title_translation, need.title):
        if text:
            titles["zh" if contains_han(text) else "en"] = text
    return SearchDocument(
        kind="need",
        id=str(need.id),
        title=titles["en"],
        title_zh=titles["zh"],
        body=_paragraphs([*english, *(t.name for t in tags)]),
        body_zh=_paragraphs([*chinese, " ".join(t.name_zh for t in tags)]),
        industries=[need.industry_code] if need.industry_code else [],
        disciplines=need.discipline_codes,
    )


def _scenarios() -> Select:
    return select(Scenario).options(
        selectinload(Scenario.industry), selectinload(Scenario.disciplines)
    )


def _studios() -> Select:
    return (
        select(Studio)
        .where(public_studio_clause())
        .options(selectinload(Studio.industries), selectinload(Studio.disciplines),
                 selectinload(Studio.portfolio))
    )  # fmt: skip


def _needs() -> Select:
    return (
        select(Need)
        .where(public_need_clause())
        .options(selectinload(Need.industry), selectinload(Need.disciplines))
    )


def load_documents(keys: Iterable[str]) -> list[SearchDocument]:
    """The current documents for "kind:id" keys; rows that are gone or unlisted are left out."""
    wanted: dict[str, set[str]] = {}
    for key in keys:
        kind, doc_id = split_key(key)
        wanted.setdefault(kind, set()).add(doc_id)
    docs: list[SearchDocument] = []
    if codes := wanted.get("scenario"):
        rows = db.session.scalars(_scenarios().where(Scenario.code.in_(sorted(codes))))
        docs.extend(scenario_document(s) for s in rows)
    studio_ids = sorted(int(i) for i in wanted.get("studio", ()) if i.isdigit())
    if studio_ids:
        rows = db.session.scalars(_studios().where(Studio.id.in_(studio_ids)))
        docs.extend(studio_document(s) for s in rows)
    need_ids = sorted(int(i) for i in wanted.get("need", ()) if i.isdigit())
    if need_ids:
        rows = db.session.scalars(_needs().where(Need.id.in_(need_ids)))
        docs.extend(need_document(n) for n in rows)
    return docs


def iter_documents() -> Iterator[SearchDocument]:
    """Every searchable row as a document, streamed in batches (scenarios, studios, needs)."""
    yield from _stream(_scenarios(), Scenario.code, "", scenario_document)
    yield from _stream(_studios(), Studio.id, 0, studio_document)
    yield from _stream(_needs(), Need.id, 0, need_document)


def _stream(query: Select, key_column, start, build) -> Iterator[SearchDocument]:
    last = start  # keyset paging: rows added or removed meanwhile never shift a batch
    while True:
        rows = list(
            db.session.scalars(query.where(key_column > last).order_by(key_column).limit(BATCH))
        )
        yield from (build(row) for row in rows)
        if len(rows) < BATCH:
            return
        last = getattr(rows[-1], key_column.key)


def document_count() -> int:
    """How many documents a rebuild writes."""
    scenarios = db.session.scalar(select(func.count(Scenario.id))) or 0
    studios = db.session.scalar(
        select(func.count(Studio.id)).where(public_studio_clause())
    )
    needs = db.session.scalar(select(func.count(Need.id)).where(public_need_clause()))
    return scenarios + (studios or 0) + (needs or 0)


def expected_hashes() -> dict[str, str]:
    """{key: content_hash} of what the index should hold according to the database."""
    return {doc.key: doc.content_hash() for doc in iter_documents()}


def studio_keys(ids: Iterable[int]) -> list[str]:
    """Index keys for studio ids."""
    return [make_key("studio", i) for i in ids]


def need_keys(ids: Iterable[int]) -> list[str]:
    """Index keys for need ids."""
    return [make_key("need", i) for i in ids]


def scenario_keys(codes: Iterable[str]) -> list[str]:
    """Index keys for scenario codes."""
    return [make_key("scenario", c) for c in codes]
