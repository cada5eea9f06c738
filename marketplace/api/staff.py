"""Matches for the caller's role, commission decisions and the audit export (staff)."""

from __future__ import annotations

from datetime import datetime, time

from flask_login import current_user

from marketplace.access import role_required
from marketplace.api import api_present, schemas
from marketplace.api.api_setup import new_blueprint
from marketplace.models import Role
from marketplace.services.api.reads import audit_page, decisions_page, proposals_page
from marketplace.services.audit.trail import AuditFilter
from marketplace.services.matching import need_matches, recommendations
from marketplace.services.needs import need_times
from marketplace.services.reviews import decisions
from marketplace.services.reviews.proposals import QueueFilter
from marketplace.services.studios.studio_profiles import studio_of

blp = new_blueprint("api_review", __name__, "Recommendations, review decisions and the audit.")


@blp.get("/me/matches")
@blp.response(200, schemas.MyMatches)
@role_required(Role.STUDIO)
def my_matches():
    """'Scenarios for you' and 'Needs for you' of the caller's studio."""
    studio = studio_of(current_user)
    source = f"studio:{studio.id}"
    scenarios = recommendations.scenarios_for_studio(studio)
    open_needs = need_matches.needs_for_studio(studio.id)
    return {
        "scenarios": api_present.match_list(source, scenarios, "scenario", lambda s: s.title),
        "needs": api_present.match_list(source, open_needs, "need", lambda n: n.title),
    }


@blp.get("/review/decisions", endpoint="decisions")
@blp.arguments(schemas.PageArgs, location="query", as_kwargs=True)
@blp.response(200, schemas.DecisionPage)
@role_required(Role.STAFF)
def decision_list(page: int, per_page: int):
    """Commission decisions on proposed matches, newest first."""
    result = decisions_page(page, per_page)
    return api_present.page(result, [api_present.decision(d) for d in result.items])


@blp.get("/review/proposals")
@blp.arguments(schemas.ProposalArgs, location="query", as_kwargs=True)
@blp.response(200, schemas.ProposalPage)
@role_required(Role.STAFF)
def proposals(page: int, per_page: int, industry: str | None = None, fit: str | None = None):
    """Proposed matches waiting for a decision, in the review queue's order of priority."""
    result = proposals_page(QueueFilter(industry=industry, fit=fit), page, per_page)
    return api_present.page(result, [api_present.proposal(p) for p in result.items])


@blp.post("/review/proposals/<int:row_id>/decision")
@blp.arguments(schemas.DecisionIn)
@blp.response(201, schemas.Decision)
@role_required(Role.STAFF)
def decide(body: dict, row_id: int):
    """Approve or reject one proposal (409 when it changed since its token was read)."""
    data = decisions.DecisionInput(body["token"], body["verdict"], body["reason"],
                                          body["note"])  # fmt: skip
    return api_present.decision(decisions.decide(current_user, row_id, data))


@blp.post("/review/decisions/<int:decision_id>/withdraw")
@blp.arguments(schemas.WithdrawIn)
@blp.response(200, schemas.Decision)
@role_required(Role.STAFF)
def withdraw(body: dict, decision_id: int):
    """Take back an approval or a rejection (audited); withdrawing twice answers 409."""
    return api_present.decision(decisions.withdraw(current_user, decision_id, body["note"]))


def _day(value, end: bool = False) -> datetime | None:
    if value is None:
        return None
    moment = datetime.combine(value, time.max if end else time.min)
    return need_times.shanghai_to_utc(moment)


@blp.get("/audit")
@blp.arguments(schemas.AuditArgs, location="query", as_kwargs=True)
@blp.response(200, schemas.AuditPage)
@role_required(Role.STAFF)
def audit(page: int, per_page: int, since=None, until=None, **filters):
    """The append-only audit trail, newest first, filtered as on /staff/audit (days in
    Asia/Shanghai)."""
    chosen = AuditFilter(since=_day(since), until=_day(until, end=True), **filters)
    result = audit_page(chosen, page, per_page)
    return api_present.page(result, [api_present.audit(e) for e in result.items])
