"""Participants ranked by fit for each other (the app's matcher), stored per event by a job.

Manufacturers see studios in the need-studio voice, studios see manufacturers in the
studio-need voice. A manufacturer is matched on its chosen need, else on what it seeks. Run
after every registration change (ParticipantsChanged); pages read the stored rows.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select

from marketplace.database import write_transaction
from marketplace.extensions import db
from marketplace.models import EventParticipant, MatchEvent, ParticipantFit, ParticipantStatus
from marketplace.models.matching import NEED_TO_STUDIO, STUDIO_TO_NEED
from marketplace.services.matching import matches, store
from marketplace.services.matching.match_reasons import explanation_json, reader_reasons
from marketplace.services.matching.need_matches import fit_of, need_profile
from matching.store import encode_profiles
from matching.types import Profile

log = logging.getLogger(__name__)


def _profile(p: EventParticipant) -> Profile | None:
    if p.role == "studio":
        return store.studio_profile(p.studio) if p.studio is not None else None
    if p.need is not None:
        base = need_profile(p.need)
        return Profile(id=f"p{p.id}", title=base.title, text=base.text,
                       industries=base.industries, disciplines=base.disciplines)  # fmt: skip
    if p.seeking:
        return Profile(id=f"p{p.id}", title=p.name, text=p.seeking)
    return None


def refresh_event(event_id: int) -> int:
    """Rank every active participant's counterparts; returns the number of rows stored."""
    rows = [p for p in db.session.scalars(select(EventParticipant).where(
        EventParticipant.event_id == event_id,
        EventParticipant.status == ParticipantStatus.REGISTERED))]  # fmt: skip
    profiles = {p.id: _profile(p) for p in rows}
    makers = [p for p in rows if p.role == "manufacturer" and profiles[p.id] is not None]
    studios = [p for p in rows if p.role == "studio" and profiles[p.id] is not None]
    entries: list[ParticipantFit] = []
    model = ""
    if makers and studios:
        eng = matches.engine()
        model = eng.encoder.name
        ordered = makers + studios
        plain = [profiles[p.id] for p in ordered]
        stored = store.load_vectors(["studio"], eng.encoder.name, eng.encoder.dim)
        vectors, _ = encode_profiles(eng.encoder, plain, stored)
        prepared = eng.matcher.prepare(plain, vectors=vectors)
        by_pid = dict(zip([p.id for p in ordered], prepared, strict=True))
        entries += _rank(eng, event_id, makers, studios, by_pid, NEED_TO_STUDIO)
        entries += _rank(eng, event_id, studios, makers, by_pid, STUDIO_TO_NEED)
    with write_transaction() as session:
        session.execute(delete(ParticipantFit).where(ParticipantFit.event_id == event_id))
        for entry in entries:
            entry.model = model
            session.add(entry)
    return len(entries)


def _rank(eng, event_id: int, viewers, candidates, by_pid, direction: str) -> list:
    pool = eng.matcher.pool([by_pid[c.id] for c in candidates])
    ids = {by_pid[c.id].id: c.id for c in candidates}
    out = []
    for viewer in viewers:
        found = eng.matcher.rank(by_pid[viewer.id], pool, k=len(candidates))
        for rank, m in enumerate(found, start=1):
            explanation = explanation_json(m, direction)
            explanation["fit"] = fit_of(m)
            out.append(ParticipantFit(event_id=event_id, viewer_id=viewer.id,
                                      candidate_id=ids[m.id], rank=rank, score=float(m.score),
                                      fit=explanation["fit"], explanation=explanation))  # fmt: skip
    return out


def on_participants_changed(events: Sequence[Any]) -> None:
    """Job handler: recompute the fits of every event named."""
    for event_id in sorted({i for e in events for i in e.event_ids}):
        if db.session.get(MatchEvent, event_id) is not None:
            refresh_event(event_id)


@dataclass
class Candidate:
    """A counterpart as one participant sees it: rank, fit level and reasons (may be unranked)."""

    participant: EventParticipant
    rank: int | None
    fit: str | None
    explanation: dict
    direction: str

    @property
    def reasons(self) -> list[str]:
        """Reasons in the reader's language."""
        return reader_reasons(self.explanation, self.direction) if self.explanation else []


def ranked_for(viewer: EventParticipant, others: list[EventParticipant]) -> list[Candidate]:
    """The other side's active participants, ranked rows first, then the rest by reference."""
    direction = NEED_TO_STUDIO if viewer.role == "manufacturer" else STUDIO_TO_NEED
    stored = {f.candidate_id: f for f in db.session.scalars(select(ParticipantFit).where(
        ParticipantFit.viewer_id == viewer.id))}  # fmt: skip
    out = [Candidate(p, stored[p.id].rank if p.id in stored else None,
                     stored[p.id].fit if p.id in stored else None,
                     stored[p.id].explanation if p.id in stored else {}, direction)
           for p in others if p.role != viewer.role and p.is_active]  # fmt: skip
    return sorted(out, key=lambda c: (c.rank is None, c.rank or 0, c.participant.ref))
