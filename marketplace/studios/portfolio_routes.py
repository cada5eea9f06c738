"""Routes for a studio's own portfolio; every item is looked up within the studio's own items."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.access import role_required
from marketplace.models import Role
from marketplace.services.catalog import scenario_catalogue
from marketplace.services.common.service_errors import ValidationFailed
from marketplace.services.studios import studio_portfolio
from marketplace.studios import bp
from marketplace.studios.studios_forms import ConfirmForm, PortfolioForm
from marketplace.studios.studios_routes import flash_leftovers, own_studio

UPLOAD_ENDPOINTS = {"studios.portfolio_new", "studios.portfolio_edit", "studios.images_edit"}


@bp.url_value_preprocessor
def _room_for_an_oversized_image(endpoint, _values):
    """Let a too-large image reach the form (which says so and keeps the rest of the input).

    Runs before the CSRF check reads the body; beyond this a 413 page answers.
    """
    if endpoint not in UPLOAD_ENDPOINTS or request.method != "POST":
        return
    if current_user.is_authenticated and current_user.role == Role.STUDIO:
        request.max_content_length = 8 * current_app.config["MAX_UPLOAD_BYTES"]


@bp.get("/studio/portfolio")
@role_required(Role.STUDIO)
def portfolio_list():
    """The studio's portfolio, with edit and remove buttons."""
    studio = own_studio()
    return render_template(
        "studios/portfolio.html",
        studio=studio,
        client_kinds=studio_portfolio.CLIENT_KINDS,
        delete_form=ConfirmForm(),
    )


def _edit(studio, item=None):
    form = PortfolioForm(
        obj=item if request.method == "GET" else None,
        industries=scenario_catalogue.all_industries(),
    )
    if form.validate_on_submit():
        try:
            studio_portfolio.save_item(
                current_user,
                item.id if item else None,
                form.to_input(),
                images=[upload.stream for upload in form.uploads()],
                remove_image=bool(form.remove_image.data),
            )
        except ValidationFailed as exc:
            flash_leftovers(form.apply(exc.errors))
        else:
            flash(_("Portfolio item saved.") if item else _("Portfolio item added."), "success")
            return redirect(url_for("studios.portfolio_list"))
    status = 400 if form.errors else 200
    return render_template("studios/portfolio_form.html", form=form, item=item), status


@bp.route("/studio/portfolio/new", methods=["GET", "POST"])
@role_required(Role.STUDIO)
def portfolio_new():
    """Add a portfolio item."""
    return _edit(own_studio())


@bp.route("/studio/portfolio/<int:item_id>/edit", methods=["GET", "POST"])
@role_required(Role.STUDIO)
def portfolio_edit(item_id: int):
    """Change one of the studio's own portfolio items (another studio's id is a 404)."""
    studio = own_studio()
    return _edit(studio, studio_portfolio.own_item(studio.id, item_id))


@bp.post("/studio/portfolio/<int:item_id>/delete")
@role_required(Role.STUDIO)
def portfolio_delete(item_id: int):
    """Remove one of the studio's own portfolio items."""
    own_studio()
    if ConfirmForm().validate_on_submit():
        studio_portfolio.delete_item(current_user, item_id)
        flash(_("Portfolio item removed."), "info")
    return redirect(url_for("studios.portfolio_list"))
