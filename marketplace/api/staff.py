"""Matches for the caller's role, commission decisions and the audit export (staff)."""

from __future__ import annotations

from datetime import datetime, time

from flask_login import current_user

from marketplace.access import role_required
from marketplace.api import api_present, schemas
from marketplace.api.api_setup import new_blueprint
from marketplace.models import Role
from marketplace.services.api.reads import audit_page, decisions_page
from marketplace.services.audit.trail import AuditFilter
from marketplace.services.matching import need_matches, recommendations
from marketplace.services.needs import need_times
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


@blp.get("/review/decisions")
@blp.arguments(schemas.PageArgs, location="query", as_kwargs=True)
@blp.response(200, schemas.DecisionPage)
@role_required(Role.STAFF)
def decisions(page: int, per_page: int):
    """Commission decisions on proposed matches, newest first."""
    result = decisions_page(page, per_page)
    return api_present.page(result, [api_present.decision(d) for d in result.items])


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
