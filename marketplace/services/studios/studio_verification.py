"""Accreditation claims: staff verify, reject or ask for evidence; every step is kept."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from marketplace.database import record_event, write_transaction
from marketplace.extensions import db
from marketplace.models import ClaimEvent, Studio, User
from marketplace.models._types import utcnow
from marketplace.policies.actor import Actor, actor_of
from marketplace.policies.reviews import can_upload_evidence
from marketplace.policies.studios_policy import can_verify_claim
from marketplace.services.audit import trail
from marketplace.services.common.service_errors import NotFound, PermissionDenied, ValidationFailed
from marketplace.services.studios.studio_events import StudiosChanged

log = logging.getLogger(__name__)

REJECT_REASONS = {
    "no-record": _l("No such centre in the official register"),
    "level-mismatch": _l("Registered at another level than claimed"),
    "expired": _l("The accreditation has lapsed"),
    "unreadable": _l("The evidence cannot be checked"),
    "other": _l("Other (say why in the note)"),
}
MAX_NOTE = 1000
# What a claim's latest step (for the claim as it is now) means for the claims page.
OPEN_STATES = ("pending", "evidence-uploaded")


@dataclass(frozen=True)
class VerificationInput:
    """Verify (with the claim token of the page staff read) or withdraw a verification."""

    verified: bool
    token: str | None = None


@dataclass(frozen=True)
class ClaimRejection:
    """A rejection: the claim token read, a reason code from REJECT_REASONS, and a note."""

    token: str
    reason: str
    note: str = ""


@dataclass(frozen=True)
class EvidenceRequest:
    """A request for evidence: the claim token read and the note the studio reads."""

    token: str
    note: str


@dataclass(frozen=True)
class EvidenceDocument:
    """A document the studio uploaded for its claim (already stored): name, type and title."""

    name: str
    mime: str
    title: str = ""


def claim_token(studio: Studio) -> str:
    """Fingerprint of the claim a staff member looked at, so a changed claim is not verified."""
    digest = hashlib.sha256((studio.accreditation_evidence or "").encode("utf-8")).hexdigest()
    return f"{studio.accreditation}:{digest[:16]}"


def history(studio_id: int) -> list[ClaimEvent]:
    """Every step of a studio's claims, newest first."""
    return list(db.session.scalars(
        select(ClaimEvent).where(ClaimEvent.studio_id == studio_id)
        .options(selectinload(ClaimEvent.actor))
        .order_by(ClaimEvent.at.desc(), ClaimEvent.id.desc())
    ))  # fmt: skip


def _latest_by_studio(ids: list[int]) -> dict[int, ClaimEvent]:
    out: dict[int, ClaimEvent] = {}
    for e in db.session.scalars(
        select(ClaimEvent)
        .where(ClaimEvent.studio_id.in_(ids))
        .order_by(ClaimEvent.at, ClaimEvent.id)
    ):
        out[e.studio_id] = e
    return out


def claim_state(studio: Studio, latest: ClaimEvent | None = None, known: bool = False) -> str:
    """none, verified, pending, rejected, evidence-requested or evidence-uploaded."""
    if studio.accreditation == "none":
        return "none"
    if studio.is_verified:
        return "verified"
    if not known:
        latest = _latest_by_studio([studio.id]).get(studio.id)
    if latest is None or latest.claim != claim_token(studio):
        return "pending"  # a changed claim is a new claim
    return {"rejected": "rejected", "evidence-requested": "evidence-requested",
            "evidence-uploaded": "evidence-uploaded"}.get(latest.action, "pending")  # fmt: skip


def _unverified() -> list[Studio]:
    return list(db.session.scalars(
        select(Studio)
        .where(Studio.accreditation != "none", Studio.accreditation_verified_at.is_(None))
        .order_by(Studio.updated_at, Studio.id)
    ))  # fmt: skip


def claims_by_state() -> dict[str, list[Studio]]:
    """Unverified claims grouped by state (pending, evidence-uploaded, evidence-requested...)."""
    studios = _unverified()
    latest = _latest_by_studio([s.id for s in studios])
    out: dict[str, list[Studio]] = {}
    for s in studios:
        out.setdefault(claim_state(s, latest.get(s.id), known=True), []).append(s)
    return out


def pending_claims() -> list[Studio]:
    """Claims waiting for a staff check (new, changed, or with evidence just uploaded)."""
    groups = claims_by_state()
    return [s for state in OPEN_STATES for s in groups.get(state, [])]


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


def _load(session, studio_id: int, token: str | None) -> Studio:
    studio = session.get(Studio, studio_id)
    if studio is None:
        raise NotFound(_("No such studio."))
    if studio.accreditation == "none":
        raise ValidationFailed({"claim": _("This studio claims no accreditation.")})
    if token is not None and token != claim_token(studio):
        raise ValidationFailed(
            {"claim": _("The studio changed its claim since you opened the page; check it again.")}
        )
    return studio


