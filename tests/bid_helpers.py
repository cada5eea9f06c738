"""Test helpers for bids: needs in a given state (the needs service is another engineer's),
moving a need's deadline, and a valid bid."""

from __future__ import annotations

from datetime import datetime, timedelta

from marketplace.database import write_transaction
from marketplace.models import Need
from marketplace.models._types import utcnow
from marketplace.services.bids.submitting import BidInput

APPROACH = "Clay model first, then CMF studies and two rounds of user tests with drivers."
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def make_need(
    manufacturer_id: int, *, status: str = "published", deadline: datetime | None = None,
    title: str = "Battery enclosure for a city EV",
) -> int:  # fmt: skip
    """A need of that manufacturer in that state, its deadline a day ahead unless given."""
    with write_transaction() as session:
        need = Need(
            ref=f"T-{utcnow().timestamp()}-{manufacturer_id}-{title[:10]}",
            manufacturer_id=manufacturer_id, title=title,
            description="We need a battery enclosure designed for a compact city EV.",
            status=status, bid_deadline=deadline or utcnow() + timedelta(days=1),
        )  # fmt: skip
        session.add(need)
        session.flush()
        return need.id


def set_deadline(need_id: int, when: datetime) -> None:
    """Move a need's deadline (e.g. into the past: bidding is over)."""
    with write_transaction() as session:
        session.get(Need, need_id).bid_deadline = when


def pass_deadline(need_id: int) -> None:
    """The deadline was a minute ago."""
    set_deadline(need_id, utcnow() - timedelta(minutes=1))


def bid_input(price: int = 120_000, weeks: int = 10) -> BidInput:
    """A valid bid."""
    return BidInput(APPROACH, price, weeks, "Two designers and an engineer")


def bid_form(price: int = 120_000, weeks: int = 10) -> dict:
    """A valid bid form."""
    return {"approach": APPROACH, "price": str(price), "duration_weeks": str(weeks),
            "team": "Two designers and an engineer"}  # fmt: skip


def studio_actor(studio_id: int):
    """The Actor of one of a studio's accounts (what the studio write services take)."""
    from marketplace.policies.actor import Actor

    return Actor(role="studio", studio_id=studio_id)
