"""A need's life: draft, submit, publish or return (staff), edit, close; every rule checked here.

draft -> submitted -> published (staff) | returned (staff, with a reason) -> edited -> submitted.
Editing a published need sends it back to review, bumps its version and tells its bidders.
Bidding closes by itself at the deadline (`Need.bidding_open`); the manufacturer may close a
published need without an award; the award itself belongs to the bids service.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from marketplace.database import record_event, write_transaction
from marketplace.extensions import db
from marketplace.models import Bid, BidStatus, Discipline, Need, NeedStatus, Scenario, User
from marketplace.models._types import utcnow
from marketplace.params import DATE_MAX, DATE_MIN
from marketplace.policies.actor import Actor, actor_of
from marketplace.policies.needs_policy import (
    EDITABLE_STATES,
    SUBMITTABLE_STATES,
    can_post_need,
    can_review_needs,
    can_view_need,
    owns_need,
)
from marketplace.reference import DISCIPLINE_CODES, INDUSTRY_CODES
from marketplace.services.audit import trail
from marketplace.services.common import second_language
from marketplace.services.common.service_errors import NotFound, PermissionDenied, ValidationFailed
from marketplace.services.common.text_cleaning import clean_text, has_letters
from marketplace.services.needs.need_events import NeedsChanged
from marketplace.services.notifications.sending import notify

log = logging.getLogger(__name__)

TITLE_MIN, TITLE_MAX = 5, 200
DESCRIPTION_MIN, DESCRIPTION_MAX = 30, 5000
BUDGET_MAX = 1_000_000_000  # CNY
REASON_MIN, REASON_MAX = 5, 1000
EDITABLE = EDITABLE_STATES  # the need states the owner may edit (policies.needs)
STATUS_WORDS = {
    NeedStatus.DRAFT: _l("a draft"),
    NeedStatus.SUBMITTED: _l("waiting for review"),
    NeedStatus.RETURNED: _l("returned"),
    NeedStatus.PUBLISHED: _l("published"),
    NeedStatus.AWARDED: _l("awarded"),
    NeedStatus.CLOSED: _l("closed"),
}


def status_word(status: str) -> str:
    """A need's state in the reader's language, for messages."""
    return str(STATUS_WORDS.get(status, status))


class LifecycleError(ValidationFailed):
    """A step that the need's current state does not allow (the message says why)."""


@dataclass
class NeedInput:
    """What a manufacturer enters for a need (deadline already converted to UTC)."""

    title: str = ""
    description: str = ""
    industry_code: str | None = None
    discipline_codes: list[str] = field(default_factory=list)
    scenario_code: str | None = None
    budget_min: int | None = None
    budget_max: int | None = None
    bid_deadline: datetime | None = None  # UTC
    delivery_date: date | None = None
    title_translation: str | None = None  # title and description in the other language
    description_translation: str | None = None


def clean(value: str | None) -> str:
    """Stripped text with '\\n' line endings, without control characters or bidi overrides."""
    return clean_text(value)


def input_errors(data: NeedInput, now: datetime | None = None) -> dict[str, str]:
    """Every problem with a need's fields, by field name (empty when all is well)."""
    now = now or utcnow()
    errors: dict[str, str] = {}
    title, description = clean(data.title), clean(data.description)
    if not TITLE_MIN <= len(title) <= TITLE_MAX:
        errors["title"] = _("Use %(low)d to %(high)d characters (you have %(n)d).",
                            low=TITLE_MIN, high=TITLE_MAX, n=len(title))  # fmt: skip
    elif not has_letters(title):
        errors["title"] = _("The title must contain letters or characters, not only "
                            "punctuation or symbols.")  # fmt: skip
    if not DESCRIPTION_MIN <= len(description) <= DESCRIPTION_MAX:
        errors["description"] = _(
            "Describe the need in %(low)d to %(high)d characters (you have %(n)d).",
            low=DESCRIPTION_MIN, high=DESCRIPTION_MAX, n=len(description),
        )  # fmt: skip
    if data.industry_code and data.industry_code not in INDUSTRY_CODES:
        errors["industry_code"] = _("Unknown industry %(code)s.", code=data.industry_code)
    unknown = [c for c in data.discipline_codes if c not in DISCIPLINE_CODES]
    if unknown:
        errors["discipline_codes"] = _("Unknown discipline %(codes)s.", codes=", ".join(unknown))
    if data.scenario_code and db.session.scalar(
        select(Scenario.id).where(Scenario.code == data.scenario_code)
    ) is None:
        errors["scenario_code"] = _("No scenario with code %(code)s.", code=data.scenario_code)
    for name in ("budget_min", "budget_max"):
        value = getattr(data, name)
        if value is not None and not 0 <= value <= BUDGET_MAX:
            errors[name] = _("Give an amount in CNY from 0 to %(high)d.", high=BUDGET_MAX)
    if (
        data.budget_min is not None and data.budget_max is not None
        and data.budget_min > data.budget_max and "budget_max" not in errors
    ):  # fmt: skip
        errors["budget_max"] = _("The highest budget must not be below the lowest.")
    for name in ("bid_deadline", "delivery_date"):
        value = getattr(data, name)
        day = value.date() if isinstance(value, datetime) else value
        if day is not None and not DATE_MIN <= day <= DATE_MAX:
            errors[name] = _("Give a date between %(low)s and %(high)s.",
                             low=DATE_MIN.isoformat(), high=DATE_MAX.isoformat())  # fmt: skip
    if "bid_deadline" not in errors and data.bid_deadline is not None and data.bid_deadline <= now:
        errors["bid_deadline"] = _("The bid deadline must be in the future.")
    if (
        data.delivery_date is not None and data.bid_deadline is not None
        and data.delivery_date < data.bid_deadline.date()
    ):  # fmt: skip
        errors["delivery_date"] = _("The delivery date must not be before the bid deadline.")
    errors.update(translation_errors(data))
    return errors


