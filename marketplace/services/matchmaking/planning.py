"""Staff create and edit matchmaking events: when, where, slots, tables, focus and limits."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select

from marketplace.database import write_transaction
from marketplace.extensions import db
from marketplace.models import EventStatus, Industry, MatchEvent, Scenario
from marketplace.policies import Actor, can_manage_events
from marketplace.services.common.service_errors import NotFound, PermissionDenied, ValidationFailed

log = logging.getLogger(__name__)

URL = re.compile(r"https?://[^\s<>\"']{3,290}")
REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


@dataclass
class EventInput:
    """What staff enter for an event (times already converted to UTC)."""

    title_zh: str
    title_en: str
    starts_at: datetime | None
    slots: int | None
    tables: int | None
    registration_deadline: datetime | None
    request_deadline: datetime | None
    slot_minutes: int | None = 20
    break_minutes: int | None = 5
    venue: str = ""
    online_link: str = ""
    description: str = ""
    focus_industries: list[str] = field(default_factory=list)
    focus_scenarios: list[str] = field(default_factory=list)
    max_requests: int | None = 8
    max_meetings: int | None = 8
    ref: str = ""


def _within(errors: dict, name: str, value: int | None, low: int, high: int, label: str) -> None:
    if value is None:
        errors[name] = _("%(what)s is required.", what=label)
    elif not low <= value <= high:
        errors[name] = _("%(what)s must be between %(low)s and %(high)s.", what=label, low=low,
                         high=high)  # fmt: skip


def validate(data: EventInput, existing: MatchEvent | None = None) -> dict[str, str]:
    """Every problem with the input, by field (empty when it is fine)."""
    errors: dict[str, str] = {}
    for name in ("title_zh", "title_en"):
        value = (getattr(data, name) or "").strip()
        setattr(data, name, value)
        if not value:
            errors[name] = _("Enter the title in both languages.")
        elif len(value) > 200:
            errors[name] = _("At most 200 characters.")
    _within(errors, "slots", data.slots, 1, 48, _("The number of slots"))
    _within(errors, "tables", data.tables, 1, 500, _("The number of tables"))
    _within(errors, "slot_minutes", data.slot_minutes, 5, 240, _("The slot length"))
    _within(errors, "break_minutes", data.break_minutes, 0, 120, _("The break"))
    _within(errors, "max_requests", data.max_requests, 1, 100, _("The request limit"))
    _within(errors, "max_meetings", data.max_meetings, 1, 48, _("The meeting limit"))
    if data.slots and data.max_meetings and data.max_meetings > data.slots:
        errors["max_meetings"] = _("No one can have more meetings than there are slots.")
    data.venue, data.online_link = data.venue.strip(), data.online_link.strip()
    if not data.venue and not data.online_link:
        errors["venue"] = _("Give a venue or an online link.")
    if len(data.venue) > 300:
        errors["venue"] = _("At most 300 characters.")
    if data.online_link and not URL.fullmatch(data.online_link):
        errors["online_link"] = _("The online link must be a web address starting with http.")
    if data.ref and not REF.fullmatch(data.ref):
        errors["ref"] = _("A reference uses letters, digits, '.', '_' and '-' only.")
    if data.starts_at is None:
        errors["starts_at"] = _("Enter the date and start time.")
    if data.registration_deadline is None:
        errors["registration_deadline"] = _("Enter the registration deadline.")
    if data.request_deadline is None:
        errors["request_deadline"] = _("Enter the deadline for meeting requests.")
    if data.starts_at and data.request_deadline and data.request_deadline > data.starts_at:
        errors["request_deadline"] = _("Requests must close before the event starts.")
    if (data.registration_deadline and data.request_deadline
            and data.registration_deadline > data.request_deadline):  # fmt: skip
        errors["registration_deadline"] = _("Registration must close no later than requests.")
    _check_focus(errors, data)
    if existing is not None and existing.status == EventStatus.SCHEDULED and data.slots and \
            data.tables and (data.slots < existing.slots or data.tables < existing.tables):
        errors["slots"] = _("The timetable is published: slots and tables can only grow.")
    return errors


def _check_focus(errors: dict, data: EventInput) -> None:
    codes = [c.strip().upper() for c in data.focus_industries if c.strip()]
    known = set(db.session.scalars(select(Industry.code)))
    unknown = [c for c in codes if c not in known]
    if unknown:
        errors["focus_industries"] = _("Unknown industry: %(codes)s", codes=", ".join(unknown))
    data.focus_industries = list(dict.fromkeys(codes))
    scen = [c.strip().upper() for c in data.focus_scenarios if c.strip()]
    found = set(db.session.scalars(select(Scenario.code).where(Scenario.code.in_(scen))))
    missing = [c for c in scen if c not in found]
    if missing:
        errors["focus_scenarios"] = _("Unknown scenario: %(codes)s", codes=", ".join(missing))
    data.focus_scenarios = list(dict.fromkeys(scen))


def _apply(event: MatchEvent, data: EventInput) -> None:
    for name in ("title_zh", "title_en", "starts_at", "slots", "tables", "slot_minutes",
                 "break_minutes", "registration_deadline", "request_deadline",
                 "focus_industries", "focus_scenarios", "max_requests", "max_meetings"):
        setattr(event, name, getattr(data, name))  # fmt: skip
    event.venue = data.venue or None
    event.online_link = data.online_link or None
    event.description = (data.description or "").strip()


def next_ref(starts_at: datetime) -> str:
    """EV-20270301, EV-20270301-2… for events on the same day."""
    base = f"EV-{starts_at:%Y%m%d}"
    taken = db.session.scalar(select(func.count()).where(MatchEvent.ref.like(f"{base}%")))
    return base if not taken else f"{base}-{taken + 1}"


def create(actor: Actor, data: EventInput) -> MatchEvent:
    """Create an event, open for registration; staff only."""
    if not can_manage_events(actor):
        raise PermissionDenied(_("Only commission staff create events."))
    errors = validate(data)
    ref = data.ref or (next_ref(data.starts_at) if data.starts_at else "")
    if ref and db.session.scalar(select(MatchEvent.id).where(MatchEvent.ref == ref)):
        errors["ref"] = _("An event with reference %(ref)s exists.", ref=ref)
    if errors:
        raise ValidationFailed(errors)
    with write_transaction() as session:
        event = MatchEvent(ref=ref, created_by_id=actor.user_id)
        _apply(event, data)
        session.add(event)
    log.info("event %s created by user %s", event.ref, actor.user_id)
    return event


def update(actor: Actor, event_id: int, data: EventInput) -> MatchEvent:
    """Change an event's details; staff only."""
    if not can_manage_events(actor):
        raise PermissionDenied(_("Only commission staff edit events."))
    event = db.session.get(MatchEvent, event_id)
    if event is None:
        raise NotFound(_("No such event."))
    errors = validate(data, event)
    if errors:
        raise ValidationFailed(errors)
    with write_transaction() as session:
        event = session.get(MatchEvent, event_id)
        _apply(event, data)
    return event


def cancel(actor: Actor, event_id: int) -> MatchEvent:
    """Cancel an event (it leaves the public list); staff only; registrants are told."""
    from marketplace.services.matchmaking import matchmaking_notices

    if not can_manage_events(actor):
        raise PermissionDenied(_("Only commission staff cancel events."))
    with write_transaction() as session:
        event = session.get(MatchEvent, event_id)
        if event is None:
            raise NotFound(_("No such event."))
        event.status = EventStatus.CANCELLED
        matchmaking_notices.tell_everyone(session, event, "event_cancelled")
    return event
