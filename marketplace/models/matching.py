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


class Recommendation(db.Model):
    """A stored, explained recommendation: rank `rank` of `source_key`'s list in `direction`."""

    __tablename__ = "match_recommendations"
    __table_args__ = (
        UniqueConstraint("direction", "source_key", "rank"),
        Index("ix_match_recommendations_target", "direction", "target_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    direction: Mapped[str] = mapped_column(String(24))
    source_key: Mapped[str] = mapped_column(String(64))
    target_key: Mapped[str] = mapped_column(String(64))
    rank: Mapped[int] = mapped_column(Integer)
    score: Mapped[float] = mapped_column(Float)
    explanation: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    computed_at: Mapped[datetime] = mapped_column(default=utcnow)

    def __repr__(self) -> str:
        return f"<Recommendation {self.direction} {self.source_key}→{self.target_key} #{self.rank}>"
