"""Ratings both ways after completion: one per side, hidden from the other side until both have
rated or 14 days have passed; staff hide abusive comments with a reason. Never used in matching."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import and_, func, or_, select

from marketplace.database import write_transaction
from marketplace.extensions import db
from marketplace.models import Engagement, EngagementStatus, Rating
from marketplace.models._types import utcnow
from marketplace.policies.actor import Actor
from marketplace.policies.engagements import can_hide_rating, side_of
from marketplace.services.audit import trail
from marketplace.services.common.service_errors import NotFound, PermissionDenied, ValidationFailed
from marketplace.services.engagements import common

REVEAL_AFTER = timedelta(days=14)
COMMENT_MAX = 500
SHOWN_FROM = 3  # a studio's average is shown once it has this many ratings
SCORES = ("quality", "timeliness", "communication")


@dataclass
class RatingInput:
    """Three scores from 1 to 5 and a short comment."""

    quality: int | None
    timeliness: int | None
    communication: int | None
    comment: str = ""


def _score(value, field: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
        raise ValidationFailed({field: _("Give a score from 1 to 5.")})
    return value


def rate(actor: Actor, engagement_id: int, data: RatingInput) -> Rating:
    """A party rates the other side once, after completion."""
    scores = {name: _score(getattr(data, name), name) for name in SCORES}
    comment = common.text(data.comment, "comment", 0, COMMENT_MAX)
    with write_transaction() as session:
        engagement = common.locked(session, engagement_id)
        side = common.party_side(actor, engagement)
        if engagement.status != EngagementStatus.COMPLETED:
            raise ValidationFailed({"quality": _("Rate once the engagement is completed.")})
        if session.scalar(select(Rating.id).where(Rating.engagement_id == engagement.id,
                                                  Rating.side == side)):
            raise ValidationFailed({"quality": _("You have already rated this engagement; a "
                                                 "rating cannot be changed.")})  # fmt: skip
        rating = Rating(engagement_id=engagement.id, side=side, rater_id=actor.user_id,
                        studio_id=engagement.studio_id,
                        manufacturer_id=engagement.manufacturer_id, comment=comment,
                        **scores)  # fmt: skip
        session.add(rating)
        session.flush()
        both = list(session.scalars(select(Rating).where(Rating.engagement_id == engagement.id)))
        if len(both) == 2:
            now = utcnow()
            for row in both:
                row.revealed_at = now
        common.tell_other_side(session, engagement, side, "rating_received")
    return rating


def revealed_clause(now: datetime):
    """SQL: a rating is public once revealed (both rated) or 14 days after completion."""
    return or_(Rating.revealed_at.is_not(None),
               and_(Engagement.completed_at.is_not(None),
                    Engagement.completed_at <= now - REVEAL_AFTER))


def is_revealed(rating: Rating, engagement: Engagement, now: datetime | None = None) -> bool:
    """Python twin of revealed_clause."""
    now = now or utcnow()
    return rating.revealed_at is not None or (
        engagement.completed_at is not None and engagement.completed_at <= now - REVEAL_AFTER)


def of_engagement(actor: Actor, engagement: Engagement) -> dict[str, Rating | None]:
    """Both sides' ratings as this actor may see them: its own always, the other's once
    revealed; staff see both once revealed."""
    rows = {r.side: r for r in db.session.scalars(
        select(Rating).where(Rating.engagement_id == engagement.id))}
    own = side_of(actor, engagement)
    shown: dict[str, Rating | None] = {}
    for side in ("manufacturer", "studio"):
        row = rows.get(side)
        shown[side] = row if row and (side == own or is_revealed(row, engagement)) else None
    shown["own"] = rows.get(own) if own else None
    return shown


@dataclass(frozen=True)
class Summary:
    """A studio's revealed ratings from manufacturers: average and count (shown from 3 on)."""

    count: int
    average: float | None
    quality: float | None
    timeliness: float | None
    communication: float | None

    @property
    def shown(self) -> bool:
        """True once there are enough ratings to show."""
        return self.count >= SHOWN_FROM


def studio_summaries(studio_ids: list[int], now: datetime | None = None) -> dict[int, Summary]:
    """Per studio: the revealed ratings manufacturers gave it."""
    now = now or utcnow()
    if not studio_ids:
        return {}
    query = (select(Rating.studio_id, func.count(Rating.id), func.avg(Rating.quality),
                    func.avg(Rating.timeliness), func.avg(Rating.communication))
             .join(Engagement, Engagement.id == Rating.engagement_id)
             .where(Rating.studio_id.in_(studio_ids), Rating.side == "manufacturer",
                    revealed_clause(now))
             .group_by(Rating.studio_id))  # fmt: skip
    out = {}
    for studio_id, count, q, t, c in db.session.execute(query).all():
        average = (float(q) + float(t) + float(c)) / 3
        out[studio_id] = Summary(count, round(average, 1), float(q), float(t), float(c))
    return out


def studio_summary(studio_id: int) -> Summary:
    """One studio's summary (zero ratings when none)."""
    return studio_summaries([studio_id]).get(studio_id, Summary(0, None, None, None, None))


def studio_comments(studio_id: int, limit: int = 10) -> list[Rating]:
    """Revealed, not hidden comments manufacturers left for a studio, newest first."""
    query = (select(Rating).join(Engagement, Engagement.id == Rating.engagement_id)
             .where(Rating.studio_id == studio_id, Rating.side == "manufacturer",
                    revealed_clause(utcnow()), Rating.hidden_at.is_(None), Rating.comment != "")
             .order_by(Rating.created_at.desc()).limit(limit))  # fmt: skip
    return list(db.session.scalars(query))


def hide(actor: Actor, rating_id: int, reason: str) -> Rating:
    """Staff hide an abusive comment (the scores stay), with a recorded reason."""
    why = common.text(reason, "reason", 5, 500)
    with write_transaction() as session:
        rating = session.get(Rating, rating_id)
        if rating is None:
            raise NotFound(_("No such rating."))
        if not can_hide_rating(actor, rating):
            raise PermissionDenied(_("Only commission staff hide comments."))
        if rating.hidden_at is not None:
            raise ValidationFailed({"reason": _("This comment is already hidden.")})
        rating.hidden_at, rating.hidden_by_id, rating.hidden_reason = utcnow(), actor.user_id, why
        trail.record("rating-comment-hidden", subject=f"rating:{rating.id}", note=why,
                     before={"comment": rating.comment})
    return rating
