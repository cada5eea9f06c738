"""`flask events import`: events, participants and requests as JSON Lines, all or nothing.

Every line is checked first (kinds, fields, references between lines and to the database);
any problem names its line and field and nothing is written. Re-importing updates in place
(events by ref, participants by event and ref, requests by pair).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, TextIO

from sqlalchemy import select

from marketplace.database import record_event, write_transaction
from marketplace.extensions import db
from marketplace.models import (
    EventParticipant,
    MatchEvent,
    MeetingRequest,
    RequestStatus,
    Studio,
    User,
)
from marketplace.models._types import utcnow
from marketplace.services.common.jsonl import ImportRejected, LineChecker, LineError, read_objects
from marketplace.services.matchmaking.matchmaking_events import ParticipantsChanged
from marketplace.services.needs.need_times import shanghai_to_utc, utc_to_shanghai

KINDS = ("event", "participant", "request")
ROLES = ("manufacturer", "studio")
STATUSES = ("pending", "accepted", "declined")
REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,31}")
DEFAULT_START = time(14, 0)  # Beijing time


@dataclass
class EventLine:
    """An event as read from its line."""

    line: int
    ref: str
    title_zh: str
    title_en: str
    starts_at: datetime
    slots: int
    tables: int
    slot_minutes: int
    break_minutes: int
    venue: str | None
    online_link: str | None
    request_deadline: datetime
    registration_deadline: datetime
    max_requests: int
    max_meetings: int


@dataclass
class ParticipantLine:
    """A participant as read from its line."""

    line: int
    event: str
    ref: str
    role: str
    name: str
    unavailable: list[int]
    user: User | None
    seeking: str
    studio_id: int | None = None


@dataclass
class RequestLine:
    """A request as read from its line."""

    line: int
    event: str
    a: str
    b: str
    status: str
    note: str


@dataclass
class Batch:
    """A checked file."""

    events: list[EventLine] = field(default_factory=list)
    participants: list[ParticipantLine] = field(default_factory=list)
    requests: list[RequestLine] = field(default_factory=list)


def _ref(check: LineChecker, name: str) -> str | None:
    value = check.text(name, max_len=64)
    if value is not None and not REF.fullmatch(value):
        check.fail(name, "use letters, digits, '.', '_' and '-' (at most 32)")
        return None
    return value


def _date(check: LineChecker, name: str) -> date | None:
    """A required calendar date (YYYY-MM-DD); a missing or malformed one is named."""
    value = check.obj.get(name)
    if value is None or value == "":
        check.fail(name, "is required")
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass  # named below, with a non-string value
    check.fail(name, "must be a date like 2027-03-01")
    return None


def _clock(check: LineChecker, name: str) -> time:
    value = check.obj.get(name)
    if value is None:
        return DEFAULT_START
    if isinstance(value, str) and re.fullmatch(r"\d{1,2}:\d{2}", value):
        hour, minute = map(int, value.split(":"))
        if hour < 24 and minute < 60:
            return time(hour, minute)
    check.fail(name, "must be a time like 14:00 (Beijing time)")
    return DEFAULT_START


def _moment(check: LineChecker, name: str) -> datetime | None:
    """An optional Beijing date-time ('2027-02-25 18:00' or a date: its start) as UTC."""
    value = check.obj.get(name)
    if value is None:
        return None
    try:
        return shanghai_to_utc(datetime.fromisoformat(str(value).replace("T", " ")))
    except ValueError:
        check.fail(name, "must be a Beijing time like 2027-02-25 18:00")
        return None


def _required_int(check: LineChecker, name: str, low: int, high: int) -> int | None:
    value = check.integer(name, low=low, high=high)
    if value is None and name not in {e.field for e in check.errors if e.line == check.line}:
        check.fail(name, "is required")
    return value


def _event(check: LineChecker) -> EventLine | None:
    ref = _ref(check, "ref")
    title = check.text("title", required=False)
    title_zh = check.text("title_zh", required=False) or title
    title_en = check.text("title_en", required=False) or title
    if not title_zh or not title_en:
        check.fail("title", "is required (or give title_zh and title_en)")
    day = _date(check, "date")
    start = _clock(check, "start")
    slots = _required_int(check, "slots", 1, 48)
    tables = _required_int(check, "tables", 1, 500)
    minutes = check.integer("slot_minutes", low=5, high=240) or 20
    pause = check.integer("break_minutes", low=0, high=120)
    venue = check.text("venue", required=False, max_len=300)
    link = check.text("online_link", required=False, max_len=300)
    if link and not re.fullmatch(r"https?://\S+", link):
        check.fail("online_link", "must start with http:// or https://")
    limit_r = check.integer("max_requests", low=1, high=100) or 8
    limit_m = check.integer("max_meetings", low=1, high=48) or min(8, slots or 8)
    requests_close = _moment(check, "request_deadline")
    registration_close = _moment(check, "registration_deadline")
    if None in (ref, day, slots, tables) or not title_zh or not title_en:
        return None
    starts_at = shanghai_to_utc(datetime.combine(day, start))
    # An event prepared elsewhere arrives with its requests: by default they are closed now.
    requests_close = min(requests_close or utcnow(), starts_at)
    registration_close = min(registration_close or requests_close, requests_close)
    return EventLine(check.line, ref, title_zh, title_en, starts_at, slots, tables, minutes,
                     5 if pause is None else pause, venue, link, requests_close,
                     registration_close, limit_r, min(limit_m, slots))  # fmt: skip


def _participant(check: LineChecker) -> ParticipantLine | None:
    event, ref = _ref(check, "event"), _ref(check, "ref")
    role = check.choice("role", ROLES)
    if check.obj.get("role") is None:
        check.fail("role", "is required: manufacturer or studio")
    name = check.text("name", max_len=200)
    seeking = check.text("seeking", required=False, max_len=1000) or ""
    raw = check.obj.get("unavailable", [])
    slots: list[int] = []
    if not isinstance(raw, list) or not all(isinstance(s, int) and not isinstance(s, bool)
                                            for s in raw):  # fmt: skip
        check.fail("unavailable", "must be a list of slot numbers, e.g. [2, 5]")
    else:
        slots = sorted(set(raw))
    user = None
    email = check.text("email", required=False, max_len=254)
    if email:
        user = db.session.scalar(select(User).where(User.email == email.lower()))
        if user is None:
            check.fail("email", f"no account with e-mail {email}")
        elif role and user.role != role:
            check.fail("email", f"{email} is a {user.role} account, not a {role}")
        elif role == "studio" and user.studio_id is None:
            check.fail("email", f"{email} has no studio profile")
    studio_id = user.studio_id if user is not None and role == "studio" else None
    studio_ref = check.text("studio", required=False, max_len=64)
    if studio_ref:
        studio_id = db.session.scalar(select(Studio.id).where(Studio.ref == studio_ref))
        if studio_id is None:
            check.fail("studio", f"no studio with ref {studio_ref}")
        elif role != "studio":
            check.fail("studio", "only a studio participant names a studio")
    if None in (event, ref, role, name):
        return None
    return ParticipantLine(check.line, event, ref, role, name, slots, user, seeking, studio_id)


def _request(check: LineChecker) -> RequestLine | None:
    event, a, b = _ref(check, "event"), _ref(check, "a"), _ref(check, "b")
    status = check.choice("status", STATUSES, default="pending")
    note = check.text("note", required=False, max_len=500) or ""
    if a and b and a == b:
        check.fail("b", "a participant cannot request a meeting with itself")
        return None
    if None in (event, a, b, status):
        return None
    return RequestLine(check.line, event, a, b, status, note)


PARSERS = {"event": _event, "participant": _participant, "request": _request}


def parse(stream: TextIO | Iterable[str]) -> Batch:
    """Check every line and the references between them; ImportRejected lists every problem."""
    objects, errors = read_objects(stream)
    batch = Batch()
    for line, obj in objects:
        check = LineChecker(line, obj, errors)
        kind = obj.get("kind")
        if kind not in PARSERS:
            check.fail("kind", f"must be one of {', '.join(KINDS)} (got {kind!r})")
            continue
        before = len(errors)
        record = PARSERS[kind](check)
        if record is not None and len(errors) == before:
            getattr(batch, kind + "s").append(record)
    if not objects and not errors:
        errors.append(LineError(0, "(file)", "the file has no records"))
    _cross_check(batch, errors)
    if errors:
        raise ImportRejected(sorted(errors, key=lambda e: e.line))
    return batch


def _cross_check(batch: Batch, errors: list[LineError]) -> None:
    events: dict[str, Any] = {}
    for e in batch.events:
        if e.ref in events:
            errors.append(LineError(e.line, "ref", f"event {e.ref!r} repeats line "
                                                   f"{events[e.ref].line}"))  # fmt: skip
        events[e.ref] = e
    people: dict[tuple[str, str], Any] = {}
    for p in db.session.scalars(select(EventParticipant)):
        people[(p.event.ref, p.ref)] = p
    accounts: dict[tuple[str, int], int] = {}
    for p in batch.participants:
        event = events.get(p.event) or db.session.scalar(
            select(MatchEvent).where(MatchEvent.ref == p.event))
        if event is None:
            errors.append(LineError(p.line, "event", f"unknown event {p.event!r}"))
            continue
        bad = [s for s in p.unavailable if not 1 <= s <= event.slots]
        if bad:
            errors.append(LineError(p.line, "unavailable", f"slot {bad[0]} is outside the event "
                                                           f"(1 to {event.slots})"))  # fmt: skip
        key = (p.event, p.ref)
        if key in people and not isinstance(people[key], EventParticipant):
            errors.append(LineError(p.line, "ref", f"participant {p.ref!r} repeats line "
                                                   f"{people[key].line}"))  # fmt: skip
        people[key] = p
        if p.user is not None:
            seen = accounts.setdefault((p.event, p.user.id), p.line)
            if seen != p.line:
                errors.append(LineError(p.line, "email", f"the account is already participant "
                                                         f"on line {seen}"))  # fmt: skip
    pairs: dict[tuple[str, frozenset], int] = {}
    for r in batch.requests:
        for name, ref in (("a", r.a), ("b", r.b)):
            if (r.event, ref) not in people:
                errors.append(LineError(r.line, name, f"unknown participant {ref!r} in event "
                                                      f"{r.event!r}"))  # fmt: skip
        if (r.event, r.a) in people and (r.event, r.b) in people and \
                people[(r.event, r.a)].role == people[(r.event, r.b)].role:
            errors.append(LineError(r.line, "b", "meetings are between a manufacturer and a "
                                                 "studio"))  # fmt: skip
        key = (r.event, frozenset((r.a, r.b)))
        if key in pairs:
            errors.append(LineError(r.line, "b", f"duplicate request: {r.a} and {r.b} repeat "
                                                 f"line {pairs[key]}"))  # fmt: skip
        pairs[key] = r.line


def write(batch: Batch) -> tuple[int, int, int]:
    """Create or update everything in one transaction; returns (events, participants, requests)."""
    with write_transaction() as session:
        events = {e.ref: e for e in session.scalars(select(MatchEvent))}
        for e in batch.events:
            row = events.get(e.ref) or MatchEvent(ref=e.ref)
            for name in ("title_zh", "title_en", "starts_at", "slots", "tables", "slot_minutes",
                         "break_minutes", "venue", "online_link", "request_deadline",
                         "registration_deadline", "max_requests", "max_meetings"):
                setattr(row, name, getattr(e, name))  # fmt: skip
            session.add(row)
            events[e.ref] = row
        session.flush()
        people = {(p.event_id, p.ref): p for p in session.scalars(select(EventParticipant))}
        for p in batch.participants:
            event = events[p.event]
            row = people.get((event.id, p.ref)) or EventParticipant(event_id=event.id, ref=p.ref)
            row.role, row.name, row.unavailable, row.seeking = p.role, p.name, p.unavailable, \
                p.seeking
            row.user_id = p.user.id if p.user else None
            row.studio_id = p.studio_id
            session.add(row)
            people[(event.id, p.ref)] = row
        session.flush()
        for r in batch.requests:
            event = events[r.event]
            a, b = people[(event.id, r.a)], people[(event.id, r.b)]
            row = session.scalar(select(MeetingRequest).where(
                ((MeetingRequest.from_id == a.id) & (MeetingRequest.to_id == b.id))
                | ((MeetingRequest.from_id == b.id) & (MeetingRequest.to_id == a.id))))
            row = row or MeetingRequest(event_id=event.id, from_id=a.id, to_id=b.id)
            row.status, row.note = RequestStatus(r.status), r.note
            session.add(row)
        touched = {events[p.event].id for p in batch.participants}
        if touched:
            record_event(ParticipantsChanged(event_ids=tuple(sorted(touched))))
    return len(batch.events), len(batch.participants), len(batch.requests)


def export(event: MatchEvent) -> Iterator[str]:
    """An event, its participants and requests as JSON Lines that `import` reads back."""
    local = utc_to_shanghai(event.starts_at)
    head = {"kind": "event", "ref": event.ref, "title_zh": event.title_zh,
            "title_en": event.title_en, "date": local.date().isoformat(),
            "start": f"{local:%H:%M}", "slots": event.slots, "tables": event.tables,
            "slot_minutes": event.slot_minutes, "break_minutes": event.break_minutes,
            "venue": event.venue, "online_link": event.online_link,
            "max_requests": event.max_requests, "max_meetings": event.max_meetings}  # fmt: skip
    yield json.dumps({k: v for k, v in head.items() if v is not None}, ensure_ascii=False)
    rows = list(db.session.scalars(select(EventParticipant).where(
        EventParticipant.event_id == event.id, EventParticipant.status == "registered")
        .order_by(EventParticipant.ref)))  # fmt: skip
    emails = {u.id: u.email for u in db.session.scalars(select(User).where(
        User.id.in_([p.user_id for p in rows if p.user_id])))}  # fmt: skip
    for p in rows:
        line = {"kind": "participant", "event": event.ref, "ref": p.ref, "role": p.role,
                "name": p.name, "unavailable": list(p.unavailable or [])}  # fmt: skip
        if p.user_id in emails:
            line["email"] = emails[p.user_id]
        if p.seeking:
            line["seeking"] = p.seeking
        if p.studio is not None and p.user_id is None:
            line["studio"] = p.studio.ref
        yield json.dumps(line, ensure_ascii=False)
    active = {p.id: p.ref for p in rows}
    for r in db.session.scalars(select(MeetingRequest).where(
            MeetingRequest.event_id == event.id).order_by(MeetingRequest.id)):  # fmt: skip
        if r.from_id in active and r.to_id in active and r.status != RequestStatus.CANCELLED:
            line = {"kind": "request", "event": event.ref, "a": active[r.from_id],
                    "b": active[r.to_id], "status": str(r.status)}  # fmt: skip
            if r.note:
                line["note"] = r.note
            yield json.dumps(line, ensure_ascii=False)
