"""Forms for needs: the need itself, an attachment, questions and answers, staff decisions."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import Optional
from wtforms.widgets import CheckboxInput, ListWidget

from marketplace.catalog.localize import localized, translation_label
from marketplace.formfields import (
    BoundedDateField,
    BoundedDateTimeLocalField,
    BoundedIntegerField,
    IdListField,
)
from marketplace.params import MAX_ID
from marketplace.services.needs.lifecycle import NeedInput
from marketplace.services.needs.need_times import shanghai_to_utc, utc_to_shanghai


class MultiCheckboxField(SelectMultipleField):
    """A multi-select shown as a grid of checkboxes (the `field` macro knows this type)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class NeedForm(FlaskForm):
    """A need as its manufacturer enters it (the deadline in Beijing time)."""

    title = StringField(_l("Title"))
    description = TextAreaField(
        _l("Description"), description=_l("What should be designed, for whom, and what you "
                                          "expect to receive (30 to 5,000 characters).")
    )
    title_translation = StringField(_l("Title: English version (optional)"))
    description_translation = TextAreaField(
        _l("Description: English version (optional)"),
        description=_l("Readers who use the site in that language see this version first, with "
                       "your original one click away. Give both the title and the description, "
                       "or leave both empty."),
    )
    industry_code = SelectField(_l("Industry"), choices=[])
    discipline_codes = MultiCheckboxField(_l("Design disciplines"), choices=[])
    scenario_code = SelectField(_l("Linked catalogue scenario (optional)"), choices=[])
    budget_min = BoundedIntegerField(_l("Budget from (CNY)"), validators=[Optional()])
    budget_max = BoundedIntegerField(_l("Budget up to (CNY)"), validators=[Optional()])
    bid_deadline = BoundedDateTimeLocalField(
        _l("Bid deadline (Beijing time)"), format="%Y-%m-%dT%H:%M", validators=[Optional()]
    )
    delivery_date = BoundedDateField(_l("Wanted delivery date"), validators=[Optional()])
    save = SubmitField(_l("Save"))
    suggest = SubmitField(_l("Suggest disciplines from the text"))

    def __init__(self, *args, industries=(), disciplines=(), scenarios=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.industry_code.choices = [("", _l("— choose —"))] + [
            (i.code, localized(i, "name")) for i in industries
        ]
        self.discipline_codes.choices = [(d.code, localized(d, "name")) for d in disciplines]
        self.scenario_code.choices = [("", _l("— none —"))] + [
            (s.code, f"{s.code} {localized(s, 'title')}") for s in scenarios
        ]
        self.label_translations()

    def label_translations(self) -> None:
        """Name the other language on the optional fields (English for a Chinese need)."""
        other = translation_label(self.title.data, self.description.data)
        self.title_translation.label.text = _l("Title: %(version)s", version=other)
        self.description_translation.label.text = _l("Description: %(version)s", version=other)

    def fill_from(self, need) -> None:
        """Show a saved need (its deadline converted to Beijing time)."""
        self.title.data, self.description.data = need.title, need.description
        self.industry_code.data = need.industry_code or ""
        self.discipline_codes.data = need.discipline_codes
        self.scenario_code.data = need.scenario.code if need.scenario else ""
        self.budget_min.data, self.budget_max.data = need.budget_min, need.budget_max
        self.bid_deadline.data = utc_to_shanghai(need.bid_deadline)
        self.delivery_date.data = need.delivery_date
        self.title_translation.data = need.title_translation
        self.description_translation.data = need.description_translation
        self.label_translations()

    def to_input(self) -> NeedInput:
        """The service's input (deadline in UTC)."""
        deadline = self.bid_deadline.data
        return NeedInput(
            title=self.title.data or "", description=self.description.data or "",
            industry_code=self.industry_code.data or None,
            discipline_codes=list(self.discipline_codes.data or []),
            scenario_code=self.scenario_code.data or None,
            budget_min=self.budget_min.data, budget_max=self.budget_max.data,
            bid_deadline=shanghai_to_utc(deadline) if deadline else None,
            delivery_date=self.delivery_date.data,
            title_translation=self.title_translation.data,
            description_translation=self.description_translation.data,
        )  # fmt: skip

    def apply(self, errors: dict[str, str]) -> list[str]:
        """Attach service errors to fields; return those that belong to none."""
        leftovers = []
        for name, message in errors.items():
            field = getattr(self, name, None)
            if field is not None and hasattr(field, "errors"):
                field.errors = [*list(field.errors or []), message]
            else:
                leftovers.append(message)
        return leftovers


class AttachmentForm(FlaskForm):
    """One file for a need."""

    attachment = FileField(_l("Attach a file (PDF, PNG, JPEG or WebP, up to 5 MB)"))


class QuestionForm(FlaskForm):
    """A studio's clarifying question."""

    question = TextAreaField(_l("Your question"))


class AnswerForm(FlaskForm):
    """The owner's answer to one question."""

    answer = TextAreaField(_l("Answer"))


class ReturnForm(FlaskForm):
    """Staff: why a need goes back to its owner."""

    reason = TextAreaField(_l("Reason"))


class ConfirmForm(FlaskForm):
    """A button that only needs CSRF protection."""

    return_to = HiddenField()


class InviteForm(FlaskForm):
    """Invite studios to bid (their ids), optionally coming back to a scenario page."""

    studio_ids = IdListField()
    source = HiddenField(default="match")
    return_to = HiddenField()
    need_id = BoundedIntegerField(validators=[Optional()], minimum=1, maximum=MAX_ID)
    note = StringField()
