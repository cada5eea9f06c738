"""Typed SQLAlchemy models; importing this package registers every table."""

from marketplace.models.catalog import Discipline, Industry, Scenario, scenario_disciplines
from marketplace.models.matching import Embedding, Recommendation
from marketplace.models.studio import PortfolioItem, Studio, StudioInterest
from marketplace.models.throttle import LoginFailure
from marketplace.models.user import Role, User

__all__ = [
    "Discipline",
    "Embedding",
    "Industry",
    "LoginFailure",
    "PortfolioItem",
    "Recommendation",
    "Role",
    "Scenario",
    "Studio",
    "StudioInterest",
    "User",
    "scenario_disciplines",
]
