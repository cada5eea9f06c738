"""On the day and after: check-in, held or missed, an invitation in one click, the figures."""

from __future__ import annotations

from sqlalchemy import select

from marketplace.database import write_transaction
from marketplace.extensions import db
from marketplace.models import Bid, Invitation, MatchEvent, Meeting
from marketplace.models._types import utcnow
from marketplace.services.matchmaking import matchmaking_figures
from tests.functional.matchmaking.conftest import client_for, start_event
from tests.functional.matchmaking.test_access_and_refusals import scheduled  # noqa: F401
from tests.functional.matchmaking.test_event_flow import participant


def test_held_meeting_invitation_and_award_are_counted(app, world, scheduled):  # noqa: F811
    clients, _ = scheduled
    m1 = participant(app, world.maker1.id)
    with app.app_context():
        meeting_id = db.session.scalar(select(Meeting.id))
    early = clients["maker1"].post(f"/events/meetings/{meeting_id}/held", follow_redirects=True)
    assert "A meeting can be marked once its slot has begun." in early.get_data(as_text=True)
    start_event(app, world.event_id)
    staff = client_for(app, world.staff)
    staff.post(f"/staff/events/participants/{m1.id}/checkin")
    assert clients["studio2"].post(f"/events/meetings/{meeting_id}/held").status_code == 404
    clients["studio1"].post(f"/events/meetings/{meeting_id}/held")
    agenda = clients["maker1"].get(f"/events/participants/{m1.id}/agenda").get_data(as_text=True)
    assert "Invite to bid" in agenda
    assert clients["studio1"].post(f"/events/meetings/{meeting_id}/invite",
                                   data={"need_id": world.need_id}).status_code == 403
    done = clients["maker1"].post(f"/events/meetings/{meeting_id}/invite",
                                  data={"need_id": world.need_id}, follow_redirects=True)
    assert "The studio is invited to bid." in done.get_data(as_text=True)
    with app.app_context():
        invitation = db.session.scalar(select(Invitation))
        assert (invitation.studio_id, invitation.source) == (world.studio1.studio_id, "event")
        with write_transaction() as session:  # the studio bids and wins (the bids domain's path)
            session.add(Bid(need_id=world.need_id, studio_id=world.studio1.studio_id,
                            approach="Clay model first.", price=100_000, duration_weeks=8,
                            status="awarded", decided_at=utcnow()))  # fmt: skip
        counted = matchmaking_figures.for_event(db.session.get(MatchEvent, world.event_id))
    assert (counted.registered, counted.manufacturers, counted.studios) == (4, 2, 2)
    assert (counted.requests, counted.accepted, counted.scheduled) == (1, 1, 1)
    assert (counted.checked_in, counted.held, counted.missed) == (1, 1, 0)
    assert (counted.invitations, counted.awards) == (1, 1)
    page = staff.get("/staff/events").get_data(as_text=True)
    assert "Invitations to bid that followed" in page
