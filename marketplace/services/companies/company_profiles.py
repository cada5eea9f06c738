"""Read and edit a manufacturer's company profile; the contact each side sees at shortlist."""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from marketplace.database import write_transaction
from marketplace.extensions import db
from marketplace.models import Company, CompanyEvent, CompanySize, Industry, Studio, User
from marketplace.models._types import utcnow
from marketplace.policies.actor import Actor
from marketplace.policies.companies_policy import can_edit_company, can_view_company
from marketplace.reference import districts
from marketplace.services.common import text_cleaning
from marketplace.services.common.service_errors import NotFound, PermissionDenied, ValidationFailed
from marketplace.services.companies.codes import clean_credit_code, clean_mobile
from marketplace.services.studios.studio_profiles import website_error

NAME_MAX, CONTACT_MAX = 200, 100
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass
class CompanyInput:
    """What a manufacturer says about its company on the account page."""

    name_zh: str
    name_en: str | None = None
    industry_code: str | None = None
    district: str | None = None
    size: str | None = None
    website: str | None = None
    contact_name: str | None = None
    contact_mobile: str | None = None
    contact_email: str | None = None
    credit_code: str | None = None


@dataclass(frozen=True)
class Contact:
    """A party's contact person, phone and e-mail, as the other side sees them."""

    organisation: str
    name: str
    phone: str
    email: str

    def as_payload(self) -> dict[str, str]:
        """For a notification's payload."""
        return {"contact_org": self.organisation, "contact_name": self.name,
                "contact_phone": self.phone, "contact_email": self.email}  # fmt: skip


def company_of(user_id: int) -> Company | None:
    """The company profile of a manufacturer account, or None."""
    return db.session.scalar(select(Company).where(Company.user_id == user_id))


def visible_company(actor: Actor, company_id: int) -> Company:
    """A company the actor may read (public fields); NotFound otherwise."""
    company = db.session.get(Company, company_id)
    if company is None or not can_view_company(actor, company):
        raise NotFound(_("No such company."))
    return company


def display_name(user: User, company: Company | None) -> str:
    """The company's name, else the account's organisation name."""
    return (company.name_zh or company.name_en) if company and company.name_zh else (
        user.organisation_name)


def _opt(value: str | None) -> str | None:
    text = text_cleaning.clean_text(value)
    return text or None


def _clean(data: CompanyInput) -> dict:
    errors: dict[str, str] = {}
    values: dict = {k: _opt(v) for k, v in vars(data).items()}
    if not values["name_zh"] or len(values["name_zh"]) > NAME_MAX:
        errors["name_zh"] = _("Use 1 to %(max)d characters.", max=NAME_MAX)
    if values["name_en"] and len(values["name_en"]) > NAME_MAX:
        errors["name_en"] = _("Use at most %(max)d characters.", max=NAME_MAX)
    code = values["industry_code"]
    if code and db.session.get(Industry, code) is None:
        errors["industry_code"] = _("Choose an industry from the list.")
    if values["district"] and values["district"] not in districts():
        errors["district"] = _("Choose a district or county from the list.")
    if values["size"] and values["size"] not in set(CompanySize):
        errors["size"] = _("Choose a size from the list.")
    if values["website"] and website_error(values["website"]):
        errors["website"] = _("Enter a full web address starting with http:// or https://.")
    if values["contact_name"] and len(values["contact_name"]) > CONTACT_MAX:
        errors["contact_name"] = _("Use at most %(max)d characters.", max=CONTACT_MAX)
    email = values["contact_email"]
    if email and (len(email) > 254 or not EMAIL.match(email) or not email.isascii()):
        errors["contact_email"] = _("Enter an e-mail address such as name@example.com.")
    for name, check in (("contact_mobile", clean_mobile), ("credit_code", clean_credit_code)):
        try:
            values[name] = check(values[name], name)
        except ValidationFailed as exc:
            errors.update(exc.errors)
    if errors:
        raise ValidationFailed(errors)
    return values


def save(actor: Actor, user_id: int, data: CompanyInput) -> Company:
    """Create or edit one's own company profile; a changed credit code needs new verification."""
    values = _clean(data)
    with write_transaction() as session:
        company = session.scalar(select(Company).where(Company.user_id == user_id))
        if company is None:
            user = session.get(User, user_id)
            if user is None or user.role != "manufacturer":
                raise NotFound(_("No such company."))
            company = Company(user_id=user_id)
            session.add(company)
        if not can_edit_company(actor, company):
            raise PermissionDenied(_("You may edit only your own company."))
        if values["credit_code"] and session.scalar(select(Company.id).where(
                Company.credit_code == values["credit_code"], Company.user_id != user_id)):
            raise ValidationFailed({"credit_code": _(
                "Another company on the marketplace already uses this credit code.")})
        if company.id and company.credit_code != values["credit_code"] and company.verified_at:
            company.verified_at, company.verified_by_id = None, None
            session.flush()
            session.add(CompanyEvent(company_id=company.id, actor_id=actor.user_id,
                                     action="code-changed", note=values["credit_code"]))
        for key, value in values.items():
            setattr(company, key, value)
        company.updated_at = utcnow()
        session.get(User, user_id).organisation_name = values["name_zh"]
    return company


def manufacturer_contact(user: User) -> Contact:
    """The manufacturer's contact person (company profile; the account's e-mail otherwise)."""
    company = company_of(user.id)
    return Contact(
        organisation=display_name(user, company),
        name=(company.contact_name if company else None) or user.organisation_name,
        phone=(company.contact_mobile if company else None) or "",
        email=(company.contact_email if company else None) or user.email,
    )


def studio_contact(studio: Studio) -> Contact:
    """The studio's contact person (its profile; its first account's e-mail otherwise)."""
    first = db.session.scalar(select(User).where(User.studio_id == studio.id).order_by(User.id))
    return Contact(
        organisation=studio.name,
        name=studio.contact_name or studio.name,
        phone=studio.contact_phone or "",
        email=studio.contact_email or (first.email if first else ""),
    )
