"""The version of a studio's public page for the visitor cache: it moves whenever the page may."""

from __future__ import annotations

import functools

from sqlalchemy import Select, bindparam, func, or_, select

from marketplace.extensions import db
from marketplace.models import Engagement, MatchDecision, Rating, Studio, StudioInterest
from marketplace.models._types import utcnow
from marketplace.models.matching import SCENARIO_TO_STUDIO, match_key
from marketplace.services.catalog.cache import catalogue_version
from marketplace.services.engagements.ratings import REVEAL_AFTER


@functools.cache
def _statement() -> Select:
    """One statement, built once (every visit only binds the studio and the time)."""
    studio_id = bindparam("studio_id")
    parts = [
        select(Studio.updated_at).where(Studio.id == studio_id),
        select(func.count(StudioInterest.id)).where(StudioInterest.studio_id == studio_id),
        select(func.max(StudioInterest.id)).where(StudioInterest.studio_id == studio_id),
        select(func.max(MatchDecision.id)).where(
            MatchDecision.direction == SCENARIO_TO_STUDIO,
            MatchDecision.target_key == bindparam("studio_key"),
        ),
        select(func.count(Rating.id))
        .join(Engagement, Engagement.id == Rating.engagement_id)
        .where(
            Rating.studio_id == studio_id,
            # ratings.revealed_clause, with its moment bound per visit
            or_(
                Rating.revealed_at.is_not(None),
                Engagement.completed_at <= bindparam("reveal_before"),
            ),
        ),
        select(func.max(Rating.id)).where(Rating.studio_id == studio_id),
        select(func.count(Rating.hidden_at)).where(Rating.studio_id == studio_id),
        select(func.max(Rating.hidden_at)).where(Rating.studio_id == studio_id),
    ]
    return select(*(p.scalar_subquery() for p in parts))


def studio_page_version(studio_id: int) -> tuple:
    """The catalogue's generation and, in one query, everything `/studios/<id>` shows.

    The studio row (profile, portfolio, pictures, verification and suspension all move
    `updated_at`), its interests (count, newest), the commission's decisions on it (newest id:
    an approval or a withdrawal is a new row), and its ratings: how many are public now (a
    rating also becomes public 14 days after completion, with no write), the newest and those
    hidden by staff.
    """
    params = {
        "studio_id": studio_id,
        "studio_key": match_key("studio", studio_id),
        "reveal_before": utcnow() - REVEAL_AFTER,
    }
    found = db.session.execute(_statement(), params).one()
    return (catalogue_version(), *found)
