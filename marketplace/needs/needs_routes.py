"""Public need pages and a manufacturer's own needs: list, detail, post, edit, submit, close."""

from __future__ import annotations

from datetime import datetime, time

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace import policies
from marketplace.access import PUBLIC, role_required
from marketplace.models import Role
from marketplace.models._types import utcnow
from marketplace.needs import bp, need_panels
from marketplace.needs.needs_forms import (
    AnswerForm,
    AttachmentForm,
    ConfirmForm,
    InviteForm,
    NeedForm,
    QuestionForm,
)
from marketplace.params import choice_arg, code_arg, day_arg, flag_arg, int_arg, page_arg
from marketplace.reference import DISCIPLINE_CODES, INDUSTRY_CODES
from marketplace.services.catalog import scenario_catalogue
from marketplace.services.common.service_errors import NotFound, ValidationFailed
from marketplace.services.companies import company_profiles
from marketplace.services.engagements import onboarding
from marketplace.services.matching import need_matches
from marketplace.services.needs import (
    invitations,
    lifecycle,
    listing,
    need_attachments,
    need_times,
    questions,
)


def _date_arg(name: str) -> datetime | None:
    day = day_arg(name)
    return need_times.shanghai_to_utc(datetime.combine(day, time(23, 59, 59))) if day else None


def visible_need(need_id: int):
    """The need if the viewer may see it; a 404 otherwise (a draft looks like a missing need)."""
    return lifecycle.visible_need(current_user, need_id)


@bp.get("/needs")
@role_required(PUBLIC)
def index():
    """Published needs open for bids, filtered by industry, discipline, budget and deadline."""
    filters = listing.NeedFilters(
        industry=code_arg("industry", INDUSTRY_CODES, "industry code"),
        discipline=code_arg("discipline", DISCIPLINE_CODES, "discipline code"),
        budget_from=int_arg("budget_from", 0, lifecycle.BUDGET_MAX),
        budget_to=int_arg("budget_to", 0, lifecycle.BUDGET_MAX),
        deadline_before=_date_arg("deadline_before"),
        q=(request.args.get("q") or "").strip()[:200] or None,
        open_only=not flag_arg("all"),
        sort=choice_arg("sort", listing.SORTS, "deadline"),
    )
    page = listing.public_needs(filters, page=page_arg())
    return render_template(
        "needs/index.html", page=page, filters=filters,
        industries=scenario_catalogue.all_industries(),
        disciplines=scenario_catalogue.all_disciplines(), fmt=need_times.format_shanghai,
    )  # fmt: skip


@bp.get("/needs/<int:need_id>")
@role_required(PUBLIC)
def detail(need_id: int):
    """A need: the brief, answered questions; its owner and staff also see the studios that fit."""
    return detail_page(visible_need(need_id))


def detail_page(need, status: int = 200, **forms):
    """The need page (also re-rendered with a 4xx and the failed form after bad input)."""
    actor = policies.actor_of(current_user)
    show_matches = policies.can_view_need_matches(actor, need)
    own_questions = (
        questions.own_unanswered(need.id, actor.studio_id) if actor.is_studio else []
    )
    shown_forms = {
        "question_form": QuestionForm(formdata=None), "answer_form": AnswerForm(formdata=None),
        "confirm_form": ConfirmForm(formdata=None), "invite_form": InviteForm(formdata=None),
        "attachment_form": AttachmentForm(formdata=None),
    } | forms  # fmt: skip
    fits = need_matches.studios_for_need(need) if show_matches else None
    company = company_profiles.company_of(need.manufacturer_id) if need.manufacturer_id else None
    return render_template(
        "needs/detail.html", need=need, actor=actor, policies=policies,
        fmt=need_times.format_shanghai, attachments=need_attachments.of_need(need.id),
        answered=questions.answered(need.id), own_questions=own_questions,
        unanswered=(questions.unanswered(need.id)
                    if policies.can_view_unanswered(actor, need) else []),
        bid_count=listing.active_bid_count(need.id),
        fits=fits, invited=invitations.invited_studio_ids(need.id) if show_matches else set(),
        registered=(onboarding.registered_studio_ids([fit.target.id for fit in fits.fits])
                    if fits is not None else set()),
        company_verified=bool(company and company.is_verified),
        bid_panel=need_panels.bid_panel(actor, need),
        bidding_open=need.bidding_open(utcnow()), show_other=flag_arg("other"), **shown_forms,
    ), status  # fmt: skip