def _step(session, studio: Studio, action: str, actor, note: str = "", reason: str | None = None,
          **document) -> ClaimEvent:  # fmt: skip
    event = ClaimEvent(
        studio_id=studio.id, action=action, level=studio.accreditation, claim=claim_token(studio),
        reason_code=reason, note=note, actor_id=getattr(actor, "id", None), at=utcnow(), **document,
    )  # fmt: skip
    session.add(event)
    return event


def _deciding_staff(actor: Actor) -> Actor:
    """The actor, when it is commission staff; PermissionDenied for anyone else."""
    actor = actor_of(actor)
    if actor.user_id is None or not can_verify_claim(actor, None):
        raise PermissionDenied(_("Only commission staff decide accreditation claims."))
    return actor


def _clean_note(note: str | None, required: bool) -> str:
    note = (note or "").strip()
    if required and not note:
        raise ValidationFailed({"note": _("Write a note the studio will read.")})
    if len(note) > MAX_NOTE:
        raise ValidationFailed({"note": _("The note is longer than %(n)s characters.", n=MAX_NOTE)})
    return note


def set_verified(actor: Actor, studio_id: int, data: VerificationInput) -> Studio:
    """Mark a studio's accreditation claim verified (recording who and when) or unverified."""
    actor, verified = _deciding_staff(actor), data.verified
    with write_transaction() as session:
        staff_user = session.get(User, actor.user_id)
        if verified:
            studio = _load(session, studio_id, data.token)
            studio.accreditation_verified_at = utcnow()
            studio.accreditation_verified_by_id = actor.user_id
        else:
            studio = session.get(Studio, studio_id)
            if studio is None:
                raise NotFound(_("No such studio."))
            studio.accreditation_verified_at = None
            studio.accreditation_verified_by_id = None
        action = "verified" if verified else "withdrawn"
        _step(session, studio, action, staff_user)
        trail.record(f"claim-{action}", subject=f"studio:{studio_id}", actor=staff_user,
                     after={"level": studio.accreditation, "verified": verified})  # fmt: skip
        record_event(StudiosChanged(ids=(studio_id,)))
    log.info("staff %s %s the claim of studio %s", actor.user_id, action, studio_id)
    return studio


def reject_claim(actor: Actor, studio_id: int, data: ClaimRejection) -> Studio:
    """Reject a claim with a reason the studio sees (it shows as self-declared)."""
    actor, reason = _deciding_staff(actor), data.reason
    if reason not in REJECT_REASONS:
        raise ValidationFailed({"reason": _("Choose one of the listed reasons.")})
    note = _clean_note(data.note, required=reason == "other")
    with write_transaction() as session:
        staff_user = session.get(User, actor.user_id)
        studio = _load(session, studio_id, data.token)
        _step(session, studio, "rejected", staff_user, note, reason)
        trail.record(
            "claim-rejected", subject=f"studio:{studio_id}", actor=staff_user,
            after={"level": studio.accreditation, "reason": reason}, note=note,
        )  # fmt: skip
    return studio


def ask_for_evidence(actor: Actor, studio_id: int, data: EvidenceRequest) -> Studio:
    """Ask the studio for a document backing its claim (it sees the note and can upload one)."""
    actor = _deciding_staff(actor)
    note = _clean_note(data.note, required=True)
    with write_transaction() as session:
        staff_user = session.get(User, actor.user_id)
        studio = _load(session, studio_id, data.token)
        _step(session, studio, "evidence-requested", staff_user, note)
        trail.record("claim-evidence-asked", subject=f"studio:{studio_id}", actor=staff_user,
                     after={"level": studio.accreditation}, note=note)  # fmt: skip
    return studio


def add_evidence(actor: Actor, studio_id: int, data: EvidenceDocument) -> ClaimEvent:
    """Record a document the studio uploaded for its claim (the file is already stored)."""
    actor, name, mime = actor_of(actor), data.name, data.mime
    title = (data.title or "").strip()[:200] or _("Evidence document")
    with write_transaction() as session:
        if not can_upload_evidence(actor, session.get(Studio, studio_id)):
            raise PermissionDenied(_("Only the studio's own accounts add evidence to its claim."))
        studio = _load(session, studio_id, None)
        user = session.get(User, actor.user_id)
        event = _step(session, studio, "evidence-uploaded", user, document_name=name,
                      document_mime=mime, document_title=title)  # fmt: skip
        trail.record("claim-evidence-uploaded", subject=f"studio:{studio_id}", actor=user,
                     after={"document": name, "title": title})  # fmt: skip
    return event


def document_of(studio_id: int, name: str) -> ClaimEvent:
    """The claim step that holds this uploaded document; NotFound otherwise."""
    event = db.session.scalar(select(ClaimEvent).where(
        ClaimEvent.studio_id == studio_id, ClaimEvent.document_name == name))  # fmt: skip
    if event is None:
        raise NotFound(_("No such document."))
    return event
