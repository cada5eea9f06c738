"""Notification texts of matchmaking events (registered into the notification kinds table)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

EVENT_KINDS = {
    "meeting_requested": (
        _l("%(from_name)s asks to meet you at “%(event_title)s”. Accept or decline on your "
           "event page."),
        _l("A meeting request"),
    ),
    "request_answered": (
        _l("%(to_name)s answered your meeting request at “%(event_title)s”: %(answer)s."),
        _l("Your meeting request was answered"),
    ),
    "schedule_published": (
        _l("The timetable of “%(event_title)s” is published: you have %(count)s meetings. "
           "Your agenda and calendar file are on the event page."),
        _l("Your meeting agenda"),
    ),
    "meeting_moved": (
        _l("Your meeting with %(other)s at “%(event_title)s” moved to %(when)s, table "
           "%(table)s."),
        _l("A meeting moved"),
    ),
    "meeting_cancelled": (
        _l("%(other)s withdrew from “%(event_title)s”; your meeting at %(when)s is cancelled."),
        _l("A meeting was cancelled"),
    ),
    "event_cancelled": (
        _l("“%(event_title)s” was cancelled by the commission."),
        _l("An event was cancelled"),
    ),
}


def prepare(payload: dict) -> dict:
    """The event title and the answer in the reader's language."""
    from flask_babel import get_locale
    from flask_babel import gettext as _

    values = dict(payload)
    if str(get_locale()).startswith("en") and payload.get("event_title_en"):
        values["event_title"] = payload["event_title_en"]
    answers = {"accepted": _("accepted"), "declined": _("declined")}
    if payload.get("answer") in answers:
        values["answer"] = answers[payload["answer"]]
    return values