def refused(need_id: int, exc: ValidationFailed, status: int = 409):
    """Re-render a need's page with the service's messages and a 4xx."""
    for message in exc.errors.values():
        flash(message, "error")
    return detail_page(visible_need(need_id), status)


def _form(need=None) -> NeedForm:
    form = NeedForm(
        industries=scenario_catalogue.all_industries(),
        disciplines=scenario_catalogue.all_disciplines(),
        scenarios=listing.scenario_choices(),
    )  # fmt: skip
    if request.method == "GET":
        if need is not None:
            form.fill_from(need)
        elif code := (request.args.get("scenario") or "").strip().upper():
            form.scenario_code.data = code
    return form


def _suggest(form: NeedForm) -> None:
    """Tick the disciplines (and industry) the matcher predicts from the text."""
    text = f"{form.title.data or ''}{form.description.data or ''}"
    if len(text) > need_matches.SUGGEST_MAX_CHARS:
        flash(_("Only the first %(n)d characters were read for the suggestions.",
                n=need_matches.SUGGEST_MAX_CHARS), "info")  # fmt: skip
    tags = need_matches.suggest_tags(form.title.data or "", form.description.data or "")
    codes = [code for code, _p in tags.get("disciplines", [])]
    form.discipline_codes.data = list(dict.fromkeys([*(form.discipline_codes.data or []), *codes]))
    if not form.industry_code.data and tags.get("industries"):
        form.industry_code.data = tags["industries"][0][0]
    flash(_("Suggested disciplines are ticked below; change them as you like, then save."), "info")


def _edit(need=None):
    form = _form(need)
    if request.method == "POST" and form.validate_on_submit():
        if form.suggest.data:
            _suggest(form)
            return render_template("needs/form.html", form=form, need=need)
        try:
            data = form.to_input()
            if need is None:
                saved = lifecycle.create_draft(current_user, data)
            else:
                saved = lifecycle.update(current_user, need.id, data)
        except ValidationFailed as exc:
            for message in form.apply(exc.errors):
                flash(message, "error")
        else:
            if need is not None and need.version != saved.version:
                flash(_("Saved. The need goes back to the commission for review; bidders were "
                        "told it changed."), "success")  # fmt: skip
            else:
                flash(_("Need saved."), "success")
            return redirect(url_for("needs.detail", need_id=saved.id))
    status = 400 if form.errors else 200
    return render_template("needs/form.html", form=form, need=need), status


@bp.route("/needs/new", methods=["GET", "POST"])
@role_required(Role.MANUFACTURER)
def new():
    """Post a need (saved as a draft; submitted for review from its page)."""
    return _edit()


@bp.route("/needs/<int:need_id>/edit", methods=["GET", "POST"])
@role_required(Role.MANUFACTURER)
def edit(need_id: int):
    """Edit one's own need (another's is a 404; a closed one is refused)."""
    need = visible_need(need_id)
    actor = policies.actor_of(current_user)
    if not policies.owns_need(actor, need):
        raise NotFound(_("No such need."))
    if not policies.can_edit_need(actor, need):
        message = _(
            "A need that is %(status)s cannot be edited.", status=lifecycle.status_word(need.status)
        )
        if request.method == "POST":
            return refused(need.id, ValidationFailed({"status": message}))
        flash(message, "error")
        return redirect(url_for("needs.detail", need_id=need.id))
    return _edit(need)


def _step(need_id: int, action, done: str):
    if not ConfirmForm().validate_on_submit():
        abort(400, description=_("The form expired; please try again."))
    try:
        action(current_user, need_id)
    except ValidationFailed as exc:
        return refused(need_id, exc)
    flash(done, "success")
    return redirect(url_for("needs.detail", need_id=need_id))


@bp.post("/needs/<int:need_id>/submit")
@role_required(Role.MANUFACTURER)
def submit(need_id: int):
    """Send one's own draft or returned need for review."""
    return _step(need_id, lifecycle.submit, _("Submitted: the commission reviews it before it is "
                                          "published."))  # fmt: skip


@bp.post("/needs/<int:need_id>/close")
@role_required(Role.MANUFACTURER)
def close(need_id: int):
    """Close one's own published need without an award."""
    return _step(need_id, lifecycle.close, _("The need is closed; no more bids are accepted."))


@bp.get("/manufacturer/needs")
@role_required(Role.MANUFACTURER)
def mine():
    """The manufacturer's needs with their states, bids and questions."""
    return render_template(
        "needs/mine.html", rows=listing.own_needs(current_user.id), fmt=need_times.format_shanghai,
        now=utcnow(),
    )
