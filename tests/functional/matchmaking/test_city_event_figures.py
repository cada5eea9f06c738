"""Event figures on /city and /staff/city, counted by hand: one event, four participants (two
manufacturers, two studios), one meeting held, an invitation from it and an award between the
pair; the public award count is suppressed below the threshold, staff see it; a period before
the event shows none."""

from __future__ import annotations

from sqlalchemy import select

from marketplace.database import write_transaction
from marketplace.extensions import db
from marketplace.models import Bid, Meeting
from marketplace.models._types import utcnow
from tests.functional.matchmaking.conftest import client_for, start_event
from tests.functional.matchmaking.test_access_and_refusals import scheduled  # noqa: F401

EN = {"Accept-Language": "en"}


def _dd(html: str, css: str) -> str:
    start = html.index(f'class="{css}"')
    return html[html.index(">", start) + 1 : html.index("</dd>", start)].strip()


def test_event_figures_on_the_city_pages(app, world, scheduled):  # noqa: F811
    clients, _ = scheduled
    with app.app_context():
        meeting_id = db.session.scalar(select(Meeting.id))
    start_event(app, world.event_id)
    clients["studio1"].post(f"/events/meetings/{meeting_id}/held")
    clients["maker1"].post(f"/events/meetings/{meeting_id}/invite",
                           data={"need_id": str(world.need_id)})  # fmt: skip
    with app.app_context(), write_transaction() as session:  # the pair's award
        session.add(Bid(need_id=world.need_id, studio_id=world.studio1.studio_id,
                        approach="Clay model first.", price=100_000, duration_weeks=8,
                        status="awarded", decided_at=utcnow()))  # fmt: skip
    staff_client = client_for(app, world.staff)
    html = app.test_client().get("/city", headers=EN).get_data(as_text=True)
    assert _dd(html, "ev-events") == "1"
    assert _dd(html, "ev-participants") == "4 (2 manufacturers, 2 studios)"
    assert (_dd(html, "ev-scheduled"), _dd(html, "ev-held")) == ("1", "1")
    assert _dd(html, "ev-invitations") == "1"
    assert _dd(html, "ev-awards") == "&lt; 3"  # one award: below the public threshold
    staff = staff_client.get("/staff/city", headers=EN).get_data(as_text=True)
    assert _dd(staff, "ev-awards") == "1" and _dd(staff, "ev-held") == "1"
    before = app.test_client().get("/city?period=2001", headers=EN).get_data(as_text=True)
    assert "No matchmaking event began in this period." in before
