"""Every matchmaking policy: every role x own / other's registration x before / after deadlines."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from marketplace import policies
from marketplace.models import EventParticipant, MatchEvent, Meeting, MeetingRequest
from marketplace.policies import Actor

COVERS = {
    "acts_for_participant", "can_answer_request", "can_invite_from_meeting", "can_manage_events",
    "can_mark_meeting", "can_register", "can_request_meeting", "can_view_event",
    "can_view_participation", "can_view_request", "can_withdraw", "is_public_event",
}  # fmt: skip

OWN_STUDIO, OTHER_STUDIO, MAKER, OTHER_MAKER = 1, 2, 20, 21
START = datetime(2027, 3, 1, 6, 0)
BEFORE = START - timedelta(days=3)  # registration and requests open
CLOSED = START - timedelta(hours=1)  # both closed, event ahead
DURING = START + timedelta(minutes=30)  # slot 1 has begun
ACTORS = {
    "visitor": policies.VISITOR,
    "own studio": Actor(user_id=10, role="studio", studio_id=OWN_STUDIO),
    "colleague at own studio": Actor(user_id=13, role="studio", studio_id=OWN_STUDIO),
    "other studio": Actor(user_id=11, role="studio", studio_id=OTHER_STUDIO),
    "studio account without studio": Actor(user_id=12, role="studio", studio_id=None),
    "own manufacturer": Actor(user_id=MAKER, role="manufacturer"),
    "other manufacturer": Actor(user_id=OTHER_MAKER, role="manufacturer"),
    "staff": Actor(user_id=30, role="staff"),
}
STUDIO = {"own studio", "colleague at own studio"}
REGISTRANTS = STUDIO | {"other studio", "own manufacturer", "other manufacturer"}


def event(status="open"):
    return MatchEvent(id=1, status=status, starts_at=START, slots=4, tables=2, slot_minutes=20,
                      break_minutes=5, registration_deadline=START - timedelta(days=2),
                      request_deadline=START - timedelta(days=1))  # fmt: skip


def studio_side(ev, status="registered"):
    return EventParticipant(id=5, event_id=1, role="studio", user_id=10, studio_id=OWN_STUDIO,
                            status=status, event=ev)  # fmt: skip


def maker_side(ev, status="registered"):
    return EventParticipant(id=6, event_id=1, role="manufacturer", user_id=MAKER, status=status,
                            event=ev)  # fmt: skip


def request(status="pending"):
    ev = event()
    return MeetingRequest(id=7, from_id=6, to_id=5, status=status, sender=maker_side(ev),
                          receiver=studio_side(ev))  # fmt: skip


def meeting(outcome=None):
    return Meeting(id=8, slot=1, table_no=1, outcome=outcome, request=request("accepted"))


OBJECTS = {
    "open event": lambda: (event(),),
    "cancelled event": lambda: (event("cancelled"),),
    "studio registration": lambda: (studio_side(event()),),
    "withdrawn studio": lambda: (studio_side(event(), "withdrawn"),),
    "maker asks studio": lambda: (maker_side(event()), studio_side(event())),
    "studio asks itself": lambda: (studio_side(event()), studio_side(event())),
    "pending request": lambda: (request(),),
    "declined request": lambda: (request("declined"),),
    "meeting": lambda: (meeting(),),
    "held meeting": lambda: (meeting("held"),),
    None: lambda: (),
}
# (policy, object, when) -> who may; everyone else is refused
CASES = {
    ("is_public_event", "open event", None): set(ACTORS),
    ("is_public_event", "cancelled event", None): set(),
    ("can_view_event", "open event", None): set(ACTORS),
    ("can_view_event", "cancelled event", None): {"staff"},
    ("can_manage_events", None, None): {"staff"},
    ("can_register", "open event", BEFORE): REGISTRANTS,
    ("can_register", "open event", CLOSED): set(),
    ("can_register", "cancelled event", BEFORE): set(),
    ("acts_for_participant", "studio registration", None): STUDIO,
    ("can_view_participation", "studio registration", None): STUDIO | {"staff"},
    ("can_request_meeting", "maker asks studio", BEFORE): {"own manufacturer"},
    ("can_request_meeting", "maker asks studio", CLOSED): set(),
    ("can_request_meeting", "studio asks itself", BEFORE): set(),
    ("can_answer_request", "pending request", BEFORE): STUDIO,
    ("can_answer_request", "pending request", CLOSED): set(),
    ("can_answer_request", "declined request", BEFORE): set(),
    ("can_view_request", "pending request", None): STUDIO | {"own manufacturer", "staff"},
    ("can_withdraw", "studio registration", CLOSED): STUDIO,
    ("can_withdraw", "withdrawn studio", BEFORE): set(),
    ("can_withdraw", "studio registration", START + timedelta(days=1)): set(),
    ("can_mark_meeting", "meeting", CLOSED): set(),
    ("can_mark_meeting", "meeting", DURING): STUDIO | {"own manufacturer"},
    ("can_invite_from_meeting", "meeting", DURING): set(),
    ("can_invite_from_meeting", "held meeting", DURING): {"own manufacturer"},
}


@pytest.mark.parametrize("actor_name", sorted(ACTORS))
@pytest.mark.parametrize(("policy", "obj", "when"), sorted(CASES, key=str))
def test_matchmaking_policy_allows_exactly_the_expected_actors(policy, obj, when, actor_name):
    decide = getattr(policies, policy)
    args = list(OBJECTS[obj]())
    if policy not in {"is_public_event"}:
        args = [ACTORS[actor_name], *args]
    if when is not None:
        args.append(when)
    assert decide(*args) is (actor_name in CASES[(policy, obj, when)])


def test_the_table_covers_every_matchmaking_policy():
    assert {policy for policy, _, _ in CASES} == COVERS
