"""Accreditation claims: staff verify (or withdraw) a studio's claim, recording who and when."""

from __future__ import annotations

import hashlib
import logging

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from marketplace.database import write_transaction
from marketplace.events import StudiosChanged, record_event
from marketplace.extensions import db
from marketplace.models import Studio
from marketplace.models._types import utcnow
from marketplace.services.common.errors import NotFound, ValidationFailed

log = logging.getLogger(__name__)


def claim_token(studio: Studio) -> str:
    """Fingerprint of the claim a staff member looked at, so a changed claim is not verified."""
    digest = hashlib.sha256((studio.accreditation_evidence or "").encode("utf-8")).hexdigest()
    return f"{studio.accreditation}:{digest[:16]}"


def pending_claims() -> list[Studio]:
    """Accreditation claims no staff member has verified yet, oldest change first."""
    query = (
        select(Studio)
        .where(Studio.accreditation != "none", Studio.accreditation_verified_at.is_(None))
        .order_by(Studio.updated_at, Studio.id)
    )
    return list(db.session.scalars(query))


def recently_verified(limit: int = 20) -> list[Studio]:
    """The latest verified claims, newest first, with who verified them."""
    query = (
        select(Studio)
        .where(Studio.accreditation != "none", Studio.accreditation_verified_at.is_not(None))
        .options(selectinload(Studio.verified_by))
        .order_by(Studio.accreditation_verified_at.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


def set_verified(studio_id: int, staff_user, verified: bool, token: str | None = None) -> Studio:
    """Mark a studio's accreditation claim verified (recording who and when) or unverified."""
    with write_transaction() as session:
        studio = session.get(Studio, studio_id)
        if studio is None:
            raise NotFound("No such studio.")
        if verified:
            if studio.accreditation == "none":
                raise ValidationFailed({"claim": "This studio claims no accreditation."})
            if token is not None and token != claim_token(studio):
                raise ValidationFailed(
                    {"claim": "The studio changed its claim since you opened the page; check it "
                              "again."}
                )  # fmt: skip
            studio.accreditation_verified_at = utcnow()
            studio.accreditation_verified_by_id = staff_user.id
        else:
            studio.accreditation_verified_at = None
            studio.accreditation_verified_by_id = None
        record_event(StudiosChanged(ids=(studio_id,)))
    log.info("staff %s %s the claim of studio %s", staff_user.id,
             "verified" if verified else "withdrew verification of", studio_id)  # fmt: skip
    return studio


