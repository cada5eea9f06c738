"""Typed SQLAlchemy models; importing this package registers every table."""

from marketplace.models.api_token import ApiToken
from marketplace.models.audit import AuditEntry
from marketplace.models.catalog import Discipline, Industry, Scenario, scenario_disciplines
from marketplace.models.city import CityReport
from marketplace.models.matching import Embedding, MatchRow
from marketplace.models.need import Bid, BidStatus, Need, NeedStatus, need_disciplines
from marketplace.models.need_extras import Invitation, NeedAttachment, NeedQuestion, NeedReminder
from marketplace.models.notification import Notification
from marketplace.models.outbox import OutboxEntry
from marketplace.models.review import ClaimEvent, MatchDecision, WeightsVersion
from marketplace.models.studio import PortfolioImage, PortfolioItem, Studio, StudioInterest
from marketplace.models.throttle import LoginFailure
from marketplace.models.user import Role, User

__all__ = [
    "ApiToken",
    "AuditEntry",
    "Bid",
    "BidStatus",
    "CityReport",
    "ClaimEvent",
    "Discipline",
    "Embedding",
    "Industry",
    "Invitation",
    "LoginFailure",
    "MatchDecision",
    "MatchRow",
    "Need",
    "NeedAttachment",
    "NeedQuestion",
    "NeedReminder",
    "NeedStatus",
    "Notification",
    "OutboxEntry",
    "PortfolioImage",
    "PortfolioItem",
    "Role",
    "Scenario",
    "Studio",
    "StudioInterest",
    "User",
    "WeightsVersion",
    "need_disciplines",
    "scenario_disciplines",
]
