"""Shared steps of the engagement services: load under the write lock, check the party, notify."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from marketplace.extensions import db
from marketplace.models import Engagement, Milestone, Rating, User
from marketplace.policies.actor import Actor
from marketplace.policies.engagements import can_view_engagement, side_of
from marketplace.services.common import text_cleaning
from marketplace.services.common.service_errors import NotFound, ValidationFailed
from marketplace.services.notifications.sending import notify

DATE_MIN, DATE_MAX = date(2000, 1, 1), date(2100, 12, 31)


def locked(session: Session, engagement_id: int) -> Engagement:
    """The engagement, locked for update (PostgreSQL; SQLite writers already hold the lock)."""
    engagement = session.scalar(
        select(Engagement).where(Engagement.id == engagement_id).with_for_update()
    )
    if engagement is None:
        raise NotFound(_("No such engagement."))
    return engagement


def party_side(actor: Actor, engagement: Engagement) -> str:
    """The actor's side; NotFound for anyone else (an engagement is private)."""
    side = side_of(actor, engagement)
    if side is None:
        raise NotFound(_("No such engagement."))
    return side


def visible(actor: Actor, engagement_id: int) -> Engagement:
    """An engagement the actor may see (parties, staff); NotFound otherwise."""
    engagement = db.session.get(Engagement, engagement_id)
    if engagement is None or not can_view_engagement(actor, engagement):
        raise NotFound(_("No such engagement."))
    return engagement


def require_active(engagement: Engagement, field: str = "engagement") -> None:
    """Refuse work on a completed or cancelled engagement."""
    if engagement.status == "cancelled":
        raise ValidationFailed({field: _("This engagement was cancelled; nothing more can "
                                         "be done in it.")})  # fmt: skip
    if engagement.status != "active":
        raise ValidationFailed({field: _("This engagement is completed.")})


def text(value: str | None, field: str, low: int, high: int) -> str:
    """Cleaned text of a bounded length, or ValidationFailed naming the field."""
    cleaned = text_cleaning.clean_text(value)
    if not low <= len(cleaned) <= high:
        raise ValidationFailed({field: _("Use %(low)d to %(high)d characters (you have %(n)d).",
                                         low=low, high=high, n=len(cleaned))})  # fmt: skip
    return cleaned


def check_date(value: date | None, field: str) -> date:
    """A date between 2000 and 2100."""
    if not isinstance(value, date) or isinstance(value, datetime):
        raise ValidationFailed({field: _("Enter a date as YYYY-MM-DD.")})
    if not DATE_MIN <= value <= DATE_MAX:
        raise ValidationFailed({field: _("Enter a date between 2000 and 2100.")})
    return value


def other_side_accounts(session: Session, engagement: Engagement, side: str) -> list[int]:
    """The accounts of the party that is not `side` (who to notify)."""
    if side == "studio":
        return [engagement.manufacturer_id]
    return list(session.scalars(select(User.id).where(User.studio_id == engagement.studio_id)))


def tell_other_side(
    session: Session, engagement: Engagement, side: str, kind: str, **payload
) -> None:
    """Notify the other party of an engagement event (bell and e-mail)."""
    notify(other_side_accounts(session, engagement, side), kind,
           link=f"/engagements/{engagement.id}", engagement_id=engagement.id,
           need_title=engagement.need.title, **payload)  # fmt: skip


def engagement_id_of(kind: str, row_id: int) -> int:
    """The engagement a milestone or rating belongs to (NotFound when there is none)."""
    model = {"milestone": Milestone, "rating": Rating}[kind]
    row = db.session.get(model, row_id)
    if row is None:
        raise NotFound(_("No such engagement."))
    return row.engagement_id


def contacts(engagement: Engagement) -> dict:
    """Both parties' contacts (an engagement exists only after an award)."""
    from marketplace.services.companies.company_profiles import manufacturer_contact, studio_contact

    return {"manufacturer": manufacturer_contact(db.session.get(User, engagement.manufacturer_id)),
            "studio": studio_contact(engagement.studio)}
