"""Design studios: capability profiles, portfolios and interest in scenarios."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Column, ForeignKey, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from marketplace.extensions import db
from marketplace.models._types import utcnow
from marketplace.models.catalog import Discipline, Industry, Scenario
from marketplace.text_language import SORT_KEY_MAX, language_of, pinyin_sort_key

if TYPE_CHECKING:
    from marketplace.models.user import User

studio_industries = Table(
    "studio_industries",
    db.metadata,
    Column("studio_id", ForeignKey("studios.id", ondelete="CASCADE"), primary_key=True),
    Column("industry_code", ForeignKey("industries.code"), primary_key=True),
)

studio_disciplines = Table(
    "studio_disciplines",
    db.metadata,
    Column("studio_id", ForeignKey("studios.id", ondelete="CASCADE"), primary_key=True),
    Column("discipline_code", ForeignKey("disciplines.code"), primary_key=True),
)


class Accreditation(enum.StrEnum):
    """Industrial design centre level a studio claims."""

    NONE = "none"
    DISTRICT = "district"
    MUNICIPAL = "municipal"
    NATIONAL = "national"


class Studio(db.Model):
    """A design organisation: what it says it can do, in its own words and as tags."""

    __tablename__ = "studios"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    name_zh: Mapped[str | None] = mapped_column(String(200))
    # the directory's order for a Chinese reader: pinyin of name_zh (else name), set on every save
    sort_key_zh: Mapped[str | None] = mapped_column(String(SORT_KEY_MAX), index=True)
    district: Mapped[str | None] = mapped_column(String(40), index=True)
    founded_year: Mapped[int | None] = mapped_column(Integer)
    team_size: Mapped[int | None] = mapped_column(Integer)
    website: Mapped[str | None] = mapped_column(String(300))
    accreditation: Mapped[str] = mapped_column(String(20), default=Accreditation.NONE, index=True)
    accreditation_evidence: Mapped[str | None] = mapped_column(String(500))
    accreditation_verified_at: Mapped[datetime | None] = mapped_column(default=None)
    accreditation_verified_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL", use_alter=True)
    )
    capability_statement: Mapped[str] = mapped_column(Text, default="")
    # the statement's language ('zh' / 'en', set when it is saved) and the studio's own version
    # of it in the other language (None when it wrote only one)
    text_lang: Mapped[str | None] = mapped_column(String(8))
    capability_statement_translation: Mapped[str | None] = mapped_column(Text)
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    logo_key: Mapped[str | None] = mapped_column(String(32))
    cover_key: Mapped[str | None] = mapped_column(String(32))
    is_listed: Mapped[bool] = mapped_column(default=True)
    suspended_at: Mapped[datetime | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    members: Mapped[list[User]] = relationship(
        back_populates="studio", foreign_keys="User.studio_id"
    )
    verified_by: Mapped[User | None] = relationship(foreign_keys=[accreditation_verified_by_id])
    industries: Mapped[list[Industry]] = relationship(
        secondary=studio_industries, order_by="Industry.position"
    )
    disciplines: Mapped[list[Discipline]] = relationship(
        secondary=studio_disciplines, order_by="Discipline.position"
    )
    portfolio: Mapped[list[PortfolioItem]] = relationship(
        back_populates="studio",
        cascade="all, delete-orphan",
        order_by="(PortfolioItem.year.desc(), PortfolioItem.id.desc())",
    )
    interests: Mapped[list[StudioInterest]] = relationship(
        back_populates="studio", cascade="all, delete-orphan"
    )

    @validates("name", "name_zh")
    def _keep_sort_key(self, key: str, value: str | None) -> str | None:
        names = {"name": self.name, "name_zh": self.name_zh, key: value}
        self.sort_key_zh = pinyin_sort_key(names["name_zh"] or names["name"])
        return value

    @property
    def primary_lang(self) -> str:
        """The language the capability statement is written in ('zh' / 'en')."""
        return self.text_lang or language_of(self.capability_statement) or "zh"

    @property
    def is_verified(self) -> bool:
        """True once staff verified the accreditation claim."""
        return self.accreditation_verified_at is not None

    @property
    def card_image(self) -> tuple[str, str] | None:
        """(shape, key) for a card: the logo, else the newest project's first image."""
        if self.logo_key:
            return ("logo", self.logo_key)
        for item in self.portfolio:
            if item.images:
                return ("work", item.images[0].key)
        return None

    @property
    def summary(self) -> str:
        """The first sentence of the capability statement (for one-line card summaries)."""
        text = " ".join((self.capability_statement or "").split())
        for stop in ("。", ". ", "！", "? "):
            if stop in text:
                return text.split(stop, 1)[0] + stop.strip()
        return text

    @property
    def industry_codes(self) -> list[str]:
        """Industry codes in catalogue order."""
        return [i.code for i in self.industries]

    @property
    def discipline_codes(self) -> list[str]:
        """Discipline codes in catalogue order."""
        return [d.code for d in self.disciplines]

    def __repr__(self) -> str:
        return f"<Studio {self.ref}>"


class PortfolioItem(db.Model):
    """A past project a studio shows, optionally with an image."""

    __tablename__ = "portfolio_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(ForeignKey("studios.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    year: Mapped[int | None] = mapped_column(Integer)
    industry_code: Mapped[str | None] = mapped_column(ForeignKey("industries.code"))
    client_kind: Mapped[str | None] = mapped_column(String(40))
    description: Mapped[str] = mapped_column(Text, default="")
    image_name: Mapped[str | None] = mapped_column(String(80))
    image_mime: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    studio: Mapped[Studio] = relationship(back_populates="portfolio")
    industry: Mapped[Industry | None] = relationship()
    images: Mapped[list[PortfolioImage]] = relationship(
        back_populates="item",
        cascade="all, delete-orphan",
        order_by="(PortfolioImage.position, PortfolioImage.id)",
    )


class PortfolioImage(db.Model):
    """One of up to six pictures of a portfolio item, stored in sized variants."""

    __tablename__ = "portfolio_images"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("portfolio_items.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    key: Mapped[str] = mapped_column(String(32), unique=True)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    item: Mapped[PortfolioItem] = relationship(back_populates="images")


class StudioInterest(db.Model):
    """A studio's "we can take this on" for a scenario."""

    __tablename__ = "studio_interests"
    __table_args__ = (UniqueConstraint("studio_id", "scenario_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(ForeignKey("studios.id", ondelete="CASCADE"), index=True)
    scenario_id: Mapped[int] = mapped_column(
        ForeignKey("scenarios.id", ondelete="CASCADE"), index=True
    )
    note: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    studio: Mapped[Studio] = relationship(back_populates="interests")
    scenario: Mapped[Scenario] = relationship()
