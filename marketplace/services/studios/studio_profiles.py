"""Studio profiles, the directory, accreditation verification, and field rules shared by imports."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from marketplace import policies
from marketplace.database import record_event, write_transaction
from marketplace.extensions import db
from marketplace.models import Discipline, Industry, Studio
from marketplace.models._types import utcnow
from marketplace.models.studio import Accreditation
from marketplace.policies.studios_policy import public_studio_clause
from marketplace.reference import DISCIPLINE_CODES, INDUSTRY_CODES, districts
from marketplace.services.accounts.accounts import normalise_email
from marketplace.services.common import list_page, second_language, text_cleaning
from marketplace.services.common.service_errors import NotFound, ValidationFailed
from marketplace.services.studios.studio_events import StudiosChanged

log = logging.getLogger(__name__)

NAME_MIN, NAME_MAX = 2, 200
STATEMENT_MIN, STATEMENT_MAX = 50, 3000
FOUNDED_MIN = 1949
TEAM_MIN, TEAM_MAX = 1, 100_000
WEBSITE_MAX = 300
EVIDENCE_MAX = 500
CONTACT_NAME_MAX = 200
LEVELS: tuple[str, ...] = tuple(a.value for a in Accreditation)
LEVEL_LABELS = {
    "none": _l("No accreditation"),
    "district": _l("District-level industrial design centre"),
    "municipal": _l("Municipal industrial design centre"),
    "national": _l("National industrial design centre"),
}
PHONE = re.compile(r"^\+?[0-9][0-9 ()\-]{4,38}$")
SORTS = ("name", "newest")
ACCREDITATION_FILTERS = ("accredited", *LEVELS)  # "accredited" = any centre level
PROFILE_COLUMNS = (  # copied from the form input onto the studio as they are
    "name", "name_zh", "district", "founded_year", "team_size", "website",
    "capability_statement", "contact_name", "contact_email", "contact_phone",
)  # fmt: skip


def thousands(number: int) -> str:
    """A whole number with thousands separators (3,000), for messages."""
    return f"{number:,}"



def current_year() -> int:
    """This year (UTC), the upper bound of founding and project years."""
    return utcnow().year


def clean_text(value: str | None) -> str:
    """Stripped text, line endings made '\\n', control and bidi-override characters removed."""
    return text_cleaning.clean_text(value)


def website_error(url: str) -> str | None:
    """Why a website address is unacceptable, or None."""
    if len(url) > WEBSITE_MAX:
        return f"must be at most {WEBSITE_MAX} characters"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or re.search(r"\s", url):
        return "must be a full web address starting with http:// or https://"
    return None


def resolve_district(value: str) -> str | None:
    """The district code for a code, English name or Chinese name (case-insensitive), or None."""
    wanted = value.strip().lower()
    for code, row in districts().items():
        if wanted in (code, row["name"].lower(), row["name_zh"]):
            return code
    return None


# ---------------------------------------------------------------- profile


@dataclass
class ProfileInput:
    """What a studio says about itself on its profile form."""

    name: str
    capability_statement: str
    name_zh: str | None = None
    district: str | None = None
    founded_year: int | None = None
    team_size: int | None = None
    website: str | None = None
    accreditation: str = "none"
    accreditation_evidence: str | None = None
    industry_codes: list[str] = field(default_factory=list)
    discipline_codes: list[str] = field(default_factory=list)
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    capability_statement_translation: str | None = None  # the same in the other language


def _normalised(data: ProfileInput) -> ProfileInput:
    def opt(value: str | None) -> str | None:
        return clean_text(value) or None

    return ProfileInput(
        name=clean_text(data.name), capability_statement=clean_text(data.capability_statement),
        name_zh=opt(data.name_zh), district=opt(data.district), founded_year=data.founded_year,
        team_size=data.team_size, website=opt(data.website),
        accreditation=clean_text(data.accreditation) or "none",
        accreditation_evidence=opt(data.accreditation_evidence),
        industry_codes=list(dict.fromkeys(data.industry_codes)),
        discipline_codes=list(dict.fromkeys(data.discipline_codes)),
        contact_name=opt(data.contact_name), contact_email=opt(data.contact_email),
        contact_phone=opt(data.contact_phone),
        capability_statement_translation=opt(data.capability_statement_translation),
    )  # fmt: skip


def statement_language(data: ProfileInput) -> str:
    """The language the capability statement is written in ('zh' / 'en')."""
    return second_language.original_language(data.capability_statement)


def translation_errors(data: ProfileInput) -> dict[str, str]:
    """Problems with the statement's other-language version (cleaned input)."""
    pair = second_language.Pair("capability_statement_translation", data.capability_statement,
                                data.capability_statement_translation, STATEMENT_MAX)
    return second_language.translation_errors([pair], statement_language(data))


