"""Paginated, stably ordered reads for /api/v1 (decisions, audit trail, a studio's bids)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from marketplace.extensions import db
from marketplace.models import MatchDecision
from marketplace.policies import Actor
from marketplace.services.audit import trail
from marketplace.services.audit.trail import AuditFilter
from marketplace.services.bids import bid_reading
from marketplace.services.reviews import proposals
from marketplace.services.reviews.proposals import QueueFilter


@dataclass
class ListPage:
    """One page of rows and the numbers around it."""

    items: list[Any]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        """How many pages there are (0 when nothing matches)."""
        return math.ceil(self.total / self.per_page) if self.total else 0


def _page(query: Select, page: int, per_page: int) -> ListPage:
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    rows = list(db.session.scalars(query.limit(per_page).offset((page - 1) * per_page)))
    return ListPage(rows, page, per_page, total or 0)


def page_of_list(rows: list[Any], page: int, per_page: int) -> ListPage:
    """One page of a list already computed in memory (its whole length is the total)."""
    start = (page - 1) * per_page
    return ListPage(rows[start : start + per_page], page, per_page, len(rows))


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
    return _page(query, page, per_page)


def audit_page(filters: AuditFilter, page: int, per_page: int) -> ListPage:
    """Audit rows matching the filters (as on /staff/audit), newest first."""
    return _page(trail.filtered(filters), page, per_page)


def own_bids_page(actor: Actor, page: int, per_page: int) -> ListPage:
    """The actor's studio's bids (withdrawn included), newest first; empty for others."""
    return _page(bid_reading.studio_bids_query(actor), page, per_page)
