"""Running the exact scheduler on an event, publishing the timetable, moving meetings by hand."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import delete, select

from marketplace.database import write_transaction
from marketplace.extensions import db
from marketplace.models import (
    EventParticipant,
    EventStatus,
    MatchEvent,
    Meeting,
    MeetingRequest,
    ParticipantStatus,
    RequestStatus,
)
from marketplace.models._types import utcnow
from marketplace.policies import Actor, actor_of, can_manage_events
from marketplace.services.common.service_errors import NotFound, PermissionDenied, ValidationFailed
from marketplace.services.matchmaking import matchmaking_notices, solver

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What a scheduler run did."""

    placed: int
    unplaced: int
    moved: int
    timetable: solver.Timetable


@dataclass(frozen=True)
class MeetingMove:
    """Where a meeting goes: a slot and a table (whole numbers from 1)."""

    slot: int | None
    table: int | None


def _staff(actor: Actor | None) -> None:
    if actor is not None and not can_manage_events(actor):
        raise PermissionDenied(_("Only commission staff schedule events."))


def instance(session, event: MatchEvent) -> tuple[list[solver.Request], dict[str, list[int]]]:
    """The solver's input: accepted requests between active participants, by participant ref."""
    active = {p.id: p for p in session.scalars(select(EventParticipant).where(
        EventParticipant.event_id == event.id,
        EventParticipant.status == ParticipantStatus.REGISTERED))}  # fmt: skip
    accepted = session.scalars(select(MeetingRequest).where(
        MeetingRequest.event_id == event.id, MeetingRequest.status == RequestStatus.ACCEPTED
    ).order_by(MeetingRequest.id))  # fmt: skip
    requests = [solver.Request(r.id, active[r.from_id].ref, active[r.to_id].ref)
                for r in accepted if r.from_id in active and r.to_id in active]  # fmt: skip
    unavailable = {p.ref: list(p.unavailable or []) for p in active.values()}
    return requests, unavailable


def run(actor: Actor | None, event_id: int, *, keep: bool = False, now=None) -> Outcome:
    """Place the accepted meetings after the request deadline (exact; deterministic).

    With `keep`, meetings already placed stay where they are and only the others are placed.
    Once the timetable is published, everyone whose meeting moved or was added is told.
    `actor` None is the command line (trusted).
    """
    _staff(actor)
    now = now or utcnow()
    with write_transaction() as session:
        event = session.get(MatchEvent, event_id)
        if event is None:
            raise NotFound(_("No such event."))
        if event.status == EventStatus.CANCELLED:
            raise ValidationFailed({"event": _("The event is cancelled.")})
        if now < event.request_deadline:
            raise ValidationFailed({"event": _("The scheduler runs after the request deadline "
                                               "(%(when)s).",
                                               when=matchmaking_notices.when_utc(event.request_deadline))})
        requests, unavailable = instance(session, event)
        before = {m.request_id: (m.slot, m.table_no) for m in
                  session.scalars(select(Meeting).where(Meeting.event_id == event.id))}
        ids = {r.id for r in requests}
        fixed = {rid: st for rid, st in before.items() if rid in ids} if keep else {}
        try:
            result = solver.schedule(event.slots, event.tables, requests, unavailable, fixed)
        except solver.BadInput as exc:
            raise ValidationFailed({"event": str(exc)}) from exc
        session.execute(delete(Meeting).where(Meeting.event_id == event.id))
        session.flush()
        by_id = {r.id: r for r in session.scalars(select(MeetingRequest).where(
            MeetingRequest.id.in_(ids or {0})))}  # fmt: skip
        moved = 0
        for p in result.placed:
            session.add(Meeting(event_id=event.id, request_id=p.id, slot=p.slot, table_no=p.table,
                                moved_at=now if before.get(p.id, (p.slot, p.table)) !=
                                (p.slot, p.table) else None))  # fmt: skip
            by_id[p.id].unplaced = None
            if event.published_at and before.get(p.id) != (p.slot, p.table):
                moved += 1
                _tell_moved(session, event, by_id[p.id], p.slot, p.table)
        for u in result.unplaced:
            by_id[u.id].unplaced = {"reason": u.reason, "detail": u.detail, "text": u.text}
        event.scheduled_at = now
    log.info("event %s scheduled: %d placed, %d left out", event.ref, len(result.placed),
             len(result.unplaced))  # fmt: skip
    return Outcome(len(result.placed), len(result.unplaced), moved, result)


