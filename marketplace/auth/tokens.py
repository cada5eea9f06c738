"""API tokens on the account page: create (the secret is shown once) and revoke."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from marketplace.access import ANY_ROLE, role_required
from marketplace.auth import bp
from marketplace.auth.auth_forms import ChangePasswordForm
from marketplace.services.accounts import personal_tokens
from marketplace.services.common.service_errors import ValidationFailed


class TokenForm(FlaskForm):
    """Name a new API token."""

    name = StringField(
        _l("Token name"), validators=[DataRequired(), Length(max=personal_tokens.NAME_MAX)],
        description=_l("What will use it, e.g. 'procurement system'."),
    )  # fmt: skip


class RevokeForm(FlaskForm):
    """Confirm revoking a token (CSRF only)."""


def token_panel() -> dict:
    """The account page's token forms (the view passes the token list)."""
    return {"token_form": TokenForm, "revoke_form": RevokeForm}


@bp.post("/account/tokens")
@role_required(ANY_ROLE)
def create_token():
    """Create a token and show its secret on this response only (never stored in clear)."""
    form = TokenForm()
    secret = None
    if form.validate_on_submit():
        try:
            _token, secret = personal_tokens.create(
                current_user._get_current_object(), form.name.data
            )
        except ValidationFailed as exc:
            form.name.errors = [*form.name.errors, *exc.errors.values()]
    status = 200 if secret else 400
    page = render_template(
        "auth/account.html", form=ChangePasswordForm(formdata=None), new_token=secret,
        new_token_form=form, api_tokens=personal_tokens.own_tokens(current_user.id),
    )  # fmt: skip
    return page, status


@bp.post("/account/tokens/<int:token_id>/revoke")
@role_required(ANY_ROLE)
def revoke_token(token_id: int):
    """Revoke one of one's own tokens (another account's is a 404)."""
    if not RevokeForm().validate_on_submit():
        flash(_("The form expired; please try again."), "error")
        return redirect(url_for("auth.account"))
    personal_tokens.revoke(current_user.id, token_id)
    flash(_("Token revoked: programs using it can no longer reach the API."), "success")
    return redirect(url_for("auth.account"))
