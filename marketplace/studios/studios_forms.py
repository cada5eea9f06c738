"""Forms for the studio profile, portfolio items, interest in a scenario and staff actions.

The field rules live in services/studios.py; each form runs them in validate(), so every
problem shows at once and the service (which checks again before saving) never disagrees.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from marketplace.catalog import localize
from marketplace.formfields import BoundedIntegerField
from marketplace.reference import districts
from marketplace.services.studios import interests, studio_portfolio, studio_profiles


def _text(value):
    return studio_profiles.clean_text(value) if isinstance(value, str) else value


class MultiCheckboxField(SelectMultipleField):
    """A multi-select shown as a grid of checkboxes (the `field` macro knows this type)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def at_least_one(message: str):
    """A validator for a multi-select that needs one choice (without the `required` attribute)."""

    def check(_form, field):
        if not field.data:
            raise ValidationError(message)

    return check


class _RulesForm(FlaskForm):
    """A form whose service-side rules run after the field-level checks."""

    def service_errors(self) -> dict[str, str]:
        """Problems the service finds in the submitted values (subclasses say which)."""
        return {}

    def validate(self, extra_validators=None) -> bool:
        """Field checks, then the service's rules on the same values."""
        ok = super().validate(extra_validators)
        for name, message in self.service_errors().items():
            field = getattr(self, name, None)
            if field is not None and not field.errors:
                field.errors.append(message)
                ok = False
        return ok

    def apply(self, errors: dict[str, str]) -> list[str]:
        """Attach a service's ValidationFailed messages to fields; return those with no field."""
        leftover = []
        for name, message in errors.items():
            field = getattr(self, name, None)
            if field is not None:
                field.errors = [*field.errors, message]
            else:
                leftover.append(message)
        return leftover


