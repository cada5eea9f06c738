"""After the award: engagements, their thread, milestones, ratings and outcome, for the two
parties (and staff where the pages let them), through the same services and policies."""

from __future__ import annotations

from flask_login import current_user

from marketplace import policies
from marketplace.access import ANY_ROLE, role_required
from marketplace.api import api_present, engagement_schemas
from marketplace.api.api_present import utc
from marketplace.api.api_setup import new_blueprint
from marketplace.models import Engagement, EngagementMessage, Milestone, Rating, Role
from marketplace.policies.engagements import side_of
from marketplace.services.common.list_page import page_of_list
from marketplace.services.companies.company_profiles import company_of
from marketplace.services.engagements import closing, common, milestones, opening, ratings, thread

blp = new_blueprint(
    "api_engagements",
    __name__,
    "After the award: engagements, messages, milestones, ratings, outcomes.",
)

PARTIES = (Role.STUDIO, Role.MANUFACTURER)


def _actor():
    return policies.actor_of(current_user)


def _slice(rows: list, page: int, per_page: int, present) -> dict:
    result = page_of_list(rows, page, per_page)
    return api_present.page(result, [present(r) for r in result.items])


def milestone(m: Milestone) -> dict:
    """A milestone as the API shows it."""
    return {
        "id": m.id, "engagement_id": m.engagement_id, "title": m.title, "due_on": m.due_on,
        "amount": m.amount, "status": str(m.status),
        "manufacturer_agreed": m.manufacturer_agreed_at is not None,
        "studio_agreed": m.studio_agreed_at is not None, "delivered_at": utc(m.delivered_at),
        "delivery_note": m.delivery_note, "has_delivery_file": bool(m.delivery_file),
        "decided_at": utc(m.decided_at), "return_reason": m.return_reason,
    }  # fmt: skip


def engagement(e: Engagement) -> dict:
    """An engagement with both contacts, its milestones and its outcome."""
    company = company_of(e.manufacturer_id)
    contacts = {side: vars(c) for side, c in common.contacts(e).items()}
    return {
        "id": e.id, "need_id": e.need_id, "need_title": e.need.title, "bid_id": e.bid_id,
        "studio_id": e.studio_id, "studio_name": e.studio.name,
        "company_id": company.id if company else None, "status": str(e.status),
        "awarded_price": e.awarded_price, "started_at": utc(e.started_at),
        "completed_at": utc(e.completed_at), "cancelled_at": utc(e.cancelled_at),
        "cancel_reason": e.cancel_reason, "your_side": side_of(_actor(), e),
        "contacts": contacts, "milestones": [milestone(m) for m in e.milestones],
        "outcome": {"contract_value": e.contract_value, "product_launched": e.product_launched,
                    "launched_on": e.launched_on, "launch_link": e.launch_link,
                    "recorded_at": utc(e.outcome_recorded_at)},
    }  # fmt: skip


def message(m: EngagementMessage) -> dict:
    """A thread message (the file itself is downloaded from the page)."""
    return {"id": m.id, "side": m.side, "body": m.body, "has_file": bool(m.file_name),
            "created_at": utc(m.created_at), "read_at": utc(m.read_at)}  # fmt: skip


def rating(r: Rating | None) -> dict | None:
    """A rating, its comment blanked when staff hid it."""
    if r is None:
        return None
    hidden = r.hidden_at is not None
    return {"id": r.id, "side": r.side, "quality": r.quality, "timeliness": r.timeliness,
            "communication": r.communication, "comment": "" if hidden else r.comment,
            "comment_hidden": hidden, "created_at": utc(r.created_at)}  # fmt: skip


def _fresh(engagement_id: int) -> dict:
    return engagement(common.visible(_actor(), engagement_id))


@blp.get("/me/engagements")
@blp.arguments(engagement_schemas.PageArgs, location="query", as_kwargs=True)
@blp.response(200, engagement_schemas.EngagementPage)
@role_required(ANY_ROLE)
def mine(page: int, per_page: int):
    """The caller's engagements, newest first (staff: every engagement)."""
    return _slice(opening.of_actor(_actor()), page, per_page, engagement)


@blp.get("/engagements/<int:engagement_id>")
@blp.response(200, engagement_schemas.Engagement)
@role_required(ANY_ROLE)
def detail(engagement_id: int):
    """One engagement: its parties and staff (404 for anyone else)."""
    return _fresh(engagement_id)


