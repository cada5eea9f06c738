"""Printable pages for staff: the whole timetable and one card per table."""

from __future__ import annotations

from flask import abort, render_template, url_for

from marketplace.access import role_required
from marketplace.models import Role
from marketplace.services.common.service_errors import NotFound
from marketplace.services.matchmaking import matchmaking_reading, scheduling
from marketplace.staff import bp


def _grid(event):
    """(slot, table) -> meeting."""
    return {(m.slot, m.table_no): m for m in matchmaking_reading.meetings(event.id)}


def _event(event_id: int):
    try:
        return scheduling.get_event(event_id)
    except NotFound:
        abort(404)


@bp.get("/staff/events/<int:event_id>/timetable")
@role_required(Role.STAFF)
def event_timetable(event_id: int):
    """The whole timetable: slots down, tables across (printable)."""
    event = _event(event_id)
    return render_template("staff/event_timetable.html", event=event, grid=_grid(event),
                           back_url=url_for("staff.event_detail", event_id=event.id))


@bp.get("/staff/events/<int:event_id>/cards")
@role_required(Role.STAFF)
def event_cards(event_id: int):
    """One card per table: who meets at it in each slot (printable, a page per table)."""
    event = _event(event_id)
    grid = _grid(event)
    used = sorted({t for (_s, t) in grid})
    return render_template("staff/event_cards.html", event=event, grid=grid, tables=used,
                           back_url=url_for("staff.event_detail", event_id=event.id))
