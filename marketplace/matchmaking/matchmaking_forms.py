"""Forms of matchmaking events: the event (staff), registration, requests, availability."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import Optional
from wtforms.widgets import CheckboxInput, ListWidget

from marketplace.services.matchmaking.planning import EventInput
from marketplace.services.needs.need_times import shanghai_to_utc, utc_to_shanghai


class MultiCheckboxField(SelectMultipleField):
    """A multi-select shown as a grid of checkboxes (the `field` macro knows this type)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _utc(value):
    return shanghai_to_utc(value) if value else None


class EventForm(FlaskForm):
    """An event as staff enter it (times in Beijing time)."""

    title_zh = StringField(_l("Title in Chinese"))
    title_en = StringField(_l("Title in English"))
    description = TextAreaField(_l("About the event (optional)"))
    starts_at = DateTimeLocalField(_l("Date and start of the first slot (Beijing time)"),
                                   format="%Y-%m-%dT%H:%M", validators=[Optional()])
    slots = IntegerField(_l("Number of slots"), validators=[Optional()], default=8)
    slot_minutes = IntegerField(_l("Slot length (minutes)"), validators=[Optional()], default=20)
    break_minutes = IntegerField(_l("Break between slots (minutes)"), validators=[Optional()],
                                 default=5)
    tables = IntegerField(_l("Number of tables"), validators=[Optional()], default=10)
    venue = StringField(_l("Venue"))
    online_link = StringField(_l("Online link (optional)"))
    focus_industries = MultiCheckboxField(_l("Focus industries"), choices=[])
    focus_scenarios = StringField(_l("Focus scenarios (codes, comma-separated)"),
                                  description=_l("For example NEV-01, ELEC-03"))
    registration_deadline = DateTimeLocalField(_l("Registration closes (Beijing time)"),
                                               format="%Y-%m-%dT%H:%M", validators=[Optional()])
    request_deadline = DateTimeLocalField(_l("Meeting requests close (Beijing time)"),
                                          format="%Y-%m-%dT%H:%M", validators=[Optional()])
    max_requests = IntegerField(_l("Requests each participant may send"),
                                validators=[Optional()], default=8)
    max_meetings = IntegerField(_l("Meetings each participant may accept"),
                                validators=[Optional()], default=6)
    save = SubmitField(_l("Save"))

    def __init__(self, *args, industries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.focus_industries.choices = list(industries)

    def to_input(self) -> EventInput:
        """The service input, times converted to UTC."""
        return EventInput(
            title_zh=self.title_zh.data or "", title_en=self.title_en.data or "",
            description=self.description.data or "", starts_at=_utc(self.starts_at.data),
            slots=self.slots.data, tables=self.tables.data, slot_minutes=self.slot_minutes.data,
            break_minutes=self.break_minutes.data, venue=self.venue.data or "",
            online_link=self.online_link.data or "",
            focus_industries=list(self.focus_industries.data or []),
            focus_scenarios=[c for c in (self.focus_scenarios.data or "").replace("，", ",")
                             .split(",") if c.strip()],
            registration_deadline=_utc(self.registration_deadline.data),
            request_deadline=_utc(self.request_deadline.data),
            max_requests=self.max_requests.data, max_meetings=self.max_meetings.data,
        )  # fmt: skip

    def fill(self, event) -> None:
        """Show a stored event (times in Beijing time)."""
        for name in ("title_zh", "title_en", "description", "slots", "slot_minutes",
                     "break_minutes", "tables", "max_requests", "max_meetings"):
            getattr(self, name).data = getattr(event, name)  # fmt: skip
        self.venue.data, self.online_link.data = event.venue or "", event.online_link or ""
        self.focus_industries.data = list(event.focus_industries or [])
        self.focus_scenarios.data = ", ".join(event.focus_scenarios or [])
        for name in ("starts_at", "registration_deadline", "request_deadline"):
            getattr(self, name).data = utc_to_shanghai(getattr(event, name))


class RegisterForm(FlaskForm):
    """Registration: a manufacturer's need or what it seeks; slots it cannot meet in."""

    need_id = SelectField(_l("Your published need"), choices=[], coerce=str, validate_choice=False)
    seeking = TextAreaField(_l("What we seek"), description=_l(
        "If you have no published need: what design help you are looking for "
        "(20 to 1,000 characters)."))
    unavailable = MultiCheckboxField(_l("Slots when you cannot meet"), choices=[])
    register = SubmitField(_l("Register"))


class AvailabilityForm(FlaskForm):
    """The slots a participant cannot meet in."""

    unavailable = MultiCheckboxField(_l("Slots when you cannot meet"), choices=[])
    save = SubmitField(_l("Save availability"))


class RequestForm(FlaskForm):
    """Ask another participant for a meeting."""

    to = HiddenField()
    note = TextAreaField(_l("Note (optional)"), description=_l("What you would like to "
                                                               "discuss (at most 500 characters)."))
    send = SubmitField(_l("Request a meeting"))


class ConfirmForm(FlaskForm):
    """A bare POST with a CSRF token (accept, decline, withdraw, publish…)."""


class MoveForm(FlaskForm):
    """Staff move a meeting."""

    slot = IntegerField(_l("Slot"), validators=[Optional()])
    table = IntegerField(_l("Table"), validators=[Optional()])
    move = SubmitField(_l("Move"))


class InviteForm(FlaskForm):
    """From a held meeting: which need to invite the studio to bid on."""

    need_id = SelectField(_l("Need"), choices=[], coerce=str)
    invite = SubmitField(_l("Invite to bid"))
