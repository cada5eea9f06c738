"""A studio's "we can take this on" for a scenario: express, change the note, withdraw, count."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from marketplace.database import write_transaction
from marketplace.extensions import db
from marketplace.models import Role, Scenario, StudioInterest
from marketplace.policies.actor import Actor, actor_of
from marketplace.policies.studios_policy import can_express_interest
from marketplace.services.catalog.scenario_catalogue import get_scenario
from marketplace.services.common.service_errors import PermissionDenied, ValidationFailed
from marketplace.services.studios.studio_profiles import clean_text

log = logging.getLogger(__name__)

NOTE_MAX = 500


@dataclass
class InterestPanel:
    """What the scenario page's side panel shows about interest in it."""

    scenario: Scenario
    count: int
    for_studio: bool  # the viewer is a studio account and may say it can take this on
    own: StudioInterest | None


def count_for(scenario_id: int) -> int:
    """How many studios said they can take this scenario on."""
    query = select(func.count(StudioInterest.id)).where(StudioInterest.scenario_id == scenario_id)
    return db.session.scalar(query) or 0


def panel(scenario_code: str, viewer) -> InterestPanel:
    """The scenario (NotFound if unknown) with its interest count and the viewer's own interest."""
    scenario = get_scenario(scenario_code)
    for_studio = bool(
        getattr(viewer, "is_authenticated", False)
        and viewer.role == Role.STUDIO
        and viewer.studio_id
    )
    own = None
    if for_studio:
        own = db.session.scalar(
            select(StudioInterest).where(
                StudioInterest.studio_id == viewer.studio_id,
                StudioInterest.scenario_id == scenario.id,
            )
        )
    return InterestPanel(scenario, count_for(scenario.id), for_studio, own)


def note_errors(note: str | None) -> dict[str, str]:
    """What is wrong with an interest note (only its length can be)."""
    length = len(clean_text(note))
    if length > NOTE_MAX:
        return {
            "note": _(
                "Use at most %(max)d characters (you have %(length)d).", max=NOTE_MAX, length=length
            )
        }
    return {}


def _acting_studio(actor: Actor, scenario: Scenario) -> int:
    actor = actor_of(actor)
    if not can_express_interest(actor, scenario) or actor.studio_id is None:
        raise PermissionDenied(_("Only a studio account can say it can take a scenario on."))
    return actor.studio_id


def express(actor: Actor, scenario_code: str, note: str | None) -> StudioInterest:
    """The acting studio says it can take the scenario on (again: the note is replaced)."""
    if errors := note_errors(note):
        raise ValidationFailed(errors)
    note = clean_text(note) or None
    scenario = get_scenario(scenario_code)
    studio_id = _acting_studio(actor, scenario)
    with write_transaction() as session:
        interest = session.scalar(
            select(StudioInterest).where(
                StudioInterest.studio_id == studio_id, StudioInterest.scenario_id == scenario.id
            )
        )
        if interest is None:
            interest = StudioInterest(studio_id=studio_id, scenario_id=scenario.id)
            session.add(interest)
        interest.note = note
    log.info("studio %s can take on %s", studio_id, scenario.code)
    return interest


def withdraw(actor: Actor, scenario_code: str) -> bool:
    """Undo the acting studio's interest in a scenario; False when there was none."""
    scenario = get_scenario(scenario_code)
    studio_id = _acting_studio(actor, scenario)
    with write_transaction() as session:
        interest = session.scalar(
            select(StudioInterest).where(
                StudioInterest.studio_id == studio_id, StudioInterest.scenario_id == scenario.id
            )
        )
        if interest is None:
            return False
        session.delete(interest)
    log.info("studio %s withdrew its interest in %s", studio_id, scenario.code)
    return True


def of_studio(studio_id: int) -> list[StudioInterest]:
    """The studio's interests, newest first, with their scenarios."""
    query = (
        select(StudioInterest)
        .where(StudioInterest.studio_id == studio_id)
        .options(selectinload(StudioInterest.scenario).selectinload(Scenario.industry))
        .order_by(StudioInterest.created_at.desc(), StudioInterest.id.desc())
    )
    return list(db.session.scalars(query))
