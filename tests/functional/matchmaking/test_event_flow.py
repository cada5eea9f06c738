"""From registration to a published agenda, through the pages a participant and staff use."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from marketplace.extensions import db
from marketplace.models import EventParticipant, Meeting, MeetingRequest, Notification
from marketplace.services.common.service_errors import PermissionDenied
from marketplace.services.matchmaking import scheduling
from tests.functional.matchmaking.conftest import actor, client_for, close_requests


def register_all(app, world):
    """Both studios and both manufacturers register through the form; returns their clients."""
    clients = {name: client_for(app, getattr(world, name))
               for name in ("studio1", "studio2", "maker1", "maker2")}  # fmt: skip
    url = f"/events/{world.event_id}/register"
    assert clients["studio1"].post(url, data={"unavailable": ["4"]}).status_code == 302
    assert clients["studio2"].post(url, data={}).status_code == 302
    maker = clients["maker1"].post(url, data={"need_id": str(world.need_id)})
    assert maker.status_code == 302
    seeking = "Design of a compact kitchen appliance family with a smart display."
    assert clients["maker2"].post(url, data={"seeking": seeking}).status_code == 302
    return clients


def participant(app, user_id):
    with app.app_context():
        return db.session.scalar(select(EventParticipant).where(
            EventParticipant.user_id == user_id))


def test_visitors_see_the_event_in_both_languages(app, world):
    client = app.test_client()
    page = client.get("/events").get_data(as_text=True)
    assert "Liangjiang matchmaking session" in page and "Chongqing Design Park, Hall B" in page
    chinese = client.get(f"/events/{world.event_id}",
                         headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert "两江新区供需对接会" in chinese


def test_participants_see_the_other_side_ranked_by_fit_with_reasons(app, world):
    clients = register_all(app, world)
    page = clients["maker1"].get(f"/events/{world.event_id}/me").get_data(as_text=True)
    # the EV need ranks the EV studio above the electronics studio, with a reason
    assert page.index("Liangjiang Form Studio") < page.index("Yuzhong Pixel Lab")
    assert "match-reasons" in page
    studio_page = clients["studio1"].get(f"/events/{world.event_id}/me").get_data(as_text=True)
    assert "Changan Parts" in studio_page and "Jiangbei Appliances" in studio_page
    assert "Liangjiang Form Studio</strong>" not in studio_page.split("Who fits you best")[1]


def test_request_accept_schedule_publish_and_agenda(app, world):
    clients = register_all(app, world)
    s1, m1 = participant(app, world.studio1.id), participant(app, world.maker1.id)
    sent = clients["maker1"].post(f"/events/{world.event_id}/requests",
                                  data={"to": str(s1.id), "note": "Battery enclosure, 2027"})
    assert sent.status_code == 302
    studio_page = clients["studio1"].get(f"/events/{world.event_id}/me").get_data(as_text=True)
    assert "Battery enclosure, 2027" in studio_page and "waiting for an answer" in studio_page
    with app.app_context():
        request_id = db.session.scalar(select(MeetingRequest.id))
        told = db.session.scalar(select(Notification).where(
            Notification.kind == "meeting_requested"))
        assert told.user_id == world.studio1.id
    assert clients["studio1"].post(f"/events/requests/{request_id}/accept").status_code == 302
    close_requests(app, world.event_id)
    staff = client_for(app, world.staff)
    ran = staff.post(f"/staff/events/{world.event_id}/schedule", follow_redirects=True)
    assert "1 meetings placed, 0 left out." in ran.get_data(as_text=True)
    published = staff.post(f"/staff/events/{world.event_id}/publish", follow_redirects=True)
    assert "The timetable is published; 4 participants were told." in published.get_data(
        as_text=True)
    mails = [m for m in app.extensions["mailman"].outbox if m.to == ["maker1@example.com"]]
    assert any("1 meetings" in m.body or "1 场洽谈" in m.body for m in mails)
    agenda = clients["maker1"].get(f"/events/participants/{m1.id}/agenda").get_data(as_text=True)
    assert "Liangjiang Form Studio" in agenda and "<strong>1</strong>" in agenda
    printable = clients["maker1"].get(f"/events/participants/{m1.id}/agenda?print=1")
    assert "site-header" not in printable.get_data(as_text=True)
    ics = clients["maker1"].get(f"/events/participants/{m1.id}/agenda.ics")
    assert ics.mimetype == "text/calendar"
    body = ics.get_data()
    assert body.startswith(b"BEGIN:VCALENDAR\r\n") and body.count(b"BEGIN:VEVENT") == 1
    assert b"\r\nLOCATION:Chongqing Design Park\\, Hall B \xc2\xb7 Table 1\r\n" in body


def test_a_hand_move_into_a_conflict_is_refused_and_a_move_tells_both(app, world):
    clients = register_all(app, world)
    s1, s2 = participant(app, world.studio1.id), participant(app, world.studio2.id)
    m1 = participant(app, world.maker1.id)
    for studio in (s1, s2):
        clients["maker1"].post(f"/events/{world.event_id}/requests", data={"to": str(studio.id)})
    with app.app_context():
        ids = list(db.session.scalars(select(MeetingRequest.id).order_by(MeetingRequest.id)))
    clients["studio1"].post(f"/events/requests/{ids[0]}/accept")
    clients["studio2"].post(f"/events/requests/{ids[1]}/accept")
    close_requests(app, world.event_id)
    staff = client_for(app, world.staff)
    staff.post(f"/staff/events/{world.event_id}/schedule")
    staff.post(f"/staff/events/{world.event_id}/publish")
    with app.app_context():
        first, second = db.session.scalars(select(Meeting).order_by(Meeting.slot)).all()
        first_id, second_slot = first.id, second.slot
        with_studio1 = first.request.to_id == s1.id
        target = next(x for x in (1, 2, 3) if x not in (first.slot, second.slot))
    with app.test_request_context():  # a participant calling the service directly is refused
        with pytest.raises(PermissionDenied):
            scheduling.move(actor(world.maker1), first_id, scheduling.MeetingMove(target, 2))
        assert db.session.get(Meeting, first_id).slot != target
    clash = staff.post(f"/staff/events/meetings/{first_id}/move",
                       data={"slot": second_slot, "table": 2}, follow_redirects=True)
    assert "Changan Parts already has a meeting in slot" in clash.get_data(as_text=True)
    away = staff.post(f"/staff/events/meetings/{first_id}/move", data={"slot": 4, "table": 1},
                      follow_redirects=True).get_data(as_text=True)
    if with_studio1:  # studio1 cannot meet in slot 4
        assert "Liangjiang Form Studio is unavailable in slot 4." in away
    else:
        assert "The meeting moved." in away
    ok = staff.post(f"/staff/events/meetings/{first_id}/move",
                    data={"slot": target, "table": 2}, follow_redirects=True)
    assert "The meeting moved." in ok.get_data(as_text=True)
    with app.app_context():
        moved = db.session.scalars(select(Notification).where(
            Notification.kind == "meeting_moved")).all()
        assert {n.user_id for n in moved} >= {world.maker1.id}
        assert db.session.get(Meeting, first_id).slot == target
    assert m1.ref


def test_withdrawing_frees_meetings_and_tells_the_other_side(app, world):
    clients = register_all(app, world)
    s1, m1 = participant(app, world.studio1.id), participant(app, world.maker1.id)
    clients["maker1"].post(f"/events/{world.event_id}/requests", data={"to": str(s1.id)})
    with app.app_context():
        request_id = db.session.scalar(select(MeetingRequest.id))
    clients["studio1"].post(f"/events/requests/{request_id}/accept")
    close_requests(app, world.event_id)
    staff = client_for(app, world.staff)
    staff.post(f"/staff/events/{world.event_id}/schedule")
    out = clients["studio1"].post(f"/events/participants/{s1.id}/withdraw", follow_redirects=True)
    assert "1 meetings were cancelled" in out.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Meeting.id)) is None
        cancelled = db.session.scalar(select(Notification).where(
            Notification.kind == "meeting_cancelled"))
        assert cancelled.user_id == world.maker1.id
    assert m1.id
