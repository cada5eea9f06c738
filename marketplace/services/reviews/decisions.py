"""Approve or reject proposals (one or in bulk); which pairs the commission approved."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from marketplace.database import record_event, write_transaction
from marketplace.extensions import db
from marketplace.models import MatchDecision, MatchRow, User
from marketplace.models._types import utcnow
from marketplace.models.match_review import APPROVED, REJECTED, WITHDRAWN
from marketplace.models.matching import match_key
from marketplace.policies.actor import Actor, actor_of
from marketplace.policies.reviews import can_review_matches
from marketplace.services.audit import trail
from marketplace.services.common.service_errors import NotFound, PermissionDenied, ValidationFailed
from marketplace.services.reviews.proposals import PROPOSAL_FITS, build, latest_decisions
from marketplace.services.reviews.review_events import MatchDecided

log = logging.getLogger(__name__)

REASONS = {
    APPROVED: {
        "good-fit": _l("Good fit for the brief"),
        "proven-work": _l("Portfolio shows comparable work"),
        "verified-centre": _l("Verified design centre with the expertise"),
        "other": _l("Other (say why in the note)"),
    },
    REJECTED: {
        "wrong-industry": _l("Works in another industry"),
        "lacks-expertise": _l("Lacks the design expertise needed"),
        "too-generic": _l("Profile too vague to judge"),
        "weak-portfolio": _l("No comparable work in the portfolio"),
        "capacity": _l("Too small for the scope"),
        "other": _l("Other (say why in the note)"),
    },
}
MAX_NOTE = 1000
STALE = _l("This proposal changed since you loaded the page; reload it and decide again.")


class StaleProposal(ValidationFailed):
    """The proposal changed (rescored, retired, re-decided) since the reviewer loaded it."""


class DecisionWithdrawn(StaleProposal):
    """The decision was already withdrawn or replaced by a later one (answered with 409)."""


def _allowed(actor: Actor) -> Actor:
    actor = actor_of(actor)
    if not can_review_matches(actor) or actor.user_id is None:
        raise PermissionDenied(str(_l("Only commission staff decide on proposals.")))
    return actor


def _staff_user(session, actor: Actor) -> User:
    """The deciding staff account, for the audit row."""
    user = session.get(User, actor.user_id)
    if user is None:
        raise PermissionDenied(str(_l("Only commission staff decide on proposals.")))
    return user


@dataclass(frozen=True)
class Choice:
    """One decision as submitted: which row, the token the page carried, what and why."""

    row_id: int
    token: str
    decision: str
    reason_code: str
    note: str = ""


@dataclass(frozen=True)
class DecisionInput:
    """A decision on one proposal: the token the page (or API client) read, what and why."""

    token: str
    decision: str
    reason_code: str
    note: str = ""


def _check(choice: Choice) -> None:
    if choice.decision not in REASONS:
        raise ValidationFailed({"decision": str(_l("Choose approve or reject."))})
    if choice.reason_code not in REASONS[choice.decision]:
        raise ValidationFailed({"reason_code": str(_l("Choose one of the listed reasons."))})
    note = (choice.note or "").strip()
    if choice.reason_code == "other" and not note:
        raise ValidationFailed({"note": str(_l("Say in the note why you chose 'Other'."))})
    if len(note) > MAX_NOTE:
        raise ValidationFailed(
            {"note": str(_l("The note is longer than %(n)s characters.", n=MAX_NOTE))}
        )


def _snapshot(row: MatchRow) -> dict:
    return {
        "rank": row.rank, "score": row.score, "fit": row.fit, "parts": dict(row.parts or {}),
        "explanation": dict(row.explanation or {}), "model": row.model,
        "weights_version": row.weights_version,
        "computed_at": row.computed_at.isoformat() if row.computed_at else None,
    }  # fmt: skip


def decide_many(actor: Actor, choices: Sequence[Choice]) -> list[MatchDecision]:
    """Record decisions, all or none: any stale proposal refuses the whole batch."""
    actor = _allowed(actor)
    if not choices:
        raise ValidationFailed({"proposals": str(_l("Select at least one proposal."))})
    for choice in choices:
        _check(choice)
    made: list[MatchDecision] = []
    with write_transaction() as session:
        staff_user = _staff_user(session, actor)
        rows = {r.id: r for r in session.scalars(
            select(MatchRow).where(MatchRow.id.in_([c.row_id for c in choices]))
        )}  # fmt: skip
        missing = [c.row_id for c in choices if c.row_id not in rows]
        if missing:
            raise NotFound(f"No such proposal: {missing[0]}")
        current = {p.row.id: p for p in build(list(rows.values()))}
        for choice in choices:
            proposal = current.get(choice.row_id)
            row = rows[choice.row_id]
            if proposal is None or row.fit not in PROPOSAL_FITS or proposal.token != choice.token:
                raise StaleProposal({"proposal": str(STALE)})
            decision = MatchDecision(
                match_row_id=row.id, direction=row.direction, source_key=row.source_key,
                target_key=row.target_key, decision=choice.decision,
                reason_code=choice.reason_code, note=(choice.note or "").strip(),
                fingerprint=proposal.fingerprint, seen=_snapshot(row),
                decided_by_id=staff_user.id, decided_at=utcnow(),
            )  # fmt: skip
            session.add(decision)
            session.flush()
            trail.record(
                f"match-{choice.decision}", subject=f"{row.source_key}>{row.target_key}",
                before={"score": row.score, "fit": row.fit, "rank": row.rank},
                after={"decision": choice.decision, "reason": choice.reason_code},
                note=decision.note, actor=staff_user,
            )  # fmt: skip
            record_event(MatchDecided(decision.id, decision.decision, row.direction,
                                      row.source_key, row.target_key))  # fmt: skip
            made.append(decision)
    log.info("staff %s decided %d proposals", actor.user_id, len(made))
    return made


def withdraw(actor: Actor, decision_id: int, note: str = "") -> MatchDecision:
    """Take back an approval or a rejection (audited): the pair is undecided again, shows no
    mark, returns to the lists and to the review queue. Withdrawing twice is refused (409)."""
    actor = _allowed(actor)
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise ValidationFailed(
            {"note": str(_l("The note is longer than %(n)s characters.", n=MAX_NOTE))}
        )
    with write_transaction() as session:
        staff_user = _staff_user(session, actor)
        decision = session.get(MatchDecision, decision_id)
        if decision is None:
            raise NotFound(str(_l("No such decision.")))
        pair = (decision.direction, decision.source_key, decision.target_key)
        latest = latest_decisions({pair}).get(pair)
        if latest is None or latest.id != decision.id or decision.decision == WITHDRAWN:
            raise DecisionWithdrawn({"decision": str(_l(
                "This decision was already withdrawn or replaced; reload the page."))})
        made = MatchDecision(
            match_row_id=decision.match_row_id, direction=decision.direction,
            source_key=decision.source_key, target_key=decision.target_key, decision=WITHDRAWN,
            reason_code=WITHDRAWN, note=note, fingerprint=decision.fingerprint,
            seen=dict(decision.seen or {}), decided_by_id=staff_user.id, decided_at=utcnow(),
        )  # fmt: skip
        session.add(made)
        session.flush()
        trail.record(
            "match-withdrawn", subject=f"{decision.source_key}>{decision.target_key}",
            before={"decision": decision.decision, "reason": decision.reason_code},
            after={"decision": WITHDRAWN}, note=note, actor=staff_user,
        )  # fmt: skip
        record_event(MatchDecided(made.id, WITHDRAWN, decision.direction, decision.source_key,
                                  decision.target_key))  # fmt: skip
    log.info("staff %s withdrew decision %s", actor.user_id, decision_id)
    return made


def decide(actor: Actor, row_id: int, data: DecisionInput) -> MatchDecision:
    """Approve or reject one proposal (the match row `row_id`)."""
    choice = Choice(row_id, data.token, data.decision, data.reason_code, data.note)
    return decide_many(actor, [choice])[0]


def approved_targets(direction: str, source_key: str) -> set[str]:
    """Target keys the commission approved (latest decision) in this source's list."""
    keys = db.session.execute(
        select(MatchDecision.direction, MatchDecision.source_key, MatchDecision.target_key)
        .where(MatchDecision.direction == direction, MatchDecision.source_key == source_key)
    ).all()  # fmt: skip
    latest = latest_decisions({tuple(k) for k in keys})
    return {pair[2] for pair, d in latest.items() if d.decision == APPROVED}


