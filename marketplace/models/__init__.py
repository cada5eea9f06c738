"""Typed SQLAlchemy models; importing this package registers every table."""

from marketplace.models.api_token import ApiToken
from marketplace.models.audit import AuditEntry
from marketplace.models.bid import Bid, BidStatus
from marketplace.models.catalog import Discipline, Industry, Scenario, scenario_disciplines
from marketplace.models.city import CityReport
from marketplace.models.company import Company, CompanyEvent, CompanySize
from marketplace.models.engagement import Engagement, EngagementStatus
from marketplace.models.engagement_message import EngagementMessage
from marketplace.models.match_review import ClaimEvent, MatchDecision, WeightsVersion
from marketplace.models.matching import Embedding, MatchRow
from marketplace.models.matchmaking_event import EventStatus, MatchEvent
from marketplace.models.matchmaking_fit import ParticipantFit
from marketplace.models.matchmaking_meeting import Meeting, MeetingOutcome
from marketplace.models.matchmaking_participant import EventParticipant, ParticipantStatus
from marketplace.models.matchmaking_request import MeetingRequest, RequestStatus
from marketplace.models.milestone import Milestone, MilestoneStatus
from marketplace.models.need import Need, NeedStatus, need_disciplines
from marketplace.models.need_extras import Invitation, NeedAttachment, NeedQuestion, NeedReminder
from marketplace.models.notification import Notification
from marketplace.models.ops import ReadinessProbe
from marketplace.models.outbox import OutboxEntry
from marketplace.models.rating import Rating
from marketplace.models.saved_search import SavedSearch
from marketplace.models.search_entry import SearchEntry
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
    "Company",
    "CompanyEvent",
    "CompanySize",
    "Discipline",
    "Embedding",
    "Engagement",
    "EngagementMessage",
    "EngagementStatus",
    "EventParticipant",
    "EventStatus",
    "Industry",
    "Invitation",
    "LoginFailure",
    "MatchDecision",
    "MatchEvent",
    "MatchRow",
    "Meeting",
    "MeetingOutcome",
    "MeetingRequest",
    "Milestone",
    "MilestoneStatus",
    "Need",
    "NeedAttachment",
    "NeedQuestion",
    "NeedReminder",
    "NeedStatus",
    "Notification",
    "OutboxEntry",
    "ParticipantFit",
    "ParticipantStatus",
    "PortfolioImage",
    "PortfolioItem",
    "Rating",
    "ReadinessProbe",
    "RequestStatus",
    "Role",
    "SavedSearch",
    "Scenario",
    "SearchEntry",
    "Studio",
    "StudioInterest",
    "User",
    "WeightsVersion",
    "need_disciplines",
    "scenario_disciplines",
]