def profile_errors(data: ProfileInput) -> dict[str, str]:
    """Every problem with a profile as submitted, keyed by field name (empty when it is fine)."""
    return _check_profile(_normalised(data))


def _check_profile(data: ProfileInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not NAME_MIN <= len(data.name) <= NAME_MAX:
        errors["name"] = _("Use %(min)d to %(max)d characters.", min=NAME_MIN, max=NAME_MAX)
    if data.name_zh and len(data.name_zh) > NAME_MAX:
        errors["name_zh"] = _("Use at most %(max)d characters.", max=NAME_MAX)
    if data.district and data.district not in districts():
        errors["district"] = _("Choose a district or county from the list.")
    year = current_year()
    if data.founded_year is not None and not FOUNDED_MIN <= data.founded_year <= year:
        errors["founded_year"] = _(
            "Enter a year from %(min)d to %(max)d.", min=FOUNDED_MIN, max=year
        )
    if data.team_size is not None and not TEAM_MIN <= data.team_size <= TEAM_MAX:
        errors["team_size"] = _(
            "Enter a number from %(min)d to %(max)s.", min=TEAM_MIN, max=thousands(TEAM_MAX)
        )
    if data.website and website_error(data.website):
        errors["website"] = (
            _("The address must be at most %(max)d characters.", max=WEBSITE_MAX)
            if len(data.website) > WEBSITE_MAX
            else _("The address must be a full web address starting with http:// or https://.")
        )
    if data.accreditation not in LEVELS:
        errors["accreditation"] = _("Choose one of the listed levels.")
    elif data.accreditation != "none" and not data.accreditation_evidence:
        errors["accreditation_evidence"] = _(
            "Say how the claim can be checked, e.g. the list and year the centre was named in."
        )
    if data.accreditation_evidence and len(data.accreditation_evidence) > EVIDENCE_MAX:
        errors["accreditation_evidence"] = _("Use at most %(max)d characters.", max=EVIDENCE_MAX)
    length = len(data.capability_statement)
    if not STATEMENT_MIN <= length <= STATEMENT_MAX:
        errors["capability_statement"] = _(
            "Write %(min)d to %(max)s characters (you have %(length)s).",
            min=STATEMENT_MIN,
            max=thousands(STATEMENT_MAX),
            length=thousands(length),
        )
    if set(data.industry_codes) - set(INDUSTRY_CODES):
        errors["industry_codes"] = _("Choose industries from the list.")
    if set(data.discipline_codes) - set(DISCIPLINE_CODES):
        errors["discipline_codes"] = _("Choose disciplines from the list.")
    if data.contact_name and len(data.contact_name) > CONTACT_NAME_MAX:
        errors["contact_name"] = _("Use at most %(max)d characters.", max=CONTACT_NAME_MAX)
    if data.contact_email:
        try:
            data.contact_email = normalise_email(data.contact_email)
        except ValidationFailed:
            errors["contact_email"] = _("Enter a valid email address, e.g. name@company.cn.")
    if data.contact_phone and not PHONE.match(data.contact_phone):
        errors["contact_phone"] = _(
            "Use digits, spaces, brackets and dashes, e.g. +86 23 6788 1234."
        )
    errors.update(translation_errors(data))
    return errors


def apply_tags(studio: Studio, industry_codes: list[str], discipline_codes: list[str]) -> None:
    """Set a studio's industries and disciplines from codes, in catalogue order."""
    session = db.session  # get() answers repeated codes from the identity map, without a query
    industries = [session.get(Industry, code) for code in industry_codes]
    disciplines = [session.get(Discipline, code) for code in discipline_codes]
    studio.industries = sorted(filter(None, industries), key=lambda i: i.position)
    studio.disciplines = sorted(filter(None, disciplines), key=lambda d: d.position)


def set_accreditation(studio: Studio, level: str, evidence: str | None) -> None:
    """Change the claimed level and evidence; any change makes the claim unverified again."""
    if (studio.accreditation, studio.accreditation_evidence) != (level, evidence):
        studio.accreditation_verified_at = None
        studio.accreditation_verified_by_id = None
    studio.accreditation, studio.accreditation_evidence = level, evidence


def studio_of(user) -> Studio:
    """The studio a studio account acts for, or NotFound."""
    studio = db.session.get(Studio, user.studio_id) if user.studio_id else None
    if studio is None:
        raise NotFound(_("This account is not linked to a studio."))
    return studio


def editable_studio(session, actor, studio_id: int) -> Studio:
    """The studio if the actor may edit it; another's (or a missing one) is NotFound."""
    studio = session.get(Studio, studio_id)
    if studio is None or not policies.can_edit_studio(policies.actor_of(actor), studio):
        raise NotFound(_("No such studio."))
    return studio


def update_profile(actor: policies.Actor, studio_id: int, data: ProfileInput) -> Studio:
    """Validate and save a studio's profile (all or nothing); ValidationFailed names each field."""
    data = _normalised(data)
    if data.accreditation == "none":
        data.accreditation_evidence = None
    errors = _check_profile(data)
    if errors:
        raise ValidationFailed(errors)
    with write_transaction() as session:
        studio = editable_studio(session, actor, studio_id)
        for name in PROFILE_COLUMNS:
            setattr(studio, name, getattr(data, name))
        studio.text_lang = statement_language(data)
        studio.capability_statement_translation = data.capability_statement_translation
        set_accreditation(studio, data.accreditation, data.accreditation_evidence)
        apply_tags(studio, data.industry_codes, data.discipline_codes)
        studio.updated_at = utcnow()
        record_event(StudiosChanged(ids=(studio_id,)))
    log.info("studio %s updated its profile", studio_id)
    return studio


# ---------------------------------------------------------------- who sees what


def in_directory(studio: Studio) -> bool:
    """True when the studio is public: listed, with a statement (see policies.is_public)."""
    return policies.is_public(studio)


def is_member(studio: Studio, viewer) -> bool:
    """True when the viewer is logged in as one of this studio's accounts."""
    return policies.actor_of(viewer).acts_for_studio(studio.id)


def can_see_contacts(studio: Studio, viewer) -> bool:
    """Contact details: logged-in manufacturers and staff, and the studio itself."""
    return policies.can_view_contact(policies.actor_of(viewer), studio)


def visible_studio(studio_id: int, viewer) -> Studio:
    """A studio's page, if the viewer may see it (policies.can_view_studio), else NotFound."""
    studio = db.session.scalar(
        select(Studio)
        .where(Studio.id == studio_id)
        .options(selectinload(Studio.industries), selectinload(Studio.disciplines),
                 selectinload(Studio.portfolio))
    )  # fmt: skip
    if studio is None or not policies.can_view_studio(policies.actor_of(viewer), studio):
        raise NotFound(_("No such studio."))
    return studio


# ---------------------------------------------------------------- directory


@dataclass(frozen=True)
class DirectoryFilters:
    """What the directory is narrowed to and how it is ordered."""

    industry: str | None = None
    discipline: str | None = None
    district: str | None = None
    accreditation: str | None = None
    verified_only: bool = False
    sort: str = "name"

    @property
    def active(self) -> bool:
        """True when any filter narrows the list."""
        return any((self.industry, self.discipline, self.district, self.accreditation,
                    self.verified_only))  # fmt: skip


def directory(
    filters: DirectoryFilters, page: int = 1, per_page: int = 20, *, chinese: bool = False
) -> list_page.ListPage:
    """Listed studios with a capability statement, filtered, sorted and paginated; by name
    sorts by the Chinese name in pinyin order for a Chinese reader, by the name otherwise."""
    query = select(Studio).where(public_studio_clause())
    if filters.industry:
        query = query.where(Studio.industries.any(Industry.code == filters.industry))
    if filters.discipline:
        query = query.where(Studio.disciplines.any(Discipline.code == filters.discipline))
    if filters.district:
        query = query.where(Studio.district == filters.district)
    if filters.accreditation == "accredited":
        query = query.where(Studio.accreditation != "none")
    elif filters.accreditation:
        query = query.where(Studio.accreditation == filters.accreditation)
    if filters.verified_only:
        query = query.where(
            Studio.accreditation != "none", Studio.accreditation_verified_at.is_not(None)
        )
    if filters.sort == "newest":
        query = query.order_by(Studio.created_at.desc(), Studio.id.desc())
    elif chinese:
        query = query.order_by(
            func.coalesce(Studio.sort_key_zh, func.lower(Studio.name)), Studio.id
        )
    else:
        query = query.order_by(func.lower(Studio.name), Studio.id)
    query = query.options(selectinload(Studio.industries), selectinload(Studio.disciplines))
    return list_page.page_of_query(query, page, per_page)
