"""Forms for a bid and for the manufacturer's decisions (field rules live in the service)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, TextAreaField
from wtforms.validators import InputRequired, Optional

from marketplace.formfields import BoundedIntegerField


class BidForm(FlaskForm):
    """Approach, price in CNY, duration in weeks, team, optional PDF."""

    approach = TextAreaField(_l("Approach"), description=_l("How you would tackle the brief."))
    price = BoundedIntegerField(
        _l("Price (CNY, incl. tax)"),
        validators=[InputRequired(_l("Give a price in CNY."))], minimum=1,
    )
    duration_weeks = BoundedIntegerField(
        _l("Duration (weeks)"),
        validators=[InputRequired(_l("Give a duration in weeks."))], minimum=1, maximum=260,
    )
    team = TextAreaField(_l("Team"), description=_l("Who would work on it."))
    attachment = FileField(_l("Attachment (PDF, optional)"))
    remove_attachment = BooleanField(_l("Remove the current attachment"), validators=[Optional()])


class ConfirmForm(FlaskForm):
    """A bare POST with a CSRF token (withdraw, shortlist)."""
