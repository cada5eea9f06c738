"""Routes for the notification list and marking notifications read."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import abort, g, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from marketplace.access import ANY_ROLE, role_required
from marketplace.notifications import bp
from marketplace.services.notifications import kinds, notification_reading


class ConfirmForm(FlaskForm):
    """A bare POST with a CSRF token."""


# Requests that never render the header: the API and the pictures a page's <img> tags fetch.
NOT_PAGES = frozenset({"static", "studios.picture", "studios.image"})


@bp.before_app_request
def count_unread() -> None:
    """Read the header bell's unread count before the view runs (None for visitors: no bell)."""
    g.unread_notifications = None
    if request.blueprint == "api" or request.endpoint in NOT_PAGES:
        return
    if getattr(current_user, "is_authenticated", False):
        g.unread_notifications = notification_reading.unread_count(current_user.id)


def inject_bell() -> dict:
    """The count `count_unread` read for this request, for the layout (reads nothing itself)."""
    return {"unread_notifications": g.get("unread_notifications")}


def _local(link: str | None) -> str | None:
    """Only same-site paths are followed."""
    if not link or not link.startswith("/") or link.startswith("//") or urlsplit(link).netloc:
        return None
    return link


@bp.get("/notifications")
@role_required(ANY_ROLE)
def index():
    """The account's notifications, newest first, in the reader's language."""
    rows = notification_reading.latest(current_user.id)
    items = [(row, kinds.render(row.kind, row.payload)) for row in rows]
    return render_template("notifications/index.html", items=items, confirm=ConfirmForm())


@bp.post("/notifications/<int:notification_id>/read")
@role_required(ANY_ROLE)
def read(notification_id: int):
    """Mark one notification read and follow its link (another account's id: 404)."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    row = notification_reading.own(current_user.id, notification_id)
    if row is None:
        abort(404)
    link = _local(row.link)
    notification_reading.mark_read(current_user, notification_id)
    return redirect(link or url_for("notifications.index")), 303


@bp.post("/notifications/read-all")
@role_required(ANY_ROLE)
def read_all():
    """Mark every notification read."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    notification_reading.mark_read(current_user, None)
    return redirect(url_for("notifications.index")), 303
