"""The review queue: proposals explained, approved or rejected one by one or in bulk."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.access import role_required
from marketplace.models import Role
from marketplace.params import parse_id, safe_path
from marketplace.reference import INDUSTRY_CODES
from marketplace.services.audit import subjects
from marketplace.services.catalog import scenario_catalogue
from marketplace.services.common.service_errors import NotFound, ValidationFailed
from marketplace.services.reviews import decisions, proposals
from marketplace.staff import bp
from marketplace.staff.staff_forms import CsrfForm, parse_date
from marketplace.staff.staff_reauth import fresh_login_required, is_fresh


def _filters() -> proposals.QueueFilter:
    args = request.args
    industry = args.get("industry") or None
    fit = args.get("fit") or None
    verified = {"yes": True, "no": False}.get(args.get("verified", ""))
    if industry and industry not in INDUSTRY_CODES:
        abort(400, _("Unknown industry code: %(code)s", code=industry[:20]))
    if fit and fit not in proposals.PROPOSAL_FITS:
        abort(400, _("Fit level must be strong or good."))
    try:
        since = parse_date(args.get("since"))
    except ValueError as exc:
        abort(400, _("'New since' must be a date: %(why)s", why=str(exc)))
    source = (args.get("source") or "").strip() or None
    if source and ":" not in source:
        source = f"scenario:{source.upper()}"
    return proposals.QueueFilter(industry, source, fit, verified, since)


def _render(filters: proposals.QueueFilter, status: int = 200):
    queue_page = proposals.queue_page(filters)
    recent = decisions.recent(10)
    industries = scenario_catalogue.all_industries()
    page = render_template(
        "staff/review.html", proposals=queue_page.proposals, total=queue_page.total,
        filters=filters, by_industry=queue_page.by_industry, strong=queue_page.strong,
        reasons=decisions.REASONS, industries=industries, form=CsrfForm(),
        fresh=is_fresh(), recent=recent, withdrawable=decisions.withdrawable(recent),
        pairs=subjects.describe(f"{d.source_key}>{d.target_key}" for d in recent),
    )  # fmt: skip
    return page, status


@bp.get("/staff/review")
@role_required(Role.STAFF)
def queue():
    """Proposed matches waiting for a decision, explained in a reviewer's words."""
    return _render(_filters())


def _refused(exc: ValidationFailed):
    """The queue again, with why the decision was refused (409 when the proposal changed)."""
    flash("; ".join(exc.errors.values()), "error")
    status = 409 if isinstance(exc, decisions.StaleProposal) else 400
    return _render(proposals.QueueFilter(), status)


def _back():
    return redirect(safe_path(request.form.get("return_to"), "/staff/review")
                    or url_for("staff.queue"))


def _int(value: str | None, name: str) -> int:
    parsed = parse_id(value)
    if parsed is None:
        abort(400, _("%(name)s must be a number.", name=name))
    return parsed


@bp.post("/staff/review/decide")
@role_required(Role.STAFF)
@fresh_login_required
def decide():
    """Approve or reject one proposal with a reason code and a note."""
    form = CsrfForm()
    if not form.validate_on_submit():
        abort(400, _("The form expired; reload the page."))
    decision, _sep, reason = (request.form.get("reason") or "").partition(":")
    row_id = _int(request.form.get("row_id"), "row_id")
    choice = decisions.DecisionInput(
        token=request.form.get("token") or "", decision=decision, reason_code=reason,
        note=request.form.get("note") or "",
    )  # fmt: skip
    try:
        made = decisions.decide(current_user, row_id, choice)
    except NotFound as exc:
        abort(404, str(exc))
    except ValidationFailed as exc:
        return _refused(exc)
    flash(_("Approved: the studio and the other side will see it as commission-approved.")
          if made.decision == "approved" else _("Rejected: this pair will not be proposed "
                                                 "again unless either side changes."),
          "success")  # fmt: skip
    return _back()


@bp.post("/staff/review/bulk")
@role_required(Role.STAFF)
@fresh_login_required
def bulk():
    """Approve every ticked proposal (all or none: a changed one refuses the batch)."""
    form = CsrfForm()
    if not form.validate_on_submit():
        abort(400, _("The form expired; reload the page."))
    reason = request.form.get("reason") or "good-fit"
    choices = []
    for item in request.form.getlist("pick")[:500]:
        row_id, _sep, token = item.partition(":")
        choices.append(decisions.Choice(_int(row_id, "pick"), token, "approved", reason))
    try:
        made = decisions.decide_many(current_user, choices)
    except NotFound as exc:
        abort(404, str(exc))
    except ValidationFailed as exc:
        return _refused(exc)
    flash(_("%(n)s proposals approved.", n=len(made)), "success")
    return _back()


@bp.post("/staff/review/decisions/<int:decision_id>/withdraw")
@role_required(Role.STAFF)
@fresh_login_required
def withdraw(decision_id: int):
    """Take an approval or a rejection back (audited); a second withdrawal answers 409."""
    form = CsrfForm()
    if not form.validate_on_submit():
        abort(400, _("The form expired; reload the page."))
    try:
        decisions.withdraw(current_user, decision_id, request.form.get("note") or "")
    except NotFound as exc:
        abort(404, str(exc))
    except ValidationFailed as exc:
        return _refused(exc)
    flash(_("Decision withdrawn: the pair is undecided again and back in the queue."), "success")
    return _back()


@bp.post("/staff/review/approve-strong")
@role_required(Role.STAFF)
@fresh_login_required
def approve_strong():
    """Approve every strong proposal of one scenario or need, as counted on the page: all or
    none (a proposal that changed since, or a count that no longer matches, refuses them all)."""
    form = CsrfForm()
    if not form.validate_on_submit():
        abort(400, _("The form expired; reload the page."))
    picks = request.form.getlist("pick")[:500]
    expected = _int(request.form.get("count"), "count")
    if request.form.get("confirm") != "yes":
        flash(_("Tick the box to confirm approving %(n)s proposals.", n=expected), "error")
        return _render(proposals.QueueFilter(), 400)
    choices = []
    for item in picks:
        row_id, _sep, token = item.partition(":")
        choices.append(decisions.Choice(_int(row_id, "pick"), token, "approved", "good-fit"))
    if len(choices) != expected:
        return _refused(decisions.StaleProposal({"proposal": _(
            "The number of proposals changed since you loaded the page; reload it.")}))
    try:
        made = decisions.decide_many(current_user, choices)
    except NotFound as exc:
        abort(404, str(exc))
    except ValidationFailed as exc:
        return _refused(exc)
    flash(_("%(n)s proposals approved.", n=len(made)), "success")
    return _back()
