"""Search entries: the PostgreSQL full-text backend's documents, shared by every web host."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.extensions import db
from marketplace.models._types import utcnow

# tsvector on PostgreSQL; plain text on SQLite, where the table stays empty (Whoosh serves there)
LEXEMES = TSVECTOR().with_variant(Text(), "sqlite")


class SearchEntry(db.Model):
    """One searchable scenario, studio or need, with its weighted lexemes (GIN-indexed)."""

    __tablename__ = "search_entries"
    __table_args__ = (Index("ix_search_entries_lexemes", "lexemes", postgresql_using="gin"),)

    key: Mapped[str] = mapped_column(String(80), primary_key=True)  # "kind:id"
    kind: Mapped[str] = mapped_column(String(16))
    doc_id: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(Text, default="")
    title_zh: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    body_zh: Mapped[str] = mapped_column(Text, default="")
    body_words: Mapped[str] = mapped_column(Text, default="")  # body, Chinese split into words
    body_zh_words: Mapped[str] = mapped_column(Text, default="")
    industries: Mapped[str] = mapped_column(String(400), default="")  # codes, space-separated
    disciplines: Mapped[str] = mapped_column(String(400), default="")
    district: Mapped[str] = mapped_column(String(64), default="")
    content_hash: Mapped[str] = mapped_column(String(64))
    lexemes: Mapped[str] = mapped_column(LEXEMES)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    def __repr__(self) -> str:
        return f"<SearchEntry {self.key}>"
