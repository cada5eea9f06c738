"""Forms for registration, login, logout and password changes."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length

from marketplace.services.accounts.accounts import MAX_PASSWORD, MIN_PASSWORD

PASSWORD_HINT = f"At least {MIN_PASSWORD} characters. A short sentence is easy to remember."
PASSWORD_LENGTH = Length(
    min=MIN_PASSWORD,
    max=MAX_PASSWORD,
    message=f"Use at least {MIN_PASSWORD} characters (and at most {MAX_PASSWORD}).",
)


class RegisterForm(FlaskForm):
    """Self-service registration for studios and manufacturers."""

    role = RadioField(
        "I am registering",
        choices=[
            SelectChoice("studio", "a design studio or industrial design centre"),
            SelectChoice("manufacturer", "a manufacturer looking for design"),
        ],
        validators=[DataRequired(message="Choose studio or manufacturer.")],
    )
    organisation_name = StringField(
        "Organisation name", validators=[DataRequired(), Length(min=2, max=200)]
    )
    email = StringField("Work email", validators=[DataRequired(), Length(max=254)])
    password = PasswordField(
        "Password",
        description=PASSWORD_HINT,
        validators=[DataRequired(), PASSWORD_LENGTH],
    )
    confirm = PasswordField(
        "Repeat password",
        validators=[DataRequired(), EqualTo("password", message="The two passwords differ.")],
    )


class LoginForm(FlaskForm):
    """Email and password."""

    email = StringField("Email", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=MAX_PASSWORD)])
    remember = BooleanField("Keep me logged in on this computer")


class LogoutForm(FlaskForm):
    """A CSRF-protected POST that ends every session of the account."""


class ChangePasswordForm(FlaskForm):
    """Change password; ends every other session."""

    current_password = PasswordField("Current password", validators=[DataRequired()])
    new_password = PasswordField(
        "New password",
        description=PASSWORD_HINT,
        validators=[DataRequired(), PASSWORD_LENGTH],
    )
    confirm = PasswordField(
        "Repeat new password",
        validators=[DataRequired(), EqualTo("new_password", message="The two passwords differ.")],
    )
