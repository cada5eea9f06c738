"""Template helpers of the event pages: titles, slot times, status words, reasons."""

from __future__ import annotations

from flask import flash
from flask_babel import gettext as _

from marketplace.i18n import current_language
from marketplace.services.matchmaking import solver
from marketplace.services.matchmaking.asking import status_word
from marketplace.services.matchmaking.matchmaking_times import slot_label, slot_range


def event_title(event) -> str:
    """The event's title in the reader's language."""
    return event.title(current_language())


def event_slot(event, slot: int) -> str:
    """'14:25–14:45' (Beijing time) of a slot."""
    return slot_range(event, slot)


def event_slot_start(event, slot: int) -> str:
    """'2027-03-01 14:25' (Beijing time) of a slot."""
    return slot_label(event, slot)


def request_status(status: str) -> str:
    """A request status in the reader's language."""
    return status_word(status)


def fit_word(fit: str | None) -> str:
    """A fit level in the reader's language."""
    return {"strong": _("Strong fit"), "good": _("Good fit"),
            "possible": _("Possible fit")}.get(fit or "", _("Weak fit"))  # fmt: skip


def unplaced_reason(request, names: dict | None = None) -> str:
    """Why the scheduler left an accepted meeting out, in the reader's language."""
    info = request.unplaced or {}
    detail = info.get("detail") or {}
    reason = info.get("reason")
    a, b = request.sender.name, request.receiver.name
    if reason == solver.NO_COMMON_SLOT:
        return _("%(a)s and %(b)s have no free slot in common.", a=a, b=b)
    if reason == solver.OVERBOOKED:
        who = (names or {}).get(detail.get("who"), detail.get("who"))
        return _("%(who)s has %(n)s accepted meetings but only %(slots)s free slots.", who=who,
                 n=detail.get("meetings"), slots=detail.get("slots"))  # fmt: skip
    if reason == solver.TABLES_FULL:
        return _("Every table is taken in the %(n)s slots where both are free.",
                 n=detail.get("slots"))  # fmt: skip
    return _("In each of the %(n)s slots where both are free, one of them meets someone else "
             "or all tables are taken; no timetable holds more meetings.", n=detail.get("slots"))


def apply_errors(form, error) -> None:
    """Attach service errors to form fields; flash the rest."""
    for name, message in error.errors.items():
        field = getattr(form, name, None) if form is not None else None
        if field is not None and hasattr(field, "errors"):
            field.errors = [*field.errors, message]
        else:
            flash(message, "error")


def event_time(value) -> str:
    """A stored UTC time as '2027-03-01 14:00' Beijing time."""
    from marketplace.services.needs.need_times import format_shanghai

    return format_shanghai(value)
