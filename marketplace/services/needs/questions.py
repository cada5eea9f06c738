"""Clarifying questions on a published need: studios ask, the owner answers, everyone reads the
answers without learning who asked; answering after bids exist notifies the bidders."""

from __future__ import annotations

import logging

from flask_babel import gettext as _
from sqlalchemy import select

from marketplace.database import write_transaction
from marketplace.extensions import db
from marketplace.models import Need, NeedQuestion
from marketplace.models._types import utcnow
from marketplace.policies.actor import Actor, actor_of
from marketplace.policies.needs_policy import can_ask_question, can_view_need, need_is_open
from marketplace.services.common.service_errors import NotFound, PermissionDenied, ValidationFailed
from marketplace.services.needs.lifecycle import (
    LifecycleError,
    active_bidder_accounts,
    clean,
    owned_need,
)
from marketplace.services.notifications.sending import notify

log = logging.getLogger(__name__)

TEXT_MIN, TEXT_MAX = 5, 2000


def _text(value: str | None, field: str) -> str:
    text = clean(value)
    if not TEXT_MIN <= len(text) <= TEXT_MAX:
        raise ValidationFailed({field: _("Use %(low)d to %(high)d characters (you have %(n)d).",
                                         low=TEXT_MIN, high=TEXT_MAX, n=len(text))})  # fmt: skip
    return text


def ask(actor: Actor, need_id: int, question: str) -> NeedQuestion:
    """The acting studio asks a question on a need open for bids."""
    actor = actor_of(actor)
    if not actor.is_studio:
        raise PermissionDenied(_("Only a studio account can ask questions."))
    studio_id = actor.studio_id
    text = _text(question, "question")
    with write_transaction() as session:
        need = session.get(Need, need_id)
        if need is None or not can_view_need(actor, need):
            raise NotFound(_("No such need."))
        if not can_ask_question(actor, need) or not need_is_open(need, utcnow()):
            raise LifecycleError({"question": _(
                "Questions are taken only while the need is open for bids.")})
        row = NeedQuestion(need_id=need.id, studio_id=studio_id, question=text)
        session.add(row)
        notify([need.manufacturer_id], "question_asked", link=f"/needs/{need.id}#questions",
               need_id=need.id, need_title=need.title, question=text)
    return row


def answer(actor: Actor, question_id: int, text: str) -> NeedQuestion:
    """The need's owner answers (or corrects an answer); bidders are told."""
    body = _text(text, "answer")
    with write_transaction() as session:
        row = session.get(NeedQuestion, question_id)
        if row is None:
            raise NotFound(_("No such question."))
        need = owned_need(session, row.need_id, actor)
        row.answer, row.answered_at = body, utcnow()
        bidders = active_bidder_accounts(session, need.id)
        if bidders:
            notify(bidders, "question_answered", link=f"/needs/{need.id}#questions",
                   need_id=need.id, need_title=need.title, question_id=row.id)  # fmt: skip
    return row


def answered(need_id: int) -> list[NeedQuestion]:
    """Answered questions on a need (shown to every reader, never naming who asked)."""
    return list(db.session.scalars(
        select(NeedQuestion).where(NeedQuestion.need_id == need_id,
                                   NeedQuestion.answer.is_not(None))
        .order_by(NeedQuestion.answered_at)
    ))


def unanswered(need_id: int) -> list[NeedQuestion]:
    """Questions still waiting for the owner's answer."""
    return list(db.session.scalars(
        select(NeedQuestion).where(NeedQuestion.need_id == need_id, NeedQuestion.answer.is_(None))
        .order_by(NeedQuestion.asked_at)
    ))


def own_unanswered(need_id: int, studio_id: int) -> list[NeedQuestion]:
    """A studio's own questions still waiting for an answer."""
    return [q for q in unanswered(need_id) if q.studio_id == studio_id]