def translation_errors(data: NeedInput) -> dict[str, str]:
    """Problems with the title's and description's other-language versions."""
    title, description = clean(data.title), clean(data.description)
    pairs = [
        second_language.Pair("title_translation", title,
                             second_language.clean_optional(data.title_translation), TITLE_MAX),
        second_language.Pair("description_translation", description,
                             second_language.clean_optional(data.description_translation),
                             DESCRIPTION_MAX),
    ]  # fmt: skip
    return second_language.translation_errors(
        pairs, second_language.original_language(title, description)
    )


def new_ref() -> str:
    """A unique external reference for a need posted on the site."""
    return f"need-{secrets.token_hex(5)}"


def _apply(session, need: Need, data: NeedInput) -> None:
    need.title, need.description = clean(data.title), clean(data.description)
    need.text_lang = second_language.original_language(need.title, need.description)
    need.title_translation = second_language.clean_optional(data.title_translation)
    need.description_translation = second_language.clean_optional(data.description_translation)
    need.industry_code = data.industry_code or None
    need.scenario_id = (
        session.scalar(select(Scenario.id).where(Scenario.code == data.scenario_code))
        if data.scenario_code else None
    )  # fmt: skip
    codes = list(dict.fromkeys(data.discipline_codes))
    need.disciplines = list(
        session.scalars(select(Discipline).where(Discipline.code.in_(codes)))
    ) if codes else []  # fmt: skip
    need.budget_min, need.budget_max = data.budget_min, data.budget_max
    need.bid_deadline, need.delivery_date = data.bid_deadline, data.delivery_date
    need.updated_at = utcnow()


def visible_need(actor: Actor, need_id: int) -> Need:
    """The need if the actor may see it; NotFound otherwise (a draft looks like a missing need).
    Pages, the API and the bid views all read a need through this."""
    need = db.session.get(Need, need_id)
    if need is None or not can_view_need(actor_of(actor), need):
        raise NotFound(_("No such need."))
    return need


def get_need(need_id: int) -> Need:
    """A need by id, or NotFound."""
    need = db.session.get(Need, need_id)
    if need is None:
        raise NotFound(_("No such need."))
    return need


def owned_need(session, need_id: int, actor: Actor) -> Need:
    """The actor's own need (NotFound for a missing need and for another's alike)."""
    need = session.get(Need, need_id)
    if need is None or not owns_need(actor_of(actor), need):
        raise NotFound(_("No such need."))  # another's need looks the same as a missing one
    return need


def create_draft(actor: Actor, data: NeedInput, *, ref: str | None = None) -> Need:
    """Save a new need of the acting manufacturer as a draft (ValidationFailed names each bad
    field)."""
    actor = actor_of(actor)
    if not can_post_need(actor):
        raise PermissionDenied(_("Only a manufacturer account can post needs."))
    manufacturer_id = actor.user_id
    if errors := input_errors(data):
        raise ValidationFailed(errors)
    with write_transaction() as session:
        need = Need(ref=ref or new_ref(), manufacturer_id=manufacturer_id,
                    status=NeedStatus.DRAFT, version=1)  # fmt: skip
        _apply(session, need, data)
        session.add(need)
    log.info("need %s drafted by %s", need.id, manufacturer_id)
    return need


def active_bidder_accounts(session, need_id: int) -> list[int]:
    """User ids of every account of every studio with an active bid on the need."""

    rows = session.scalars(
        select(User.id)
        .join(Bid, Bid.studio_id == User.studio_id)
        .where(Bid.need_id == need_id, Bid.status != BidStatus.WITHDRAWN)
    )
    return list(dict.fromkeys(rows))


