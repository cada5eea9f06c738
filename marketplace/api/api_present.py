"""Models -> the plain dicts the response schemas dump (UTC times carry their zone)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from marketplace import policies
from marketplace.policies import Actor


def utc(value: datetime | None) -> datetime | None:
    """A stored naive-UTC time as an aware one."""
    return value.replace(tzinfo=UTC) if value is not None else None


def page(result: Any, items: list[dict]) -> dict:
    """The list envelope of a ListPage (services.common.list_page)."""
    return {
        "items": items, "page": result.page, "per_page": result.per_page,
        "total": result.total or 0, "pages": result.pages or 0,
    }  # fmt: skip


def industry(obj: Any, count: int) -> dict:
    """An industry with its scenario count."""
    return {
        "code": obj.code, "name": obj.name, "name_zh": obj.name_zh, "trend": obj.trend,
        "trend_zh": obj.trend_zh or "", "scenario_count": count,
    }  # fmt: skip


def scenario(obj: Any) -> dict:
    """A scenario in both languages."""
    return {
        "code": obj.code, "industry": obj.industry_code, "disciplines": obj.discipline_codes,
        "title": obj.title, "title_zh": obj.title_zh, "summary": obj.summary,
        "summary_zh": obj.summary_zh or "", "description": obj.description,
        "description_zh": obj.description_zh or "", "deliverables": list(obj.deliverables or []),
        "deliverables_zh": list(obj.deliverables_zh or []),
    }  # fmt: skip


def studio(obj: Any, actor: Actor) -> dict:
    """A studio's public fields; contacts only where policies.can_view_contact allows."""
    contact = None
    if policies.can_view_contact(actor, obj):
        contact = {"name": obj.contact_name, "email": obj.contact_email,
                   "phone": obj.contact_phone}  # fmt: skip
    return {
        "id": obj.id, "name": obj.name, "name_zh": obj.name_zh, "district": obj.district,
        "founded_year": obj.founded_year, "team_size": obj.team_size, "website": obj.website,
        "accreditation": str(obj.accreditation), "accreditation_verified": obj.is_verified,
        "capability_statement": obj.capability_statement, "text_language": obj.primary_lang,
        "capability_statement_translation": obj.capability_statement_translation,
        "industries": obj.industry_codes,
        "disciplines": obj.discipline_codes, "contact": contact,
    }  # fmt: skip


def need(obj: Any, now: datetime, bid_count: int | None = None) -> dict:
    """A need; bid_count is passed only for those who may see it."""
    return {
        "id": obj.id, "ref": obj.ref, "title": obj.title, "description": obj.description,
        "text_language": obj.primary_lang, "title_translation": obj.title_translation,
        "description_translation": obj.description_translation, "status": str(obj.status),
        "industry": obj.industry_code,
        "disciplines": obj.discipline_codes,
        "scenario": obj.scenario.code if obj.scenario is not None else None,
        "budget_min": obj.budget_min, "budget_max": obj.budget_max,
        "bid_deadline": utc(obj.bid_deadline), "delivery_date": obj.delivery_date,
        "published_at": utc(obj.published_at), "bidding_open": obj.bidding_open(now),
        "bid_count": bid_count,
    }  # fmt: skip


def bid(obj: Any) -> dict:
    """A bid (callers check policies.can_view_bid first)."""
    return {
        "id": obj.id, "need_id": obj.need_id, "studio_id": obj.studio_id,
        "studio_name": obj.studio.name, "approach": obj.approach, "price": obj.price,
        "duration_weeks": obj.duration_weeks, "team": obj.team or "", "status": str(obj.status),
        "decline_reason": obj.decline_reason, "created_at": utc(obj.created_at),
        "updated_at": utc(obj.updated_at),
    }  # fmt: skip


def match_list(source: str, panel: Any, kind: str, name_of) -> dict:
    """A stored match list (a recommendations Panel) as JSON; `kind` names the targets."""
    items = [
        {
            "target": f"{kind}:{fit.target.code if kind == 'scenario' else fit.target.id}",
            "target_name": name_of(fit.target), "rank": fit.rank, "score": float(fit.score),
            "fit": fit.fit, "reasons": [str(r) for r in fit.reasons],
            "commission_approved": fit.approved,
        }
        for fit in panel.fits
    ]  # fmt: skip
    return {"source": source, "computed_at": utc(panel.computed_at), "items": items}


def proposal(obj: Any) -> dict:
    """A proposed match waiting for a decision, with the token a decision must carry."""
    row = obj.row
    return {
        "row_id": row.id, "token": obj.token, "direction": row.direction,
        "source": row.source_key, "source_name": obj.source.title, "target": row.target_key,
        "target_name": obj.studio.name, "fit": row.fit, "rank": row.rank,
        "score": float(row.score),
    }  # fmt: skip


def decision(obj: Any) -> dict:
    """A commission decision on a match."""
    return {
        "id": obj.id, "direction": obj.direction, "source": obj.source_key,
        "target": obj.target_key, "verdict": obj.decision, "reason": obj.reason_code,
        "decided_by": obj.decided_by.email if obj.decided_by is not None else None,
        "decided_at": utc(obj.decided_at),
    }  # fmt: skip


def audit(obj: Any) -> dict:
    """An audit trail row."""
    return {
        "id": obj.id, "at": utc(obj.at), "action": obj.action, "actor": obj.actor_email,
        "subject": obj.subject, "before": obj.before, "after": obj.after, "note": obj.note,
    }  # fmt: skip
