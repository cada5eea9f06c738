"""Forms for registration, login, logout and password changes."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length

from marketplace.services.accounts.accounts import MAX_PASSWORD, MIN_PASSWORD

PASSWORD_HINT = _l(
    "At least %(min)d characters. A short sentence is easy to remember.", min=MIN_PASSWORD
)
PASSWORD_LENGTH = Length(
    min=MIN_PASSWORD,
    max=MAX_PASSWORD,
    message=_l(
        "Use at least %(min)d characters (and at most %(max)d).", min=MIN_PASSWORD, max=MAX_PASSWORD
    ),
)


class RegisterForm(FlaskForm):
    """Self-service registration for studios and manufacturers."""

    role = RadioField(
        _l("I am registering"),
        choices=[
            SelectChoice("studio", _l("a design studio or industrial design centre")),
            SelectChoice("manufacturer", _l("a manufacturer looking for design")),
        ],
        validators=[DataRequired(message=_l("Choose studio or manufacturer."))],
    )
    organisation_name = StringField(
        _l("Organisation name"),
        validators=[DataRequired(), Length(min=2, max=200, message=_l("Use 2 to 200 characters."))],
    )
    email = StringField(_l("Work email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(
        _l("Password"),
        description=PASSWORD_HINT,
        validators=[DataRequired(), PASSWORD_LENGTH],
    )
    confirm = PasswordField(
        _l("Repeat password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The two passwords differ."))],
    )


class LoginForm(FlaskForm):
    """Email and password."""

    email = StringField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=MAX_PASSWORD)])
    remember = BooleanField(_l("Keep me logged in on this computer"))


class LoginCodeForm(FlaskForm):
    """The one-time code e-mailed after many failed logins on the account."""

    code = StringField(_l("Code from the e-mail"), validators=[DataRequired()],
                       render_kw={"inputmode": "numeric", "autocomplete": "one-time-code"})


class LogoutForm(FlaskForm):
    """A CSRF-protected POST that ends every session of the account."""


class ChangePasswordForm(FlaskForm):
    """Change password; ends every other session."""

    current_password = PasswordField(_l("Current password"), validators=[DataRequired()])
    new_password = PasswordField(
        _l("New password"),
        description=PASSWORD_HINT,
        validators=[DataRequired(), PASSWORD_LENGTH],
    )
    confirm = PasswordField(
        _l("Repeat new password"),
        validators=[
            DataRequired(),
            EqualTo("new_password", message=_l("The two passwords differ.")),
        ],
    )