def update(actor: Actor, need_id: int, data: NeedInput) -> Need:
    """Edit one's own need; a published one goes back to review with its version bumped."""
    if errors := input_errors(data):
        raise ValidationFailed(errors)
    with write_transaction() as session:
        need = owned_need(session, need_id, actor)
        if need.status not in EDITABLE:
            raise LifecycleError({"status": _(
                "A need that is %(status)s cannot be edited.", status=status_word(need.status))})
        was_published = need.status == NeedStatus.PUBLISHED
        if was_published and need.deadline_passed(utcnow()):
            raise LifecycleError({"status": _("Bidding has closed; the need can no longer be "
                                              "edited.")})  # fmt: skip
        _apply(session, need, data)
        if was_published:
            need.status, need.version = NeedStatus.SUBMITTED, need.version + 1
            need.submitted_at = utcnow()
            bidders = active_bidder_accounts(session, need.id)
            notify(bidders, "need_edited", link=f"/needs/{need.id}", need_id=need.id,
                   need_title=need.title, version=need.version)  # fmt: skip
            record_event(NeedsChanged(ids=(need.id,)))
    return need


def submit(actor: Actor, need_id: int) -> Need:
    """Send a draft or returned need to the commission for review."""
    with write_transaction() as session:
        need = owned_need(session, need_id, actor)
        if need.status not in SUBMITTABLE_STATES:
            raise LifecycleError({"status": _(
                "Only a draft or returned need can be submitted (this one is %(status)s).",
                status=status_word(need.status))})  # fmt: skip
        if need.bid_deadline is None or need.bid_deadline <= utcnow():
            raise LifecycleError({"bid_deadline": _(
                "Set a bid deadline in the future before submitting.")})
        need.status, need.submitted_at = NeedStatus.SUBMITTED, utcnow()
    return need


def _refuse_unless_staff(actor: Actor) -> int:
    if not can_review_needs(actor) or actor.user_id is None:
        raise PermissionDenied(_("Only commission staff publish or return needs."))
    return actor.user_id


def publish(actor: Actor, need_id: int) -> Need:
    """Staff: publish a submitted need (its deadline must still be ahead)."""
    staff_id = _refuse_unless_staff(actor_of(actor))
    with write_transaction() as session:
        need = session.get(Need, need_id)
        if need is None:
            raise NotFound(_("No such need."))
        if need.status != NeedStatus.SUBMITTED:
            raise LifecycleError({"status": _(
                "Only a submitted need can be published (this one is %(status)s).",
                status=status_word(need.status))})  # fmt: skip
        if need.bid_deadline is None or need.bid_deadline <= utcnow():
            raise LifecycleError({"bid_deadline": _(
                "The bid deadline has passed; return the need so its owner can set a new one.")})
        need.status, need.published_at, need.published_by_id = (
            NeedStatus.PUBLISHED, utcnow(), staff_id)
        need.return_reason = None
        notify([need.manufacturer_id], "need_published", link=f"/needs/{need.id}",
               need_id=need.id, need_title=need.title)  # fmt: skip
        trail.record("need-published", subject=f"need:{need.id}", before={"status": "submitted"},
                     after={"status": "published"})  # fmt: skip
        record_event(NeedsChanged(ids=(need.id,)))
    log.info("need %s published by staff %s", need.id, staff_id)
    return need


def return_need(actor: Actor, need_id: int, reason: str) -> Need:
    """Staff: send a submitted need back to its owner with a reason."""
    _refuse_unless_staff(actor_of(actor))
    reason = clean(reason)
    if not REASON_MIN <= len(reason) <= REASON_MAX:
        raise ValidationFailed({"reason": _(
            "Give a reason of %(low)d to %(high)d characters.", low=REASON_MIN, high=REASON_MAX)})
    with write_transaction() as session:
        need = session.get(Need, need_id)
        if need is None:
            raise NotFound(_("No such need."))
        if need.status != NeedStatus.SUBMITTED:
            raise LifecycleError({"status": _(
                "Only a submitted need can be returned (this one is %(status)s).",
                status=status_word(need.status))})  # fmt: skip
        need.status, need.return_reason = NeedStatus.RETURNED, reason
        trail.record("need-returned", subject=f"need:{need.id}", before={"status": "submitted"},
                     after={"status": "returned"}, note=reason)  # fmt: skip
        notify([need.manufacturer_id], "need_returned", link=f"/needs/{need.id}/edit",
               need_id=need.id, need_title=need.title, reason=reason)  # fmt: skip
    return need


def close(actor: Actor, need_id: int) -> Need:
    """The owner closes a published need without an award (no bid lands after this)."""
    with write_transaction() as session:
        need = owned_need(session, need_id, actor)
        if need.status != NeedStatus.PUBLISHED:
            raise LifecycleError({"status": _(
                "Only a published need can be closed (this one is %(status)s).",
                status=status_word(need.status))})  # fmt: skip
        need.status, need.closed_at = NeedStatus.CLOSED, utcnow()
        trail.record("need-closed", subject=f"need:{need.id}", before={"status": "published"},
                     after={"status": "closed"})  # fmt: skip
        record_event(NeedsChanged(ids=(need.id,)))
    return need