def approved_sources(direction: str, target_key: str) -> set[str]:
    """Source keys whose proposal of this target the commission approved (latest decision)."""
    keys = db.session.execute(
        select(MatchDecision.direction, MatchDecision.source_key, MatchDecision.target_key)
        .where(MatchDecision.direction == direction, MatchDecision.target_key == target_key)
    ).all()  # fmt: skip
    latest = latest_decisions({tuple(k) for k in keys})
    return {pair[1] for pair, d in latest.items() if d.decision == APPROVED}


def approved_studio_ids(scenario_code: str) -> set[int]:
    """Studios approved for a scenario (for the 'commission-approved' badge)."""
    from marketplace.models.matching import SCENARIO_TO_STUDIO, split_key

    keys = approved_targets(SCENARIO_TO_STUDIO, match_key("scenario", scenario_code))
    return {int(split_key(k)[1]) for k in keys if split_key(k)[1].isdigit()}


def approved_scenario_codes(studio_id: int) -> set[str]:
    """Scenarios a studio was approved for (for its 'Scenarios for you')."""
    from marketplace.models.matching import SCENARIO_TO_STUDIO, split_key

    return {split_key(k)[1] for k in approved_sources(SCENARIO_TO_STUDIO,
                                                    match_key("studio", studio_id))}  # fmt: skip


def withdrawable(decisions: list[MatchDecision]) -> set[int]:
    """Ids of these decisions that still stand (latest on their pair, not a withdrawal)."""
    latest = latest_decisions({(d.direction, d.source_key, d.target_key) for d in decisions})
    return {d.id for d in latest.values() if d.decision != WITHDRAWN}


def recent(limit: int = 30) -> list[MatchDecision]:
    """The latest decisions, newest first (with who made them)."""
    return list(db.session.scalars(
        select(MatchDecision).order_by(MatchDecision.decided_at.desc(), MatchDecision.id.desc())
        .limit(limit)
    ))  # fmt: skip
