"""Typed SQLAlchemy models; importing this package registers every table."""

from marketplace.models.audit import AuditEntry
from marketplace.models.catalog import Discipline, Industry, Scenario, scenario_disciplines
from marketplace.models.matching import Embedding, MatchRow
from marketplace.models.outbox import OutboxEntry
from marketplace.models.review import ClaimEvent, MatchDecision, WeightsVersion
from marketplace.models.studio import PortfolioItem, Studio, StudioInterest
from marketplace.models.user import Role, User

__all__ = [
    "AuditEntry",
    "ClaimEvent",
    "Discipline",
    "Embedding",
    "Industry",
    "MatchDecision",
    "MatchRow",
    "OutboxEntry",
    "PortfolioItem",
    "Role",
    "Scenario",
    "Studio",
    "StudioInterest",
    "User",
    "WeightsVersion",
    "scenario_disciplines",
]
