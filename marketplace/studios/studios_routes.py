"""Routes for the directory, studio pages, a studio's own profile and dashboard, and interests."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace import policies
from marketplace.access import PUBLIC, role_required
from marketplace.catalog import localize
from marketplace.models import Role
from marketplace.needs import need_panels
from marketplace.pagecache import cached_for_visitors
from marketplace.params import choice_arg, code_arg, flag_arg, page_arg
from marketplace.reference import DISCIPLINE_CODES, INDUSTRY_CODES, districts
from marketplace.services.catalog import scenario_catalogue
from marketplace.services.catalog.cache import directory_version
from marketplace.services.common.service_errors import ValidationFailed
from marketplace.services.engagements import ratings
from marketplace.services.matching import recommendations
from marketplace.services.needs import leads
from marketplace.services.reviews import verdicts
from marketplace.services.studios import (
    interests,
    studio_portfolio,
    studio_profiles,
    studio_verification,
)
from marketplace.services.studios.studio_page_version import studio_page_version
from marketplace.studios import bp
from marketplace.studios.studios_forms import ConfirmForm, InterestForm, ProfileForm, VerifyForm


def own_studio():
    """The logged-in studio account's studio (404 if the account has none)."""
    return studio_profiles.studio_of(current_user)


def flash_leftovers(messages: list[str]) -> None:
    """Show service messages that belong to no form field."""
    for message in messages:
        flash(message, "error")


# ---------------------------------------------------------------- public pages


@bp.get("/studios")
@role_required(PUBLIC)
@cached_for_visitors(directory_version)
def directory():
    """The studio directory: filter by industry, discipline, district, accreditation, verified."""
    filters = studio_profiles.DirectoryFilters(
        industry=code_arg("industry", INDUSTRY_CODES, "industry code"),
        discipline=code_arg("discipline", DISCIPLINE_CODES, "discipline code"),
        district=code_arg("district", districts(), "district"),
        accreditation=choice_arg("accreditation", studio_profiles.ACCREDITATION_FILTERS, ""),
        verified_only=flag_arg("verified"),
        sort=choice_arg("sort", studio_profiles.SORTS, "name"),
    )
    page = studio_profiles.directory(
        filters, page=page_arg(), per_page=current_app.config["PAGE_SIZE"],
        chinese=localize.reads_chinese(),
    )
    return render_template(
        "studios/directory.html",
        page=page,
        filters=filters,
        industries=scenario_catalogue.all_industries(),
        disciplines=scenario_catalogue.all_disciplines(),
        districts=sorted(districts().values(), key=lambda r: (r["code"] == "outside", r["name"])),
        levels=studio_profiles.LEVEL_LABELS,
    )


@bp.get("/studios/<int:studio_id>")
@role_required(PUBLIC)
@cached_for_visitors(studio_page_version)
def detail(studio_id: int):
    """A studio's public page: profile, accreditation, portfolio; contacts for those allowed."""
    studio = studio_profiles.visible_studio(studio_id, current_user)
    is_staff = current_user.is_authenticated and current_user.role == Role.STAFF
    return render_template(
        "studios/detail.html",
        studio=studio,
        show_contacts=studio_profiles.can_see_contacts(studio, current_user),
        is_own=studio_profiles.is_member(studio, current_user),
        listed=studio_profiles.in_directory(studio),
        levels=studio_profiles.LEVEL_LABELS,
        client_kinds=studio_portfolio.CLIENT_KINDS,
        verify_form=VerifyForm(claim=studio_verification.claim_token(studio)) if is_staff else None,
        unverify_form=ConfirmForm() if is_staff else None,
        approved_for=verdicts.approved_scenarios(studio.id),
        ratings=_ratings(studio.id),
        can_take=leads.scenarios_of_studio(studio.id),
        show_other=flag_arg("other"),
    )


def _ratings(studio_id: int) -> dict:
    """A studio's revealed ratings (average shown from 3 on) and comments."""
    summary = ratings.studio_summary(studio_id)
    return {"summary": summary,
            "comments": ratings.studio_comments(studio_id) if summary.shown else []}  # fmt: skip


