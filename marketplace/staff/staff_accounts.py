"""Suspend or restore studios and manufacturers."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.access import role_required
from marketplace.models import Role
from marketplace.services.common.service_errors import NotFound, ValidationFailed
from marketplace.services.reviews import review_moderation
from marketplace.staff import bp
from marketplace.staff.staff_forms import CsrfForm
from marketplace.staff.staff_reauth import fresh_login_required


@bp.get("/staff/accounts")
@role_required(Role.STAFF)
def accounts():
    """Studios and manufacturers, suspended first, with suspend/restore buttons."""
    kind = request.args.get("kind") or None
    if kind and kind not in review_moderation.KINDS:
        abort(400, _("Kind must be studio or manufacturer."))
    query = (request.args.get("q") or "")[:100]
    return render_template("staff/accounts.html", parties=review_moderation.parties(query, kind),
                           q=query, kind=kind, form=CsrfForm())  # fmt: skip


@bp.post("/staff/accounts/<kind>/<int:party_id>/<any(suspend, restore):action>")
@role_required(Role.STAFF)
@fresh_login_required
def set_suspended(kind: str, party_id: int, action: str):
    """Suspend (with a reason) or restore one studio or manufacturer."""
    if not CsrfForm().validate_on_submit():
        abort(400, _("The form expired; reload the page."))
    try:
        party = review_moderation.set_suspended(
            current_user,
            party_id,
            review_moderation.SuspensionInput(
                kind, action == "suspend", request.form.get("reason") or ""
            ),
        )
    except NotFound as exc:
        abort(404, str(exc))
    except ValidationFailed as exc:
        flash("; ".join(exc.errors.values()), "error")
        page = render_template("staff/accounts.html", parties=review_moderation.parties(), q="",
                               kind=None, form=CsrfForm())  # fmt: skip
        return page, 400
    flash(_("%(name)s is suspended: it cannot log in and is hidden from public pages.",
            name=party.name) if action == "suspend"
          else _("%(name)s is restored.", name=party.name), "success")  # fmt: skip
    return redirect(url_for("staff.accounts"))
