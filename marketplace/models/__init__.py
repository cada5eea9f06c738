"""Typed SQLAlchemy models; importing this package registers every table."""

from marketplace.models.catalog import Discipline, Industry, Scenario, scenario_disciplines
from marketplace.models.matching import Embedding, MatchRow
from marketplace.models.need import Bid, BidStatus, Need, NeedStatus, need_disciplines
from marketplace.models.need_extras import Invitation, NeedAttachment, NeedQuestion, NeedReminder
from marketplace.models.notification import Notification
from marketplace.models.outbox import OutboxEntry
from marketplace.models.studio import PortfolioItem, Studio, StudioInterest
from marketplace.models.user import Role, User

__all__ = [
    "Bid",
    "BidStatus",
    "Discipline",
    "Embedding",
    "Industry",
    "Invitation",
    "MatchRow",
    "Need",
    "NeedAttachment",
    "NeedQuestion",
    "NeedReminder",
    "NeedStatus",
    "Notification",
    "OutboxEntry",
    "PortfolioItem",
    "Role",
    "Scenario",
    "Studio",
    "StudioInterest",
    "User",
    "need_disciplines",
    "scenario_disciplines",
]
