"""Matching storage: embedding vectors per profile and the recommendations pages read."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, Index, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.extensions import db
from marketplace.models._types import utcnow

SCENARIO_TO_STUDIO = "scenario-studio"
STUDIO_TO_SCENARIO = "studio-scenario"
NEED_TO_STUDIO = "need-studio"
STUDIO_TO_NEED = "studio-need"


class Embedding(db.Model):
    """One profile's packed vectors, with the content fingerprint and model that made them.

    kind: 'scenario' (key = scenario code), 'studio' (key = studio id) or 'catalogue'
    (key = 'industry:<CODE>' / 'discipline:<CODE>', the tagger's pseudo-profiles).
    """

    __tablename__ = "match_embeddings"
    __table_args__ = (UniqueConstraint("kind", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(64))
    fingerprint: Mapped[str] = mapped_column(String(64))
    model: Mapped[str] = mapped_column(String(200))
    vectors: Mapped[bytes] = mapped_column(LargeBinary)
    predicted_tags: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    def __repr__(self) -> str:
        return f"<Embedding {self.kind}:{self.key}>"


def match_key(kind: str, value: object) -> str:
    """A namespaced match key: match_key("scenario", "NEV-01") == "scenario:NEV-01"."""
    return f"{kind}:{value}"


def split_key(key: str) -> tuple[str, str]:
    """("scenario", "NEV-01") from "scenario:NEV-01"."""
    kind, _, value = key.partition(":")
    return kind, value


DIRECTION_KINDS = {
    SCENARIO_TO_STUDIO: ("scenario", "studio"),
    STUDIO_TO_SCENARIO: ("studio", "scenario"),
    NEED_TO_STUDIO: ("need", "studio"),
    STUDIO_TO_NEED: ("studio", "need"),
}


class MatchRow(db.Model):
    """One proposed pair in one direction, stable across recomputes (keyed by direction, source,
    target): a recompute updates score, reasons and rank in place; a dropped pair is retired (kept,
    with retired_at), so staff decisions stay attached and a list can be replayed later."""

    __tablename__ = "match_rows"
    __table_args__ = (
        UniqueConstraint("direction", "source_key", "target_key"),
        Index("ix_match_rows_list", "direction", "source_key", "retired_at", "rank"),
        Index("ix_match_rows_target", "direction", "target_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    direction: Mapped[str] = mapped_column(String(24))
    source_key: Mapped[str] = mapped_column(String(64))
    target_key: Mapped[str] = mapped_column(String(64))
    rank: Mapped[int | None] = mapped_column(Integer, default=None)
    score: Mapped[float] = mapped_column(Float)
    fit: Mapped[str | None] = mapped_column(String(16), default=None)
    parts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    explanation: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    model: Mapped[str] = mapped_column(String(200), default="")
    weights_version: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    computed_at: Mapped[datetime] = mapped_column(default=utcnow)
    retired_at: Mapped[datetime | None] = mapped_column(default=None)

    @property
    def source_value(self) -> str:
        """The source key without its namespace ("NEV-01" for "scenario:NEV-01")."""
        return split_key(self.source_key)[1]

    @property
    def target_value(self) -> str:
        """The target key without its namespace ("7" for "studio:7")."""
        return split_key(self.target_key)[1]

    @property
    def is_current(self) -> bool:
        """True while the pair is in its source's current list."""
        return self.retired_at is None

    def __repr__(self) -> str:
        return f"<MatchRow {self.direction} {self.source_key}→{self.target_key} #{self.rank}>"
