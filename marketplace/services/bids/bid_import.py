"""`flask bids import`: demo and migration bids as JSON Lines, validated in full before writing.

One bid per line: `need` (a need's ref), `studio` (a studio's ref), `approach`, `price` (CNY),
`weeks`, optional `team`, `status` (submitted, shortlisted, awarded, declined, withdrawn;
default submitted), `reason` and `note` for a declined bid. Decided statuses need the need's
deadline to have passed (bids stay sealed until then); at most one awarded bid per need, which
marks the need awarded. Re-importing a (need, studio) pair updates that bid in place.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TextIO

from sqlalchemy import select

from marketplace.database import write_transaction
from marketplace.extensions import db
from marketplace.models import Bid, BidStatus, Need, NeedStatus, Studio
from marketplace.models._types import utcnow
from marketplace.services.bids.bid_reasons import DECLINE_REASONS, NOTE_MAX
from marketplace.services.bids.submitting import APPROACH_MAX, APPROACH_MIN, PRICE_MAX, WEEKS_MAX
from marketplace.services.common.jsonl import ImportRejected, LineChecker, LineError, validate_lines

log = logging.getLogger(__name__)

STATUSES = [s.value for s in BidStatus]
DECIDED = {BidStatus.SHORTLISTED, BidStatus.AWARDED, BidStatus.DECLINED}
BIDDABLE = {NeedStatus.PUBLISHED, NeedStatus.AWARDED, NeedStatus.CLOSED}


@dataclass
class BidRecord:
    """One validated line."""

    line: int
    need: str
    studio: str
    approach: str
    price: int
    weeks: int
    team: str
    status: str
    reason: str | None
    note: str | None


def _parse(check: LineChecker) -> BidRecord | None:
    need = check.text("need", max_len=64)
    studio = check.text("studio", max_len=64)
    approach = check.text("approach", min_len=APPROACH_MIN, max_len=APPROACH_MAX)
    price = check.integer("price", low=1, high=PRICE_MAX)
    weeks = check.integer("weeks", low=1, high=WEEKS_MAX)
    team = check.text("team", required=False, max_len=2000) or ""
    status = check.choice("status", STATUSES, default=BidStatus.SUBMITTED)
    reason = check.choice("reason", list(DECLINE_REASONS))
    note = check.text("note", required=False, max_len=NOTE_MAX)
    for name, value in (("price", price), ("weeks", weeks)):
        if value is None and name not in {e.field for e in check.errors if e.line == check.line}:
            check.fail(name, "is required")
    if status == BidStatus.DECLINED and reason is None and "reason" not in check.obj:
        check.fail("reason", "a declined bid needs a reason: " + ", ".join(DECLINE_REASONS))
    if None in (need, studio, approach, price, weeks, status):
        return None
    return BidRecord(check.line, need, studio, approach, price, weeks, team, status, reason, note)


def parse_bids(stream: TextIO) -> list[BidRecord]:
    """Validate every line against the file and the database; ImportRejected lists every problem."""
    records = validate_lines(stream, _parse, key=lambda r: f"{r.need}/{r.studio}",
                             key_field="need/studio")  # fmt: skip
    errors: list[LineError] = []
    needs = {n.ref: n for n in db.session.scalars(
        select(Need).where(Need.ref.in_({r.need for r in records})))}  # fmt: skip
    studios = set(db.session.scalars(
        select(Studio.ref).where(Studio.ref.in_({r.studio for r in records}))))  # fmt: skip
    awarded: dict[str, int] = {}
    now = utcnow()
    for r in records:
        need = needs.get(r.need)
        if need is None:
            errors.append(LineError(r.line, "need", f"no need with ref {r.need!r}"))
        elif need.status not in BIDDABLE:
            errors.append(LineError(r.line, "need", f"{r.need} is {need.status}, not published"))
        elif r.status in DECIDED and not need.deadline_passed(now):
            errors.append(LineError(r.line, "status", "bids stay sealed until the deadline: "
                                    f"{r.status} needs {r.need}'s deadline to have passed"))
        if r.studio not in studios:
            errors.append(LineError(r.line, "studio", f"no studio with ref {r.studio!r}"))
        if r.status == BidStatus.AWARDED:
            if r.need in awarded:
                first = awarded[r.need]
                message = f"{r.need} already has an awarded bid (line {first})"
                errors.append(LineError(r.line, "status", message))
            awarded[r.need] = r.line
    if errors:
        raise ImportRejected(errors)
    return records


def import_bids(records: list[BidRecord]) -> tuple[int, int]:
    """Write validated bids in one transaction; returns (created, updated)."""
    created = updated = 0
    with write_transaction() as session:
        needs = {n.ref: n for n in session.scalars(
            select(Need).where(Need.ref.in_({r.need for r in records})))}  # fmt: skip
        studios = {s.ref: s.id for s in session.scalars(
            select(Studio).where(Studio.ref.in_({r.studio for r in records})))}  # fmt: skip
        for r in records:
            need, studio_id = needs[r.need], studios[r.studio]
            bid = session.scalar(select(Bid).where(Bid.need_id == need.id,
                                                   Bid.studio_id == studio_id))  # fmt: skip
            if bid is None:
                bid = Bid(need_id=need.id, studio_id=studio_id)
                session.add(bid)
                created += 1
            else:
                updated += 1
            bid.approach, bid.price, bid.duration_weeks, bid.team = (
                r.approach, r.price, r.weeks, r.team)  # fmt: skip
            bid.status = r.status
            bid.decline_reason = r.reason if r.status == BidStatus.DECLINED else None
            bid.decline_note = r.note if r.status == BidStatus.DECLINED else None
            bid.decided_at = utcnow() if r.status in DECIDED else None
            if r.status == BidStatus.AWARDED and need.status == NeedStatus.PUBLISHED:
                need.status, need.closed_at = NeedStatus.AWARDED, utcnow()
    log.info("imported bids: %d new, %d updated", created, updated)
    return created, updated


__all__ = ["BidRecord", "ImportRejected", "import_bids", "parse_bids"]
