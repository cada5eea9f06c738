"""A studio's pictures: logo, cover and up to six images per portfolio item, in sized variants."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from marketplace.database import write_transaction
from marketplace.extensions import db
from marketplace.models import PortfolioImage, PortfolioItem, Studio
from marketplace.policies.actor import Actor
from marketplace.services.common import uploads
from marketplace.services.common.service_errors import NotFound, ValidationFailed
from marketplace.services.studios.studio_profiles import visible_studio

log = logging.getLogger(__name__)

MAX_ITEM_IMAGES = 6
STUDIO_SLOTS = {"logo": "logo_key", "cover": "cover_key"}


@dataclass(frozen=True)
class StudioImageInput:
    """A new logo or cover: which slot, and the picture as uploaded."""

    slot: str
    stream: BinaryIO


def set_studio_image(actor: Actor, studio_id: int, data: StudioImageInput) -> uploads.ImageSet:
    """Store a new logo or cover; the previous one's files go once the change is committed."""
    from marketplace.services.studios.studio_profiles import editable_studio

    slot, stream = data.slot, data.stream
    if slot not in STUDIO_SLOTS:
        raise ValidationFailed({"slot": _("Choose the logo or the cover.")})
    stored = uploads.save_image_set(stream, slot, field=slot)
    try:
        with write_transaction() as session:
            studio = editable_studio(session, actor, studio_id)
            old = getattr(studio, STUDIO_SLOTS[slot])
            setattr(studio, STUDIO_SLOTS[slot], stored.key)
    except BaseException:
        uploads.delete_image_set(stored.key)
        raise
    uploads.delete_image_set(old)
    return stored


def remove_studio_image(actor: Actor, studio_id: int, slot: str) -> None:
    """Take the logo or cover (the slot named) away."""
    from marketplace.services.studios.studio_profiles import editable_studio

    if slot not in STUDIO_SLOTS:
        raise ValidationFailed({"slot": _("Choose the logo or the cover.")})
    with write_transaction() as session:
        studio = editable_studio(session, actor, studio_id)
        old = getattr(studio, STUDIO_SLOTS[slot])
        setattr(studio, STUDIO_SLOTS[slot], None)
    uploads.delete_image_set(old)


def store_item_images(streams: list[BinaryIO], already: int) -> list[uploads.ImageSet]:
    """Check and store new portfolio pictures before the transaction; all or none."""
    if already + len(streams) > MAX_ITEM_IMAGES:
        raise ValidationFailed(
            {"images": _("A project can show at most %(max)d images.", max=MAX_ITEM_IMAGES)}
        )
    uploads.check_pixel_budget(streams, "images")
    stored: list[uploads.ImageSet] = []
    try:
        for stream in streams:
            stored.append(uploads.save_image_set(stream, "work", field="images"))
    except BaseException:
        for done in stored:
            uploads.delete_image_set(done.key)
        raise
    return stored


def attach(item: PortfolioItem, stored: list[uploads.ImageSet]) -> None:
    """Add stored pictures to an item (inside the caller's transaction)."""
    start = max((i.position for i in item.images), default=-1) + 1
    for offset, image in enumerate(stored):
        item.images.append(
            PortfolioImage(
                key=image.key, width=image.width, height=image.height, position=start + offset
            )
        )


def studio_file(studio_id: int, name: str, viewer) -> tuple[str, Path]:
    """(MIME type, file) of one of a studio's pictures, for whoever may see its page."""
    key, path = uploads.variant_path(name)
    studio = visible_studio(studio_id, viewer)
    owned = key in (studio.logo_key, studio.cover_key) or db.session.scalar(
        select(PortfolioImage.id)
        .join(PortfolioItem)
        .where(PortfolioImage.key == key, PortfolioItem.studio_id == studio.id)
    )
    if not owned:
        raise NotFound(_("No such image."))
    return uploads.VARIANT_MIME[path.suffix.lstrip(".")], path


def studios_by_id(ids) -> dict[int, Studio]:
    """Listed-or-not studios by id, with what their cards show (for search hits)."""
    wanted = {int(i) for i in ids if str(i).isdigit()}
    if not wanted:
        return {}
    rows = db.session.scalars(
        select(Studio)
        .where(Studio.id.in_(wanted))
        .options(selectinload(Studio.portfolio).selectinload(PortfolioItem.images))
    )
    return {s.id: s for s in rows}
