"""A small event world: staff, two studios with profiles, two manufacturers (one with a need)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from marketplace.database import write_transaction
from marketplace.models import MatchEvent, Studio
from marketplace.models._types import utcnow
from marketplace.policies import Actor
from marketplace.services.matchmaking import planning
from tests.bid_helpers import make_need
from tests.conftest import Account, login

STATEMENTS = {
    "studio1": "Industrial design for electric vehicles: battery enclosures, charging "
               "equipment, CMF and ergonomics for new energy vehicle makers.",
    "studio2": "Smart home electronics design: speakers, displays, user interface and "
               "product form for consumer electronics brands.",
}  # fmt: skip


def actor(account: Account) -> Actor:
    """The policy actor of a test account."""
    return Actor(user_id=account.id, role=account.role, studio_id=account.studio_id)


def give_profile(account: Account, statement: str, name: str) -> None:
    """Write a studio's capability statement (the studio service is another domain's)."""
    with write_transaction() as session:
        studio = session.get(Studio, account.studio_id)
        studio.capability_statement, studio.name = statement, name


def event_input(slots: int = 4, tables: int = 2, **extra) -> planning.EventInput:
    """A valid event three days ahead: registration closes in one day, requests in two."""
    now = utcnow()
    values = dict(
        title_zh="两江新区供需对接会", title_en="Liangjiang matchmaking session",
        starts_at=now + timedelta(days=3), slots=slots, tables=tables,
        registration_deadline=now + timedelta(days=1), request_deadline=now + timedelta(days=2),
        venue="Chongqing Design Park, Hall B", focus_industries=["NEV"], max_requests=5,
        max_meetings=min(3, slots),
    )  # fmt: skip
    values.update(extra)
    return planning.EventInput(**values)


def shift(app, event_id: int, **changes) -> None:
    """Move an event's times (tests only): e.g. close requests or start the event."""
    with app.app_context(), write_transaction() as session:
        event = session.get(MatchEvent, event_id)
        for name, value in changes.items():
            setattr(event, name, value)


def close_requests(app, event_id: int) -> None:
    """Registration and requests closed a minute ago; the event is still ahead."""
    past = utcnow() - timedelta(minutes=1)
    shift(app, event_id, registration_deadline=past, request_deadline=past)


def start_event(app, event_id: int) -> None:
    """The event began an hour ago (every slot of a short event has begun)."""
    past = utcnow() - timedelta(hours=2)
    shift(app, event_id, registration_deadline=past, request_deadline=past,
          starts_at=utcnow() - timedelta(hours=1))  # fmt: skip


@dataclass
class World:
    """Accounts and the open event."""

    staff: Account
    studio1: Account
    studio2: Account
    maker1: Account
    maker2: Account
    need_id: int
    event_id: int


@pytest.fixture
def world(app, make_account) -> World:
    """Everyone registered as an account; the event open; nobody registered for it yet."""
    staff = make_account("staff", email="staff@example.com")
    s1 = make_account("studio", email="studio1@example.com", name="Liangjiang Form Studio")
    s2 = make_account("studio", email="studio2@example.com", name="Yuzhong Pixel Lab")
    m1 = make_account("manufacturer", email="maker1@example.com", name="Changan Parts")
    m2 = make_account("manufacturer", email="maker2@example.com", name="Jiangbei Appliances")
    with app.app_context():
        give_profile(s1, STATEMENTS["studio1"], "Liangjiang Form Studio")
        give_profile(s2, STATEMENTS["studio2"], "Yuzhong Pixel Lab")
        need_id = make_need(m1.id, title="Battery enclosure for a city EV",
                            deadline=utcnow() + timedelta(days=30))  # fmt: skip
        event = planning.create(actor(staff), event_input())
        return World(staff, s1, s2, m1, m2, need_id, event.id)


def client_for(app, account: Account):
    """A logged-in English test client."""
    client = app.test_client()
    login(client, account)
    return client