def _choices(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


TRANSLATION_HELP = _l(
    "Readers who use the site in that language see this version first, with your original one "
    "click away. Leave it empty if you write in one language only."
)


def translation_label(*originals: str | None):
    """'English version (optional)' when the original is Chinese (or, before anything is
    written, when the reader reads Chinese), else 'Chinese version (optional)'."""
    return localize.translation_label(*originals)


def _district_choices() -> list[SelectChoice]:
    rows = sorted(districts().values(), key=lambda r: (r["code"] == "outside", r["name"]))
    return _choices(
        [("", _l("Choose a district or county"))]
        + [(r["code"], f"{r['name']} {r['name_zh']}") for r in rows]
    )


class ProfileForm(_RulesForm):
    """The studio's profile: who it is, what it can do, where, and how to reach it."""

    name = StringField(_l("Studio name"), filters=[_text])
    name_zh = StringField(_l("Chinese name (optional)"), filters=[_text])
    district = SelectField(_l("District or county"), choices=[])
    founded_year = BoundedIntegerField(_l("Year founded (optional)"), validators=[Optional()])
    team_size = BoundedIntegerField(_l("Team size (optional)"), validators=[Optional()])
    website = URLField(
        _l("Website (optional)"), filters=[_text], description=_l("e.g. https://example.cn")
    )
    accreditation = SelectField(
        _l("Industrial design centre accreditation"),
        choices=_choices(studio_profiles.LEVEL_LABELS.items()),
    )
    accreditation_evidence = StringField(
        _l("Evidence for the accreditation"),
        filters=[_text],
        description=_l(
            "One line staff can check, e.g. 'Named in the 2022 municipal list, no. 37'. "
            "Your claim shows as self-declared until the commission verifies it."
        ),
    )
    capability_statement = TextAreaField(
        _l("What your studio can do"),
        filters=[_text],
        description=_l(
            "In your own words, %(min)d to %(max)s characters: the products and problems you "
            "work on, how, and for whom. This is the text matching reads most.",
            min=studio_profiles.STATEMENT_MIN,
            max=studio_profiles.thousands(studio_profiles.STATEMENT_MAX),
        ),
    )
    capability_statement_translation = TextAreaField(
        _l("English version (optional)"), filters=[_text], description=TRANSLATION_HELP
    )
    industry_codes = MultiCheckboxField(
        _l("Industries you work in"),
        validators=[at_least_one(_l("Choose at least one industry."))],
    )
    discipline_codes = MultiCheckboxField(
        _l("Design disciplines you offer"),
        validators=[at_least_one(_l("Choose at least one discipline."))],
    )
    contact_name = StringField(_l("Contact person (optional)"), filters=[_text])
    contact_email = EmailField(_l("Contact email (optional)"), filters=[_text])
    contact_phone = StringField(_l("Contact phone (optional)"), filters=[_text])

    def __init__(self, *args, industries=(), disciplines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.district.choices = _district_choices()
        self.capability_statement_translation.label.text = translation_label(
            self.capability_statement.data
        )
        self.industry_codes.choices = _choices(
            (i.code, f"{i.name} · {i.name_zh}") for i in industries
        )
        self.discipline_codes.choices = _choices(
            (d.code, f"{d.name} · {d.name_zh}") for d in disciplines
        )

    def to_input(self) -> studio_profiles.ProfileInput:
        """The submitted values for the service."""
        return studio_profiles.ProfileInput(
            name=self.name.data or "", capability_statement=self.capability_statement.data or "",
            name_zh=self.name_zh.data, district=self.district.data or None,
            founded_year=self.founded_year.data, team_size=self.team_size.data,
            website=self.website.data, accreditation=self.accreditation.data or "none",
            accreditation_evidence=self.accreditation_evidence.data,
            industry_codes=list(self.industry_codes.data or []),
            discipline_codes=list(self.discipline_codes.data or []),
            contact_name=self.contact_name.data, contact_email=self.contact_email.data,
            contact_phone=self.contact_phone.data,
            capability_statement_translation=self.capability_statement_translation.data,
        )  # fmt: skip

    def service_errors(self) -> dict[str, str]:
        """The profile rules applied to the submitted values."""
        return studio_profiles.profile_errors(self.to_input())


class PortfolioForm(_RulesForm):
    """A past project; the image is optional and checked by its content."""

    title = StringField(_l("Project title"), filters=[_text])
    year = BoundedIntegerField(_l("Year"), validators=[Optional()])
    industry_code = SelectField(_l("Client's industry"), choices=[])
    client_kind = SelectField(
        _l("Kind of client"),
        choices=_choices([("", _l("Choose")), *studio_portfolio.CLIENT_KINDS.items()]),
    )
    description = TextAreaField(
        _l("What you did"),
        filters=[_text],
        description=_l(
            "%(min)d to %(max)s characters: the brief, your part, the result.",
            min=studio_portfolio.DESCRIPTION_MIN,
            max=studio_profiles.thousands(studio_portfolio.DESCRIPTION_MAX),
        ),
    )
    images = MultipleFileField(
        _l("Images (optional, up to 6)"),
        description=_l(
            "PNG, JPEG or WebP, at most 5 MB each. We re-save them in the sizes the pages need "
            "and remove camera metadata. The first image shows on your cards."
        ),
    )
    remove_image = BooleanField(_l("Remove the current images"))

    def uploads(self) -> list:
        """The files actually chosen (browsers send an empty part when none is)."""
        return [f for f in (self.images.data or []) if getattr(f, "filename", "")]

    def __init__(self, *args, industries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.industry_code.choices = _choices(
            [("", _l("Choose"))] + [(i.code, i.name) for i in industries]
        )

    def to_input(self) -> studio_portfolio.PortfolioInput:
        """The submitted values for the service."""
        return studio_portfolio.PortfolioInput(
            title=self.title.data or "", year=self.year.data,
            industry_code=self.industry_code.data or None,
            client_kind=self.client_kind.data or None, description=self.description.data or "",
        )  # fmt: skip

    def service_errors(self) -> dict[str, str]:
        """The portfolio rules applied to the submitted values."""
        return studio_portfolio.item_errors(self.to_input())


class StudioImagesForm(FlaskForm):
    """The studio's logo (square) and cover picture."""

    logo = FileField(
        _l("Logo"),
        description=_l("Square works best; PNG, JPEG or WebP, at most 5 MB."),
    )
    cover = FileField(
        _l("Cover picture"),
        description=_l("A wide picture of your work (3:1 is shown); at most 5 MB."),
    )
    remove_logo = BooleanField(_l("Remove the logo"))
    remove_cover = BooleanField(_l("Remove the cover picture"))

    def apply(self, errors: dict[str, str]) -> list[str]:
        """Attach a service's messages to the logo or cover field."""
        return _RulesForm.apply(self, errors)


class InterestForm(_RulesForm):
    """'We can take this on', with an optional short note."""

    note = TextAreaField(
        _l("Note for the commission (optional)"),
        filters=[_text],
        description=_l(
            "At most %(max)d characters, e.g. a similar project you did.", max=interests.NOTE_MAX
        ),
    )
    return_to = HiddenField(default="scenario")

    def service_errors(self) -> dict[str, str]:
        """The note's length limit."""
        return interests.note_errors(self.note.data)


class ConfirmForm(FlaskForm):
    """A CSRF-protected POST button (delete, withdraw, un-verify)."""

    return_to = HiddenField(default="")


class VerifyForm(FlaskForm):
    """Staff verify the claim they looked at (its fingerprint travels with the form)."""

    claim = HiddenField()
    return_to = HiddenField(default="")