def _tell_moved(session, event: MatchEvent, request: MeetingRequest, slot: int, table: int):
    when = matchmaking_notices.when(event, slot)
    for me, other in ((request.sender, request.receiver), (request.receiver, request.sender)):
        matchmaking_notices.tell(
            session, me, "meeting_moved", other=other.name, when=when, table=table
        )


def publish(actor: Actor | None, event_id: int) -> int:
    """Publish the timetable: agendas open and every participant is e-mailed its count."""
    _staff(actor)
    from marketplace.services.matchmaking.matchmaking_reading import meetings

    with write_transaction() as session:
        event = session.get(MatchEvent, event_id)
        if event is None:
            raise NotFound(_("No such event."))
        if event.scheduled_at is None:
            raise ValidationFailed({"event": _("Run the scheduler before publishing.")})
        if event.status == EventStatus.CANCELLED:
            raise ValidationFailed({"event": _("The event is cancelled.")})
        counts: dict[int, int] = {}
        for m in meetings(event.id):
            for pid in (m.request.from_id, m.request.to_id):
                counts[pid] = counts.get(pid, 0) + 1
        told = 0
        for p in session.scalars(select(EventParticipant).where(
                EventParticipant.event_id == event.id,
                EventParticipant.status == ParticipantStatus.REGISTERED)):  # fmt: skip
            matchmaking_notices.tell(session, p, "schedule_published", count=counts.get(p.id, 0))
            told += 1
        event.status, event.published_at = EventStatus.SCHEDULED, utcnow()
    return told


def move(actor: Actor, meeting_id: int, data: MeetingMove) -> Meeting:
    """Staff move a meeting to another slot and table; any conflict is refused, named."""
    if not can_manage_events(actor_of(actor)):  # no command moves meetings: staff only
        raise PermissionDenied(_("Only commission staff schedule events."))
    slot, table = data.slot, data.table
    with write_transaction() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise NotFound(_("No such meeting."))
        event = session.get(MatchEvent, meeting.event_id)
        if slot is None or not 1 <= slot <= event.slots:
            raise ValidationFailed({"slot": _("Choose a slot from 1 to %(n)s.", n=event.slots)})
        if table is None or not 1 <= table <= event.tables:
            raise ValidationFailed({"table": _("Choose a table from 1 to %(n)s.",
                                               n=event.tables)})  # fmt: skip
        problem = conflict(session, event, meeting, slot, table)
        if problem:
            raise ValidationFailed({"slot": problem})
        meeting.slot, meeting.table_no, meeting.moved_at = slot, table, utcnow()
        if event.published_at:
            _tell_moved(session, event, meeting.request, slot, table)
    return meeting


def conflict(session, event: MatchEvent, meeting: Meeting, slot: int, table: int) -> str | None:
    """Why a meeting cannot go to (slot, table), or None."""
    others = [m for m in session.scalars(select(Meeting).where(
        Meeting.event_id == event.id, Meeting.slot == slot, Meeting.id != meeting.id))]
    if any(m.table_no == table for m in others):
        return _("Table %(t)s is taken in slot %(s)s.", t=table, s=slot)
    for side in (meeting.request.sender, meeting.request.receiver):
        if slot in (side.unavailable or []):
            return _("%(name)s is unavailable in slot %(s)s.", name=side.name, s=slot)
        if any(side.id in (m.request.from_id, m.request.to_id) for m in others):
            return _("%(name)s already has a meeting in slot %(s)s.", name=side.name, s=slot)
    return None


def as_json(event: MatchEvent) -> dict:
    """The timetable as the command prints it: meetings by slot and table, and those left out."""
    from marketplace.services.matchmaking.matchmaking_reading import meetings, unplaced

    return {
        "meetings": [{"slot": m.slot, "table": m.table_no, "a": m.request.sender.ref,
                      "b": m.request.receiver.ref} for m in meetings(event.id)],
        "unplaced": [{"a": r.sender.ref, "b": r.receiver.ref, "reason": r.unplaced["text"],
                      "code": r.unplaced["reason"]} for r in unplaced(event.id)],
    }  # fmt: skip


def get_event(event_id: int) -> MatchEvent:
    """An event by id for staff pages, or NotFound."""
    event = db.session.get(MatchEvent, event_id)
    if event is None:
        raise NotFound(_("No such event."))
    return event
