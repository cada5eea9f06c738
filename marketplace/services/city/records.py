"""The rows the city figures are counted from, read once from the database per computation."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from marketplace.extensions import db
from marketplace.models import Bid, BidStatus, Need, Role, Scenario, Studio, User
from marketplace.models.studio import Accreditation, studio_industries


@dataclass(frozen=True)
class StudioRec:
    """A studio as the figures see it."""

    id: int
    district: str | None
    level: str  # claimed accreditation level
    verified_at: datetime | None
    created_at: datetime
    industries: frozenset[str]

    @property
    def verified_level(self) -> str | None:
        """The accreditation level staff verified, or None."""
        if self.verified_at is None or self.level == Accreditation.NONE:
            return None
        return self.level


@dataclass(frozen=True)
class NeedRec:
    """A need as the figures see it (drafts and needs waiting for review are never counted)."""

    id: int
    ref: str
    title: str
    industry: str | None
    scenario: str | None
    status: str
    manufacturer_id: int
    submitted_at: datetime | None
    published_at: datetime | None


@dataclass(frozen=True)
class BidRec:
    """A bid: who, on what, when, at what price, and where it ended."""

    id: int
    need_id: int
    studio_id: int
    status: str
    created_at: datetime
    decided_at: datetime | None
    price: int

    @property
    def is_award(self) -> bool:
        """True for the winning bid of a need."""
        return self.status == BidStatus.AWARDED and self.decided_at is not None


@dataclass(frozen=True)
class ManufacturerRec:
    """A manufacturer account."""

    id: int
    created_at: datetime


@dataclass
class Records:
    """Everything the platform-side figures are computed from."""

    studios: dict[int, StudioRec]
    needs: dict[int, NeedRec]
    bids: list[BidRec]
    manufacturers: dict[int, ManufacturerRec]

    @property
    def awards(self) -> list[BidRec]:
        """Winning bids, oldest first."""
        return sorted((b for b in self.bids if b.is_award), key=lambda b: (b.decided_at, b.id))


def load() -> Records:
    """Read the studios, published needs, bids and manufacturers (suspended ones left out)."""
    industries: dict[int, set[str]] = defaultdict(set)
    for studio_id, code in db.session.execute(select(studio_industries)):
        industries[studio_id].add(code)
    studios = {
        s.id: StudioRec(s.id, s.district, s.accreditation or Accreditation.NONE,
                        s.accreditation_verified_at, s.created_at, frozenset(industries[s.id]))
        for s in db.session.scalars(select(Studio).where(Studio.suspended_at.is_(None)))
    }  # fmt: skip
    needs = {
        row.id: NeedRec(row.id, row.ref, row.title, row.industry_code, row.code, row.status,
                        row.manufacturer_id, row.submitted_at, row.published_at)
        for row in db.session.execute(
            select(Need.id, Need.ref, Need.title, Need.industry_code, Scenario.code, Need.status,
                   Need.manufacturer_id, Need.submitted_at, Need.published_at)
            .outerjoin(Scenario, Scenario.id == Need.scenario_id)
            .where(Need.published_at.is_not(None))
        )
    }  # fmt: skip
    bids = [
        BidRec(b.id, b.need_id, b.studio_id, b.status, b.created_at, b.decided_at, b.price)
        for b in db.session.scalars(select(Bid).where(Bid.status != BidStatus.WITHDRAWN))
        if b.need_id in needs
    ]
    manufacturers = {
        u.id: ManufacturerRec(u.id, u.created_at)
        for u in db.session.scalars(
            select(User).where(User.role == Role.MANUFACTURER, User.suspended_at.is_(None))
        )
    }
    return Records(studios, needs, bids, manufacturers)
