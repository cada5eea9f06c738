"""Staff: hide an abusive rating comment, with a reason."""

from __future__ import annotations

from flask import abort, request
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.access import role_required
from marketplace.engagements.engagement_actions import run_engagement_action
from marketplace.models import Role
from marketplace.policies import actor_of
from marketplace.services.common.service_errors import NotFound
from marketplace.services.engagements import common, ratings
from marketplace.staff import bp


@bp.post("/ratings/<int:rating_id>/hide")
@role_required(Role.STAFF)
def hide_rating(rating_id: int):
    """Staff hide an abusive comment with a reason."""
    try:
        engagement_id = common.engagement_id_of("rating", rating_id)
    except NotFound:
        abort(404)
    actor = actor_of(current_user)
    return run_engagement_action(engagement_id, "#ratings", _("The comment is hidden."),
                lambda: ratings.hide(actor, rating_id, request.form.get("reason", "")))