@bp.get("/studios/<int:studio_id>/portfolio/<int:item_id>/image")
@role_required(PUBLIC)
def image(studio_id: int, item_id: int):
    """A portfolio image, served as an image only (never sniffed as anything else)."""
    item, path = studio_portfolio.item_image(studio_id, item_id, current_user)
    ext = path.suffix
    response = send_file(path, mimetype=item.image_mime, max_age=3600, conditional=True, etag=True)
    response.headers["Content-Disposition"] = f'inline; filename="portfolio-{item.id}{ext}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# ---------------------------------------------------------------- the studio's own pages


@bp.get("/studio/dashboard")
@role_required(Role.STUDIO)
def dashboard():
    """The studio's home: listing status, profile, portfolio and the scenarios it can take on."""
    studio = own_studio()
    return render_template(
        "studios/dashboard.html",
        studio=studio,
        listed=studio_profiles.in_directory(studio),
        interests=interests.of_studio(studio.id),
        recommended=recommendations.scenarios_for_studio(studio),
        sn=need_panels.studio_needs(studio.id),
        levels=studio_profiles.LEVEL_LABELS,
        withdraw_form=ConfirmForm(return_to="dashboard"),
    )


@bp.route("/studio/profile", methods=["GET", "POST"])
@role_required(Role.STUDIO)
def profile():
    """Edit the studio's profile; bad input re-renders the form (400) with everything kept."""
    studio = own_studio()
    industries, disciplines = (
        scenario_catalogue.all_industries(),
        scenario_catalogue.all_disciplines(),
    )
    form = ProfileForm(
        obj=studio if request.method == "GET" else None,
        industries=industries,
        disciplines=disciplines,
    )
    suggested = recommendations.tag_suggestions(studio)
    fields = {"industries": form.industry_codes, "disciplines": form.discipline_codes}
    if request.method == "GET" and flag_arg("suggested"):  # the "Tick the suggestions" link
        for facet, f in fields.items():
            f.data = [*(f.data or []), *(code for code, _score in suggested[facet])]
        flash(_("The suggested tags are ticked below; save your profile to keep them."), "info")
    if form.validate_on_submit():
        try:
            studio_profiles.update_profile(current_user, studio.id, form.to_input())
        except ValidationFailed as exc:
            flash_leftovers(form.apply(exc.errors))
        else:
            flash(_("Profile saved."), "success")
            return redirect(url_for("studios.dashboard"))
    status = 400 if form.errors else 200
    pending = {  # suggestions not ticked on the form as shown
        facet: [code for code, _score in suggested[facet] if code not in (f.data or [])]
        for facet, f in fields.items()
    }
    labels = {x.code: x.name for x in (*industries, *disciplines)}
    return render_template(
        "studios/profile_form.html",
        form=form,
        studio=studio,
        suggested=pending,
        labels=labels,
        levels=studio_profiles.LEVEL_LABELS,
    ), status


# ---------------------------------------------------------------- interest in scenarios


def _back(return_to: str | None, code: str):
    if return_to == "dashboard":
        return redirect(url_for("studios.dashboard"))
    return redirect(url_for("catalog.scenario", code=code.upper()))


@bp.post("/scenarios/<code>/interest")
@role_required(Role.STUDIO)
def express_interest(code: str):
    """'We can take this on' for a scenario (again: replaces the note)."""
    own_studio()
    form = InterestForm()
    if form.validate_on_submit():
        try:
            interests.express(current_user, code, form.note.data)
        except ValidationFailed as exc:
            flash_leftovers(form.apply(exc.errors))
        else:
            flash(_("Noted: your studio can take this scenario on."), "success")
            return _back(form.return_to.data, code)
    panel = interests.panel(code, current_user)
    return render_template(
        "catalog/scenario.html", scenario=panel.scenario, interest=panel, interest_form=form,
        lead_data=need_panels.scenario_leads(policies.actor_of(current_user), panel.scenario),
    ), 400


@bp.post("/scenarios/<code>/interest/withdraw")
@role_required(Role.STUDIO)
def withdraw_interest(code: str):
    """Undo the studio's interest in a scenario."""
    own_studio()
    form = ConfirmForm()
    if form.validate_on_submit():
        if interests.withdraw(current_user, code):
            flash(_("Your interest in this scenario was withdrawn."), "info")
        else:
            flash(_("Your studio had not marked this scenario."), "info")
    return _back(form.return_to.data, code)
