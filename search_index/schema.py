"""The Whoosh schema, field boosts and the document <-> stored-fields mapping."""

from __future__ import annotations

from typing import Any

from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from search_index.analysis import (
    chinese_analyzer,
    english_analyzer,
    pinyin_analyzer,
    spelling_analyzer,
)
from search_index.chinese import pinyin_terms
from search_index.documents import SearchDocument

# Query-time boosts for the text box (BM25F sums the per-field scores).
FIELD_BOOSTS: dict[str, float] = {
    "title": 4.0,
    "title_zh": 4.0,
    "district": 2.0,
    "body": 1.0,
    "body_zh": 1.0,
    "pinyin": 2.0,  # pinyin spellings of the Chinese title and district (search_index.chinese)
}
TEXT_FIELDS: tuple[str, ...] = tuple(FIELD_BOOSTS)
CHINESE_FIELDS: frozenset[str] = frozenset({"title_zh", "body_zh", "district"})
UNPOSITIONED_FIELDS: frozenset[str] = CHINESE_FIELDS | {"pinyin"}  # a phrase there = all words
FACET_FIELDS: dict[str, str] = {
    "kind": "kind",
    "industry": "industries",
    "discipline": "disciplines",
}


def build_schema() -> Schema:
    """Return a fresh schema instance (one document per scenario, studio or need)."""
    english = english_analyzer()
    chinese = chinese_analyzer()
    return Schema(
        key=ID(stored=True, unique=True),
        kind=ID(stored=True, sortable=True),
        doc_id=ID(stored=True),
        title=TEXT(analyzer=english, stored=True, multitoken_query="and"),
        title_zh=TEXT(analyzer=chinese, stored=True, phrase=False, multitoken_query="and"),
        body=TEXT(analyzer=english, stored=True, multitoken_query="and"),
        body_zh=TEXT(analyzer=chinese, stored=True, phrase=False, multitoken_query="and"),
        district=TEXT(analyzer=chinese, stored=True, phrase=False, multitoken_query="and"),
        industries=KEYWORD(stored=True, scorable=False),
        disciplines=KEYWORD(stored=True, scorable=False),
        sort_title=ID(sortable=True),
        spell=TEXT(analyzer=spelling_analyzer(), phrase=False),
        pinyin=TEXT(analyzer=pinyin_analyzer(), phrase=False, multitoken_query="and"),
        content_hash=STORED(),
    )


def schema_signature(schema: Schema) -> list[tuple[str, str]]:
    """Field names and types, to tell whether an existing index needs a rebuild."""
    return sorted((name, type(schema[name]).__name__) for name in schema.names())


def to_fields(doc: SearchDocument) -> dict[str, Any]:
    """Map a SearchDocument to the keyword arguments of writer.update_document()."""
    fields: dict[str, Any] = {
        "key": doc.key,
        "kind": doc.kind,
        "doc_id": doc.id,
        "title": doc.title,
        "title_zh": doc.title_zh,
        "body": doc.body,
        "body_zh": doc.body_zh,
        "district": doc.district,
        "industries": " ".join(doc.industries),
        "disciplines": " ".join(doc.disciplines),
        "sort_title": (doc.title or doc.title_zh).casefold()[:200],
        "spell": f"{doc.title} {doc.body} {doc.district}",
        "pinyin": " ".join(pinyin_terms(f"{doc.title_zh} {doc.district}")),
        "content_hash": doc.content_hash(),
    }
    # Empty values have nothing to index or store.
    return {name: value for name, value in fields.items() if value != ""}
