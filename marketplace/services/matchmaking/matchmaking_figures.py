"""An event's figures, computed from the record: registrations, requests, meetings held, and
the invitations and awards that followed between its meeting pairs; totals for the city."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import select

from marketplace.extensions import db
from marketplace.models import (
    Bid,
    BidStatus,
    EventParticipant,
    Invitation,
    MatchEvent,
    Meeting,
    MeetingRequest,
    Need,
    ParticipantStatus,
    RequestStatus,
)


@dataclass
class Figures:
    """Counts for one event (or summed over events)."""

    events: int = 0
    registered: int = 0
    manufacturers: int = 0
    studios: int = 0
    withdrawn: int = 0
    checked_in: int = 0
    requests: int = 0
    accepted: int = 0
    declined: int = 0
    pending: int = 0
    scheduled: int = 0
    unplaced: int = 0
    held: int = 0
    missed: int = 0
    invitations: int = 0
    awards: int = 0

    def add(self, other: Figures) -> None:
        """Add another event's counts to these."""
        for name, value in asdict(other).items():
            setattr(self, name, getattr(self, name) + value)

    def as_dict(self) -> dict[str, int]:
        """JSON-ready counts."""
        return asdict(self)


def _pairs(event: MatchEvent, held_only: bool) -> set[tuple[int, int]]:
    """(manufacturer user id, studio id) of the event's meetings (held ones, or all placed)."""
    rows = db.session.scalars(select(Meeting).where(Meeting.event_id == event.id))
    out = set()
    for m in rows:
        if held_only and m.outcome != "held":
            continue
        sides = (m.request.sender, m.request.receiver)
        maker = next((p.user_id for p in sides if p.role == "manufacturer"), None)
        studio = next((p.studio_id for p in sides if p.role == "studio"), None)
        if maker and studio:
            out.add((maker, studio))
    return out


def for_event(event: MatchEvent) -> Figures:
    """Every figure of one event, counted from its rows."""
    f = Figures(events=1)
    for p in db.session.scalars(select(EventParticipant).where(
            EventParticipant.event_id == event.id)):  # fmt: skip
        if p.status == ParticipantStatus.WITHDRAWN:
            f.withdrawn += 1
            continue
        f.registered += 1
        f.manufacturers += p.role == "manufacturer"
        f.studios += p.role == "studio"
        f.checked_in += p.checked_in_at is not None
    for r in db.session.scalars(select(MeetingRequest).where(
            MeetingRequest.event_id == event.id)):  # fmt: skip
        f.requests += 1
        f.accepted += r.status == RequestStatus.ACCEPTED
        f.declined += r.status == RequestStatus.DECLINED
        f.pending += r.status == RequestStatus.PENDING
        f.unplaced += r.status == RequestStatus.ACCEPTED and r.unplaced is not None
    for m in db.session.scalars(select(Meeting).where(Meeting.event_id == event.id)):
        f.scheduled += 1
        f.held += m.outcome == "held"
        f.missed += m.outcome == "missed"
    held = _pairs(event, held_only=True)
    placed = _pairs(event, held_only=False)
    for inv in db.session.scalars(select(Invitation).where(
            Invitation.source == "event", Invitation.created_at >= event.starts_at)):  # fmt: skip
        f.invitations += (inv.need.manufacturer_id, inv.studio_id) in held
    awarded = db.session.execute(select(Need.manufacturer_id, Bid.studio_id).join(Bid.need).where(
        Bid.status == BidStatus.AWARDED, Bid.decided_at >= event.starts_at))  # fmt: skip
    f.awards = sum(1 for maker, studio in awarded if (maker, studio) in placed)
    return f


def totals() -> Figures:
    """Summed over every event that was not cancelled (for the city figures)."""
    out = Figures()
    for event in db.session.scalars(select(MatchEvent).where(MatchEvent.status != "cancelled")):
        out.add(for_event(event))
    return out


def events_in_period(period) -> Figures:
    """Summed over the events (not cancelled) that began inside `period` (a city Period, or
    anything with contains(datetime)): the matchmaking figures of /city and /staff/city."""
    out = Figures()
    query = select(MatchEvent).where(MatchEvent.status != "cancelled").order_by(MatchEvent.id)
    for event in db.session.scalars(query):
        if period.contains(event.starts_at):
            out.add(for_event(event))
    return out
