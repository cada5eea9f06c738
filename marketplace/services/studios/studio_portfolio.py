"""A studio's portfolio: past projects with an optional checked image."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from marketplace.database import record_event, write_transaction
from marketplace.extensions import db
from marketplace.models import PortfolioItem, Studio
from marketplace.models._types import utcnow
from marketplace.policies.actor import Actor, actor_of
from marketplace.reference import INDUSTRY_CODES
from marketplace.services.common import uploads
from marketplace.services.common.service_errors import NotFound, ValidationFailed
from marketplace.services.studios import studio_images
from marketplace.services.studios.studio_events import StudiosChanged
from marketplace.services.studios.studio_profiles import (
    FOUNDED_MIN,
    clean_text,
    current_year,
    thousands,
    visible_studio,
)

log = logging.getLogger(__name__)

TITLE_MIN, TITLE_MAX = 2, 200
DESCRIPTION_MIN, DESCRIPTION_MAX = 20, 3000
CLIENT_KINDS = {
    "private": _l("Private manufacturer"),
    "soe": _l("State-owned enterprise"),
    "foreign": _l("Foreign-invested company"),
    "startup": _l("Start-up"),
    "public": _l("Government or public body"),
    "research": _l("University or research institute"),
    "other": _l("Other or undisclosed"),
}


@dataclass
class PortfolioInput:
    """One past project as the studio describes it."""

    title: str
    year: int | None
    industry_code: str | None
    client_kind: str | None
    description: str


def _normalised_item(data: PortfolioInput) -> PortfolioInput:
    return PortfolioInput(
        title=clean_text(data.title), year=data.year, industry_code=data.industry_code or None,
        client_kind=data.client_kind or None, description=clean_text(data.description),
    )  # fmt: skip


def item_errors(data: PortfolioInput) -> dict[str, str]:
    """Every problem with a portfolio item as submitted, keyed by field name."""
    data = _normalised_item(data)
    errors: dict[str, str] = {}
    if not TITLE_MIN <= len(data.title) <= TITLE_MAX:
        errors["title"] = _("Use %(min)d to %(max)d characters.", min=TITLE_MIN, max=TITLE_MAX)
    year = current_year()
    if data.year is None or not FOUNDED_MIN <= data.year <= year:
        errors["year"] = _(
            "Enter the year of the project, from %(min)d to %(max)d.", min=FOUNDED_MIN, max=year
        )
    if data.industry_code not in INDUSTRY_CODES:
        errors["industry_code"] = _("Choose the client's industry.")
    if data.client_kind not in CLIENT_KINDS:
        errors["client_kind"] = _("Choose the kind of client.")
    if not DESCRIPTION_MIN <= len(data.description) <= DESCRIPTION_MAX:
        errors["description"] = _(
            "Write %(min)d to %(max)s characters (you have %(length)s).",
            min=DESCRIPTION_MIN,
            max=thousands(DESCRIPTION_MAX),
            length=thousands(len(data.description)),
        )
    return errors


def own_item(studio_id: int, item_id: int) -> PortfolioItem:
    """One of this studio's portfolio items; another studio's id is NotFound, like a missing one."""
    item = db.session.scalar(
        select(PortfolioItem).where(
            PortfolioItem.id == item_id, PortfolioItem.studio_id == studio_id
        )
    )
    if item is None:
        raise NotFound(_("No such portfolio item."))
    return item


def _acting_studio(actor: Actor) -> int:
    """The studio whose portfolio the actor edits (only its own accounts edit it)."""
    actor = actor_of(actor)
    if not actor.is_studio or actor.studio_id is None:
        raise NotFound(_("This account is not linked to a studio."))
    return actor.studio_id


def save_item(
    actor: Actor,
    item_id: int | None,
    data: PortfolioInput,
    *,
    image: BinaryIO | None = None,
    remove_image: bool = False,
    images: list[BinaryIO] | None = None,
) -> PortfolioItem:
    """Add (item_id None) or change a portfolio item and its images; nothing is saved on an error.

    `images` adds up to six pictures in sized variants; `remove_image` removes every picture first.
    """
    studio_id = _acting_studio(actor)
    if errors := item_errors(data):
        raise ValidationFailed(errors)
    data = _normalised_item(data)
    existing = own_item(studio_id, item_id) if item_id is not None else None  # 404 before files
    kept = 0 if remove_image or existing is None else len(existing.images)
    added = studio_images.store_item_images(list(images or ()), kept)
    try:
        stored = uploads.save_image(image) if image is not None else None
    except BaseException:
        for done in added:
            uploads.delete_image_set(done.key)
        raise
    dropped: list[str] = []
    try:
        with write_transaction() as session:
            if item_id is None:
                item = PortfolioItem(studio_id=studio_id)
                session.add(item)
            else:
                item = own_item(studio_id, item_id)
            old_image = item.image_name
            item.title, item.year, item.description = data.title, data.year, data.description
            item.industry_code, item.client_kind = data.industry_code, data.client_kind
            if stored is not None:
                item.image_name, item.image_mime = stored.name, stored.mime
            elif remove_image:
                item.image_name = item.image_mime = None
            if remove_image:
                dropped = [picture.key for picture in item.images]
                item.images.clear()
            studio_images.attach(item, added)
            _touch_studio(session, studio_id)
            record_event(StudiosChanged(ids=(studio_id,)))
    except BaseException:
        if stored is not None:
            uploads.delete_image(stored.name)
        for done in added:
            uploads.delete_image_set(done.key)
        raise
    if old_image and old_image != item.image_name:
        uploads.delete_image(old_image)
    for key in dropped:
        uploads.delete_image_set(key)
    return item


def _touch_studio(session, studio_id: int) -> None:
    """The portfolio is part of the profile: its studio counts as changed (matching reads this)."""
    studio = session.get(Studio, studio_id)
    if studio is not None:
        studio.updated_at = utcnow()


def delete_item(actor: Actor, item_id: int) -> None:
    """Remove one of the acting studio's portfolio items and its image."""
    studio_id = _acting_studio(actor)
    with write_transaction() as session:
        item = own_item(studio_id, item_id)
        image_name = item.image_name
        keys = [picture.key for picture in item.images]
        session.delete(item)
        _touch_studio(session, studio_id)
        record_event(StudiosChanged(ids=(studio_id,)))
    uploads.delete_image(image_name)
    for key in keys:
        uploads.delete_image_set(key)


def item_image(studio_id: int, item_id: int, viewer) -> tuple[PortfolioItem, Path]:
    """A portfolio image for whoever may see the studio's page."""
    visible_studio(studio_id, viewer)
    item = own_item(studio_id, item_id)
    return item, uploads.image_path(item.image_name)
