"""Commission decisions: on proposed matches and on accreditation claims (full history kept)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.extensions import db
from marketplace.models._types import utcnow
from marketplace.models.user import User

APPROVED = "approved"
REJECTED = "rejected"
WITHDRAWN = "withdrawn"  # staff took an approval or rejection back: the pair is undecided again


class MatchDecision(db.Model):
    """A staff decision on one proposal, with what the reviewer saw (so it can be replayed)."""

    __tablename__ = "match_decisions"
    __table_args__ = (Index("ix_match_decisions_pair", "direction", "source_key", "target_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    match_row_id: Mapped[int] = mapped_column(
        ForeignKey("match_rows.id", ondelete="CASCADE"), index=True
    )
    direction: Mapped[str] = mapped_column(String(24))
    source_key: Mapped[str] = mapped_column(String(64))
    target_key: Mapped[str] = mapped_column(String(64))
    decision: Mapped[str] = mapped_column(String(16))
    reason_code: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")
    # Content fingerprint of both sides when decided: a rejection stands until one of them changes.
    fingerprint: Mapped[str] = mapped_column(String(64))
    # Score, fit, rank, parts, explanation, model and weights version as shown to the reviewer.
    seen: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    decided_by: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<MatchDecision {self.decision} {self.source_key}→{self.target_key}>"


class ClaimEvent(db.Model):
    """One step in the life of a studio's accreditation claim: verified, rejected, evidence asked
    for or uploaded, verification withdrawn. `claim` is the claim's fingerprint at that time."""

    __tablename__ = "claim_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(ForeignKey("studios.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(24))
    level: Mapped[str] = mapped_column(String(20))
    claim: Mapped[str] = mapped_column(String(64))
    reason_code: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")
    document_name: Mapped[str | None] = mapped_column(String(80))
    document_mime: Mapped[str | None] = mapped_column(String(40))
    document_title: Mapped[str | None] = mapped_column(String(200))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    actor: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<ClaimEvent {self.studio_id} {self.action}>"


class WeightsVersion(db.Model):
    """A set of fusion weights `flask match learn` adopted, with the figures that justified it."""

    __tablename__ = "weights_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(40), unique=True)
    weights: Mapped[dict[str, float]] = mapped_column(JSON)
    previous: Mapped[dict[str, float]] = mapped_column(JSON)
    figures: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    adopted_at: Mapped[datetime] = mapped_column(default=utcnow)
