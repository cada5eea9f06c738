"""Staff verify a manufacturer's company (or revoke it), with history and an audit row."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from marketplace.database import write_transaction
from marketplace.extensions import db
from marketplace.models import Company, CompanyEvent
from marketplace.models._types import utcnow
from marketplace.policies.actor import Actor
from marketplace.policies.companies_policy import can_verify_company
from marketplace.services.audit import trail
from marketplace.services.common import text_cleaning
from marketplace.services.common.service_errors import NotFound, PermissionDenied, ValidationFailed

NOTE_MAX = 1000


def _note(value: str | None, required: bool) -> str:
    note = text_cleaning.clean_text(value)
    if required and not note:
        raise ValidationFailed({"note": _("Say why.")})
    if len(note) > NOTE_MAX:
        raise ValidationFailed({"note": _("Keep the note under %(n)d characters.", n=NOTE_MAX)})
    return note


def verify(actor: Actor, company_id: int, note: str = "") -> Company:
    """Mark a company verified (it needs a valid credit code on file)."""
    text = _note(note, required=False)
    with write_transaction() as session:
        company = session.get(Company, company_id)
        if company is None:
            raise NotFound(_("No such company."))
        if not can_verify_company(actor, company):
            raise PermissionDenied(_("Only commission staff verify companies."))
        if not company.credit_code:
            raise ValidationFailed({"credit_code": _(
                "The company has not given its unified social credit code yet.")})
        if company.verified_at is not None:
            raise ValidationFailed({"company": _("This company is already verified.")})
        company.verified_at, company.verified_by_id = utcnow(), actor.user_id
        session.add(CompanyEvent(company_id=company.id, actor_id=actor.user_id,
                                 action="verified", note=text or None))
        trail.record("company-verified", subject=f"company:{company.id}",
                     after={"credit_code": company.credit_code}, note=text)
    return company


def revoke(actor: Actor, company_id: int, note: str) -> Company:
    """Withdraw a company's verification, with a reason."""
    text = _note(note, required=True)
    with write_transaction() as session:
        company = session.get(Company, company_id)
        if company is None:
            raise NotFound(_("No such company."))
        if not can_verify_company(actor, company):
            raise PermissionDenied(_("Only commission staff verify companies."))
        if company.verified_at is None:
            raise ValidationFailed({"company": _("This company is not verified.")})
        company.verified_at, company.verified_by_id = None, None
        session.add(CompanyEvent(company_id=company.id, actor_id=actor.user_id,
                                 action="revoked", note=text))
        trail.record("company-revoked", subject=f"company:{company.id}", note=text)
    return company


def history(company_id: int) -> list[CompanyEvent]:
    """The company's verification history, newest first."""
    return list(db.session.scalars(select(CompanyEvent).where(
        CompanyEvent.company_id == company_id).order_by(CompanyEvent.at.desc(),
                                                        CompanyEvent.id.desc())))


def all_companies() -> list[Company]:
    """Every company profile, unverified first (the staff list)."""
    return list(db.session.scalars(select(Company).order_by(
        Company.verified_at.is_not(None), Company.updated_at.desc())))
