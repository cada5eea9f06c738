"""Nobody reads another's requests or agenda by editing an id; bad requests are refused."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from marketplace.extensions import db
from marketplace.models import EventParticipant, MeetingRequest
from marketplace.services.common.service_errors import ValidationFailed
from marketplace.services.matchmaking import asking, planning
from tests.functional.matchmaking.conftest import actor, client_for, close_requests, event_input
from tests.functional.matchmaking.test_event_flow import participant, register_all


@pytest.fixture
def scheduled(app, world):
    """maker1 and studio1 have a published meeting; everyone is registered."""
    clients = register_all(app, world)
    s1 = participant(app, world.studio1.id)
    clients["maker1"].post(f"/events/{world.event_id}/requests", data={"to": str(s1.id)})
    with app.app_context():
        request_id = db.session.scalar(select(MeetingRequest.id))
    clients["studio1"].post(f"/events/requests/{request_id}/accept")
    close_requests(app, world.event_id)
    staff = client_for(app, world.staff)
    staff.post(f"/staff/events/{world.event_id}/schedule")
    staff.post(f"/staff/events/{world.event_id}/publish")
    return clients, request_id


def test_another_participants_agenda_and_calendar_are_not_found(app, world, scheduled):
    clients, _ = scheduled
    m1 = participant(app, world.maker1.id)
    for intruder in ("maker2", "studio2"):
        for url in (f"/events/participants/{m1.id}/agenda",
                    f"/events/participants/{m1.id}/agenda.ics",
                    f"/events/participants/{m1.id}/agenda?print=1"):  # fmt: skip
            assert clients[intruder].get(url).status_code == 404
        assert clients[intruder].post(f"/events/participants/{m1.id}/withdraw").status_code == 404
        assert clients[intruder].post(
            f"/events/participants/{m1.id}/availability").status_code == 404
    assert client_for(app, world.staff).get(f"/events/participants/{m1.id}/agenda").status_code \
        == 200
    assert app.test_client().get(f"/events/participants/{m1.id}/agenda").status_code == 302


def test_another_participants_request_cannot_be_answered_or_seen(app, world, make_account):
    clients = register_all(app, world)
    s1 = participant(app, world.studio1.id)
    clients["maker1"].post(f"/events/{world.event_id}/requests",
                           data={"to": str(s1.id), "note": "private note"})  # fmt: skip
    with app.app_context():
        request_id = db.session.scalar(select(MeetingRequest.id))
    for intruder in ("studio2", "maker2"):
        assert clients[intruder].post(f"/events/requests/{request_id}/accept").status_code == 404
        page = clients[intruder].get(f"/events/{world.event_id}/me").get_data(as_text=True)
        assert "private note" not in page
    outsider = client_for(app, make_account("studio", email="outsider@example.com"))
    assert outsider.get(f"/events/{world.event_id}/me").status_code == 302  # to register first
    # the sender cannot accept its own request either
    assert clients["maker1"].post(f"/events/requests/{request_id}/accept").status_code == 302
    with app.app_context():
        assert db.session.get(MeetingRequest, request_id).status == "pending"


@pytest.mark.parametrize("who", ["studio1", "maker1"])
def test_staff_pages_are_forbidden_to_participants(app, world, who):
    client = client_for(app, getattr(world, who))
    for url in ("/staff/events", f"/staff/events/{world.event_id}",
                f"/staff/events/{world.event_id}/timetable",
                f"/staff/events/{world.event_id}/cards"):  # fmt: skip
        assert client.get(url).status_code == 403
    assert client.post(f"/staff/events/{world.event_id}/schedule").status_code == 403


def _send(app, world, sender, to, note=""):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        asking.send(actor(sender), participant(app, sender.id).id, asking.MeetingAsk(to, note))


def test_bad_requests_are_refused_with_the_reason(app, world):
    register_all(app, world)
    s1, s2 = participant(app, world.studio1.id), participant(app, world.studio2.id)
    m1, m2 = participant(app, world.maker1.id), participant(app, world.maker2.id)
    cases = [
        (world.maker1, m1.id, "You cannot request a meeting with yourself."),
        (world.maker1, m2.id, "Meetings are between a manufacturer and a studio."),
        (world.maker1, 999, "No such participant at this event."),
    ]
    for sender, to, message in cases:
        with pytest.raises(ValidationFailed, match=message):
            _send(app, world, sender, to)
    _send(app, world, world.maker1, s1.id)
    with pytest.raises(ValidationFailed, match="already a request between you"):
        _send(app, world, world.studio1, m1.id)  # the other way round is a duplicate too
    with pytest.raises(ValidationFailed, match="At most 500 characters"):
        _send(app, world, world.maker1, s2.id, "x" * 501)
    close_requests(app, world.event_id)
    with pytest.raises(ValidationFailed, match="Meeting requests for this event closed"):
        _send(app, world, world.maker1, s2.id)
    with app.app_context():
        assert db.session.query(MeetingRequest).count() == 1


def test_request_and_meeting_limits_set_by_staff(app, world):
    with app.test_request_context():
        event = planning.create(actor(world.staff), event_input(max_requests=1, max_meetings=1))
    clients = {n: client_for(app, getattr(world, n)) for n in ("studio1", "maker1", "maker2")}
    for name in clients:
        data = {"need_id": str(world.need_id)} if name == "maker1" else {
            "seeking": "Industrial design of a kitchen appliance family."}
        clients[name].post(f"/events/{event.id}/register", data=data)
    with app.app_context():
        people = {p.user_id: p.id for p in db.session.scalars(select(EventParticipant).where(
            EventParticipant.event_id == event.id))}
    s1 = people[world.studio1.id]
    clients["maker1"].post(f"/events/{event.id}/requests", data={"to": str(s1)})
    clients["maker2"].post(f"/events/{event.id}/requests", data={"to": str(s1)})
    second = clients["studio1"].post(f"/events/{event.id}/requests",
                                     data={"to": str(people[world.maker2.id])},
                                     follow_redirects=True)  # fmt: skip
    assert "There is already a request between you" in second.get_data(as_text=True)
    with app.app_context():
        first, other = db.session.scalars(select(MeetingRequest).where(
            MeetingRequest.event_id == event.id).order_by(MeetingRequest.id)).all()
        first_id, other_id = first.id, other.id
    clients["studio1"].post(f"/events/requests/{first_id}/accept")
    over = clients["studio1"].post(f"/events/requests/{other_id}/accept", follow_redirects=True)
    assert "already has the most meetings allowed at this event (1)" in over.get_data(as_text=True)


def test_bad_event_input_names_each_field(app, world):
    staff = client_for(app, world.staff)
    page = staff.post("/staff/events/new", data={
        "title_zh": "", "title_en": "Session", "slots": "0", "tables": "3",
        "online_link": "not a link", "starts_at": "2027-03-01T14:00",
        "registration_deadline": "2027-03-02T10:00", "request_deadline": "2027-02-27T10:00",
        "max_requests": "5", "max_meetings": "4", "slot_minutes": "20", "break_minutes": "5",
        "focus_scenarios": "NEV-01, ZZZ-99",
    })  # fmt: skip
    assert page.status_code == 400
    html = page.get_data(as_text=True)
    for message in ("Enter the title in both languages.", "between 1 and 48",
                    "must be a web address starting with http",
                    "Registration must close no later than requests.",
                    "Unknown scenario: ZZZ-99"):  # fmt: skip
        assert message in html
