"""The scenario catalogue: industries, design disciplines and the 83 application scenarios."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.extensions import db
from marketplace.models._types import utcnow

scenario_disciplines = Table(
    "scenario_disciplines",
    db.metadata,
    Column("scenario_id", ForeignKey("scenarios.id", ondelete="CASCADE"), primary_key=True),
    Column("discipline_code", ForeignKey("disciplines.code"), primary_key=True),
)


class Industry(db.Model):
    """One of the 13 industries of Chongqing's design-application list."""

    __tablename__ = "industries"

    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_zh: Mapped[str] = mapped_column(String(100))
    trend: Mapped[str] = mapped_column(Text)
    trend_zh: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    scenarios: Mapped[list[Scenario]] = relationship(
        back_populates="industry", order_by="Scenario.code"
    )

    def __repr__(self) -> str:
        return f"<Industry {self.code}>"


class Discipline(db.Model):
    """A design discipline a studio can offer and a scenario can call for."""

    __tablename__ = "disciplines"

    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_zh: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer, default=0)

    def __repr__(self) -> str:
        return f"<Discipline {self.code}>"


class Scenario(db.Model):
    """An industrial-design application scenario published by the commission."""

    __tablename__ = "scenarios"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True, index=True)
    industry_code: Mapped[str] = mapped_column(ForeignKey("industries.code"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    title_zh: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text)
    deliverables: Mapped[list[str]] = mapped_column(JSON, default=list)
    summary_zh: Mapped[str] = mapped_column(String(500), default="")
    description_zh: Mapped[str] = mapped_column(Text, default="")
    deliverables_zh: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    industry: Mapped[Industry] = relationship(back_populates="scenarios")
    disciplines: Mapped[list[Discipline]] = relationship(
        secondary=scenario_disciplines, order_by="Discipline.position"
    )

    @property
    def discipline_codes(self) -> list[str]:
        """Discipline codes in catalogue order."""
        return [d.code for d in self.disciplines]

    def __repr__(self) -> str:
        return f"<Scenario {self.code}>"