@blp.get("/engagements/<int:engagement_id>/messages")
@blp.arguments(engagement_schemas.ThreadArgs, location="query", as_kwargs=True)
@blp.response(200, engagement_schemas.MessagePage)
@role_required(ANY_ROLE)
def messages(page: int, per_page: int, engagement_id: int, reason: str | None = None):
    """The private thread, oldest first; reading marks the other side's messages read. Staff
    must pass `reason` (10-500 characters), recorded in the audit trail."""
    rows = thread.read(_actor(), engagement_id, reason)
    return _slice(rows, page, per_page, message)


@blp.post("/engagements/<int:engagement_id>/messages")
@blp.arguments(engagement_schemas.MessageIn)
@blp.response(201, engagement_schemas.Message)
@role_required(*PARTIES)
def post_message(body: dict, engagement_id: int):
    """Post a message to the other side (the two parties, while active)."""
    return message(thread.post(_actor(), engagement_id, thread.MessageInput(body["body"])))


@blp.post("/engagements/<int:engagement_id>/milestones")
@blp.arguments(engagement_schemas.MilestoneIn)
@blp.response(201, engagement_schemas.Milestone)
@role_required(*PARTIES)
def propose(body: dict, engagement_id: int):
    """Propose a milestone; the proposer's side counts as agreed."""
    data = milestones.MilestoneInput(body["title"], body["due_on"], body["amount"])
    return milestone(milestones.propose(_actor(), engagement_id, data))


@blp.post("/milestones/<int:milestone_id>/agree")
@blp.response(200, engagement_schemas.Milestone)
@role_required(*PARTIES)
def agree(milestone_id: int):
    """Agree a proposed milestone (agreed once both sides have)."""
    return milestone(milestones.agree(_actor(), milestone_id))


@blp.post("/milestones/<int:milestone_id>/accept")
@blp.response(200, engagement_schemas.Milestone)
@role_required(Role.MANUFACTURER)
def accept(milestone_id: int):
    """The manufacturer accepts a delivered milestone (two concurrent calls accept once)."""
    return milestone(milestones.decide(_actor(), milestone_id, milestones.DeliveryDecision(True)))


@blp.post("/milestones/<int:milestone_id>/return")
@blp.arguments(engagement_schemas.ReasonIn)
@blp.response(200, engagement_schemas.Milestone)
@role_required(Role.MANUFACTURER)
def return_delivery(body: dict, milestone_id: int):
    """The manufacturer returns a delivery with a reason."""
    decision = milestones.DeliveryDecision(False, body["reason"])
    return milestone(milestones.decide(_actor(), milestone_id, decision))


@blp.post("/engagements/<int:engagement_id>/complete")
@blp.arguments(engagement_schemas.CompleteIn)
@blp.response(200, engagement_schemas.Engagement)
@role_required(Role.MANUFACTURER)
def complete(body: dict, engagement_id: int):
    """Complete the work (every agreed milestone accepted), recording the contract value."""
    closing.complete(_actor(), engagement_id, body["contract_value"])
    return _fresh(engagement_id)


@blp.post("/engagements/<int:engagement_id>/cancel")
@blp.arguments(engagement_schemas.ReasonIn)
@blp.response(200, engagement_schemas.Engagement)
@role_required(*PARTIES)
def cancel(body: dict, engagement_id: int):
    """Cancel an active engagement with a reason the other side reads."""
    closing.cancel(_actor(), engagement_id, body["reason"])
    return _fresh(engagement_id)


@blp.put("/engagements/<int:engagement_id>/outcome")
@blp.arguments(engagement_schemas.LaunchIn)
@blp.response(200, engagement_schemas.Outcome)
@role_required(Role.MANUFACTURER)
def outcome(body: dict, engagement_id: int):
    """After completion: whether and when the product reached the market, with a link."""
    data = closing.LaunchInput(body["launched"], body["launched_on"], body["launch_link"])
    closing.record_launch(_actor(), engagement_id, data)
    return _fresh(engagement_id)["outcome"]


@blp.get("/engagements/<int:engagement_id>/ratings")
@blp.response(200, engagement_schemas.Ratings)
@role_required(ANY_ROLE)
def ratings_of(engagement_id: int):
    """Both ratings as the caller may see them (own always, the other's once revealed)."""
    shown = ratings.of_engagement(_actor(), common.visible(_actor(), engagement_id))
    return {"manufacturer": rating(shown["manufacturer"]), "studio": rating(shown["studio"])}


@blp.post("/engagements/<int:engagement_id>/ratings")
@blp.arguments(engagement_schemas.RatingIn)
@blp.response(201, engagement_schemas.Rating)
@role_required(*PARTIES)
def rate(body: dict, engagement_id: int):
    """Rate the other side once, after completion."""
    data = ratings.RatingInput(body["quality"], body["timeliness"], body["communication"],
                               body["comment"])  # fmt: skip
    return rating(ratings.rate(_actor(), engagement_id, data))
