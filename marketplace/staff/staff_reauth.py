"""Recent-login checks for staff decisions, and audit rows for logins and access denials."""

from __future__ import annotations

import time
from functools import wraps

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, user_logged_in
from flask_wtf import FlaskForm
from wtforms import PasswordField

from marketplace.access import role_required
from marketplace.models import Role
from marketplace.params import safe_path
from marketplace.services.accounts.accounts import authenticate
from marketplace.services.audit import trail
from marketplace.staff import bp

SEEN_KEY = "staff_seen_at"
DEFAULT_IDLE_S = 15 * 60


def idle_limit() -> int:
    """Seconds of staff inactivity after which a decision asks for the password again."""
    return int(current_app.config.get("STAFF_REAUTH_IDLE_S", DEFAULT_IDLE_S))


def is_fresh() -> bool:
    """True when this staff session was active (or logged in) within the idle limit."""
    seen = session.get(SEEN_KEY)
    return isinstance(seen, int | float) and time.time() - seen <= idle_limit()


def mark_fresh() -> None:
    """Note activity now (after a login, a re-entered password or any fresh staff request)."""
    session[SEEN_KEY] = time.time()


def _safe_next(target: str | None) -> str:
    return safe_path(target) or url_for("staff.queue")


def fresh_login_required(view):
    """Decisions need a recent login: after 15 minutes idle, re-enter the password first."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not is_fresh():
            flash(_("You were idle for a while: enter your password again, then repeat the "
                    "decision."), "warning")  # fmt: skip
            back = request.referrer or ""
            path = back.split(request.host, 1)[-1] if request.host in back else None
            return redirect(url_for("staff.reauth", next=_safe_next(path)))
        mark_fresh()
        return view(*args, **kwargs)

    return wrapped


@bp.before_app_request
def _keep_fresh() -> None:
    """Staff activity while fresh keeps the session fresh; idle ones stay stale."""
    if current_user.is_authenticated and current_user.is_staff and is_fresh():
        mark_fresh()


@user_logged_in.connect
def _on_login(_app, user, **_extra) -> None:
    mark_fresh()
    if request.endpoint in ("auth.login", "auth.login_code"):
        trail.record_quietly("login", subject=f"user:{user.id}", actor=user)


@bp.after_app_request
def _audit_denials(response):
    """403 answers are audited, aggregated per actor and window (see audit.record_denial)."""
    if response.status_code == 403:
        trail.record_denial(request.path, request.method)
    return response


class ReauthForm(FlaskForm):
    """Re-enter the password."""

    password = PasswordField()


@bp.route("/staff/reauth", methods=["GET", "POST"])
@role_required(Role.STAFF)
def reauth():
    """Ask a staff member who was idle for their password again."""
    form = ReauthForm()
    target = _safe_next(request.args.get("next"))
    if form.validate_on_submit():
        if authenticate(current_user.email, form.password.data or "") is not None:
            mark_fresh()
            return redirect(target)
        trail.record_quietly("login-failed", subject=f"user:{current_user.id}", note="re-auth")
        form.password.errors = [_("That is not your password.")]
    status = 400 if form.errors else 200
    return render_template("staff/reauth.html", form=form), status
