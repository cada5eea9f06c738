"""Routes for registration, login, logout and the account page."""

from __future__ import annotations

import logging
import secrets
import time

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from marketplace.access import ANY_ROLE, PUBLIC, role_required
from marketplace.auth import bp
from marketplace.auth.auth_forms import (
    ChangePasswordForm,
    LoginCodeForm,
    LoginForm,
    LogoutForm,
    RegisterForm,
)
from marketplace.extensions import limiter
from marketplace.params import safe_path
from marketplace.services.accounts import accounts, login_codes, login_throttle, personal_tokens
from marketplace.services.audit import trail
from marketplace.services.common.service_errors import ValidationFailed

log = logging.getLogger(__name__)


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _register_limit() -> str:
    return current_app.config["REGISTER_RATE_LIMIT"]


def _apply_errors(form, error: ValidationFailed) -> None:
    for name, message in error.errors.items():
        field = getattr(form, name, None)
        if field is not None:
            field.errors = [*field.errors, message]
        else:
            flash(message, "error")


@bp.route("/register", methods=["GET", "POST"])
@role_required(PUBLIC)
@limiter.limit(_register_limit, methods=["POST"])
def register():
    """Register a studio or manufacturer account and log it in."""
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.home"))
    form = RegisterForm()
    if request.method == "GET" and request.args.get("role") in {"studio", "manufacturer"}:
        form.role.data = request.args["role"]
    if form.validate_on_submit():
        try:
            user = accounts.register(
                form.role.data, form.organisation_name.data, form.email.data, form.password.data
            )
        except ValidationFailed as exc:
            _apply_errors(form, exc)
        else:
            login_user(user)
            flash(
                _("Welcome, %(name)s. Your account is ready.", name=user.organisation_name),
                "success",
            )
            return redirect(url_for("dashboard.home"))
    status = 400 if form.errors else 200
    return render_template("auth/register.html", form=form), status


@bp.route("/login", methods=["GET", "POST"])
@role_required(PUBLIC)
@limiter.limit(_login_limit, methods=["POST"])
def login():
    """Log in with email and password; guessing addresses are refused (see accounts.throttle)."""
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.home"))
    form = LoginForm()
    if form.validate_on_submit():
        email, address = form.email.data or "", request.remote_addr
        blocked = login_throttle.check(email, address)
        if blocked is not None:
            return _refused(form, blocked)
        guarded = login_codes.code_required(email)
        user = accounts.authenticate(email, form.password.data)
        if user is None:
            subject = f"login-email:{email.strip().lower()[:100]}"
            trail.record_quietly("login-failed", subject=subject)
            login_throttle.record_failure(email, address)
            login_codes.record_failure(email)
            if guarded:  # the same answer as a right password: guessing learns nothing
                return _ask_for_code(None, form.remember.data)
            form.password.errors = [_("Email or password is not right.")]
        elif user.is_suspended:
            trail.record_quietly("login-refused", subject=f"user:{user.id}", actor=user)
            form.password.errors = [_("This account is suspended by the commission.")]
        elif guarded:
            return _ask_for_code(user, form.remember.data)
        else:
            login_throttle.record_success(email, address)
            login_user(user, remember=form.remember.data)
            return redirect(safe_path(request.args.get("next")) or url_for("dashboard.home"))
    status = 400 if form.errors else 200
    return render_template("auth/login.html", form=form), status


PENDING_KEY = "login_code"


def _ask_for_code(user, remember: bool):
    """Too many failures on this account: e-mail a code (only when the password was right) and
    send the browser to the code page; a wrong password gets the same page and a dead code."""
    if user is not None:
        pending = login_codes.send_code(user)
    else:
        pending = login_codes.Pending(0, secrets.token_hex(32), int(time.time()))
    session[PENDING_KEY] = {
        "user_id": pending.user_id, "mac": pending.mac, "issued": pending.issued, "tries": 0,
        "remember": bool(remember), "next": safe_path(request.args.get("next")),
    }  # fmt: skip
    return redirect(url_for("auth.login_code")), 303


@bp.route("/login/code", methods=["GET", "POST"])
@role_required(PUBLIC)
@limiter.limit(_login_limit, methods=["POST"])
def login_code():
    """The second step after many failed logins on an account: the code e-mailed to it."""
    state = session.get(PENDING_KEY)
    if not isinstance(state, dict):
        flash(_("Log in with your e-mail address and password first."), "info")
        return redirect(url_for("auth.login"))
    form = LoginCodeForm()
    if form.validate_on_submit():
        pending = login_codes.Pending(state["user_id"], state["mac"], state["issued"])
        user = login_codes.check_code(pending, form.code.data or "")
        if user is not None and not user.is_suspended:
            session.pop(PENDING_KEY, None)
            login_user(user, remember=state.get("remember", False))
            return redirect(state.get("next") or url_for("dashboard.home"))
        state["tries"] = int(state.get("tries", 0)) + 1
        trail.record_quietly("login-code-failed", subject=f"user:{state['user_id']}")
        if state["tries"] >= login_codes.CODE_TRIES:
            session.pop(PENDING_KEY, None)
            flash(_("Too many wrong codes. Log in again to get a new code."), "error")
            return redirect(url_for("auth.login"))
        session[PENDING_KEY] = state
        form.code.errors = [_("That code is not right or has expired.")]
    status = 400 if form.errors else 200
    minutes = int(current_app.config.get("LOGIN_CODE_MAX_AGE", 600)) // 60
    return render_template("auth/login_code.html", form=form, minutes=minutes), status


def _refused(form, blocked: login_throttle.Blocked):
    """429 with the login form, a message saying how long to wait, and Retry-After."""
    minutes = max(1, -(-blocked.retry_after // 60))
    flash(
        _(
            "Too many failed logins from your connection. Wait %(minutes)d minutes, "
            "then try again (or log in from another connection).",
            minutes=minutes,
        ),
        "error",
    )
    log.warning("login refused: too many failures per %s", blocked.scope)
    html = render_template("auth/login.html", form=form)
    return html, 429, {"Retry-After": str(blocked.retry_after)}


@bp.post("/logout")
@role_required(ANY_ROLE)
def logout():
    """Log out everywhere: every copy of this account's session stops working."""
    form = LogoutForm()
    if form.validate_on_submit():
        trail.record_quietly("logout", subject=f"user:{current_user.id}")
        accounts.end_all_sessions(current_user._get_current_object())
        logout_user()
        flash(_("You are logged out."), "info")
    return redirect(url_for("catalog.home"))


@bp.route("/account", methods=["GET", "POST"])
@role_required(ANY_ROLE)
def account():
    """The account page: who you are, and a password change."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            accounts.change_password(user, form.current_password.data, form.new_password.data)
        except ValidationFailed as exc:
            _apply_errors(form, exc)
        else:
            login_user(user)  # this browser stays in with the new session version
            flash(_("Password changed. Every other session of this account has ended."), "success")
            return redirect(url_for("auth.account"))
    status = 400 if form.errors else 200
    page = render_template(
        "auth/account.html", form=form, api_tokens=personal_tokens.own_tokens(current_user.id)
    )
    return page, status
