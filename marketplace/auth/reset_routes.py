"""Password reset: ask for a link by e-mail, then choose a new password with it."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from marketplace.access import PUBLIC, role_required
from marketplace.auth import bp
from marketplace.extensions import limiter
from marketplace.services.accounts import password_reset
from marketplace.services.accounts.accounts import MAX_PASSWORD, MIN_PASSWORD
from marketplace.services.common.service_errors import ValidationFailed


class ForgotPasswordForm(FlaskForm):
    """The account's e-mail address."""

    email = StringField(_l("Email"), validators=[DataRequired(), Length(max=254)])


class ResetPasswordForm(FlaskForm):
    """A new password, twice."""

    password = PasswordField(
        _l("New password"),
        validators=[DataRequired(), Length(min=MIN_PASSWORD, max=MAX_PASSWORD)],
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
    )


def _reset_limit() -> str:
    return current_app.config["RESET_RATE_LIMIT"]


def _asked_email() -> str:
    return "reset-email:" + (request.form.get("email") or "").strip().lower()[:254]


@bp.route("/forgot-password", methods=["GET", "POST"])
@role_required(PUBLIC)
@limiter.limit(_reset_limit, methods=["POST"])
@limiter.limit(_reset_limit, key_func=_asked_email, methods=["POST"])
def forgot_password():
    """Ask for a reset link; the answer is the same whether or not the address has an account."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        try:
            password_reset.request_reset(form.email.data)
        except ValidationFailed as exc:
            form.email.errors = [*form.email.errors, *exc.errors.values()]
        else:
            flash(
                _("If an account uses that address, a reset link is on its way. "
                  "It works once, for a limited time."),
                "info",
            )  # fmt: skip
            return redirect(url_for("auth.login"))
    status = 400 if form.errors else 200
    return render_template("auth/forgot_password.html", form=form), status


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
@role_required(PUBLIC)
@limiter.limit(_reset_limit, methods=["POST"])
def reset_password(token: str):
    """Choose a new password with a valid link; a used or expired link says so."""
    if current_user.is_authenticated:
        flash(_("You are logged in; change your password on your account page."), "info")
        return redirect(url_for("auth.account"))
    try:
        password_reset.user_for_token(token)
    except ValidationFailed as exc:
        return render_template("auth/reset_invalid.html", message=exc.errors["token"]), 400
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            password_reset.reset_password(token, form.password.data)
        except ValidationFailed as exc:
            if "token" in exc.errors:
                message = exc.errors["token"]
                return render_template("auth/reset_invalid.html", message=message), 400
            form.password.errors = [*form.password.errors, *exc.errors.values()]
        else:
            flash(_("Your password was changed. Log in with the new one."), "success")
            return redirect(url_for("auth.login"))
    status = 400 if form.errors else 200
    return render_template("auth/reset_password.html", form=form), status
