"""Paginated, stably ordered reads for /api/v1 (decisions, audit trail, a studio's bids)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from marketplace.models import MatchDecision
from marketplace.policies import Actor
from marketplace.services.audit import trail
from marketplace.services.audit.trail import AuditFilter
from marketplace.services.bids import bid_reading
from marketplace.services.common.list_page import ListPage, page_of_query
from marketplace.services.reviews import proposals
from marketplace.services.reviews.proposals import QueueFilter


def proposals_page(filters: QueueFilter, page: int, per_page: int) -> ListPage:
    """Proposals waiting for a decision, in the review queue's order of priority."""
    queue = proposals.queue_page(filters, limit=page * per_page, explain=False)
    shown = queue.proposals[(page - 1) * per_page :]
    return ListPage(shown, page, per_page, queue.total)


def decisions_page(page: int, per_page: int) -> ListPage:
    """Commission decisions on proposed matches, newest first."""
    query = select(MatchDecision).options(selectinload(MatchDecision.decided_by)).order_by(
        MatchDecision.decided_at.desc(), MatchDecision.id.desc()
    )
    return page_of_query(query, page, per_page)


def audit_page(filters: AuditFilter, page: int, per_page: int) -> ListPage:
    """Audit rows matching the filters (as on /staff/audit), newest first."""
    return page_of_query(trail.filtered(filters), page, per_page)


def own_bids_page(actor: Actor, page: int, per_page: int) -> ListPage:
    """The actor's studio's bids (withdrawn included), newest first; empty for others."""
    return page_of_query(bid_reading.studio_bids_query(actor), page, per_page)
