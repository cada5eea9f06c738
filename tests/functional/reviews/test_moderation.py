"""Suspended studios and manufacturers cannot log in and vanish from public pages and search."""

from __future__ import annotations

from tests.conftest import login
from tests.functional.reviews.conftest import text


def _current_proposals_of(app, studio_id: int) -> int:
    from sqlalchemy import func, select

    from marketplace.extensions import db
    from marketplace.models import MatchRow
    from marketplace.models.matching import SCENARIO_TO_STUDIO

    with app.app_context():
        return db.session.scalar(select(func.count(MatchRow.id)).where(
            MatchRow.direction == SCENARIO_TO_STUDIO, MatchRow.target_key == f"studio:{studio_id}",
            MatchRow.retired_at.is_(None)))  # fmt: skip


def test_suspend_a_studio_hides_it_and_stops_its_login(app, filled_studio, staff_client):
    studio_id = filled_studio.account.studio_id
    public = app.test_client()
    assert "Yubei Form Lab" in text(public.get("/studios"))
    assert "Yubei Form Lab" in text(public.get("/search?q=battery"))
    assert _current_proposals_of(app, studio_id) > 0
    no_reason = staff_client.post(f"/staff/accounts/studio/{studio_id}/suspend", data={})
    assert no_reason.status_code == 400 and "reason" in text(no_reason)
    done = staff_client.post(f"/staff/accounts/studio/{studio_id}/suspend",
                             data={"reason": "Fake certificate"})  # fmt: skip
    assert done.status_code == 302
    assert "Yubei Form Lab" not in text(public.get("/studios"))
    assert "Yubei Form Lab" not in text(public.get("/search?q=battery"))
    assert public.get(f"/studios/{studio_id}").status_code == 404
    assert _current_proposals_of(app, studio_id) == 0  # matching dropped it from every list
    assert filled_studio.get("/studio/profile").status_code == 302  # its session has ended
    again = app.test_client().post("/login", data={
        "email": filled_studio.account.email, "password": filled_studio.account.password})
    assert again.status_code == 400 and "suspended" in text(again)

    staff_client.post(f"/staff/accounts/studio/{studio_id}/restore")
    assert _current_proposals_of(app, studio_id) > 0
    assert "Yubei Form Lab" in text(public.get("/studios"))
    assert "Yubei Form Lab" in text(public.get("/search?q=battery"))
    login(app.test_client(), filled_studio.account)


def test_suspend_a_manufacturer(app, manufacturer_client, staff_client):
    user_id = manufacturer_client.account.id
    staff_client.post(f"/staff/accounts/manufacturer/{user_id}/suspend", data={"reason": "Spam"})
    assert manufacturer_client.get("/manufacturer").status_code == 302
    refused = app.test_client().post("/login", data={
        "email": manufacturer_client.account.email,
        "password": manufacturer_client.account.password})  # fmt: skip
    assert refused.status_code == 400
    assert staff_client.post(f"/staff/accounts/manufacturer/{staff_client.account.id}/suspend",
                             data={"reason": "x"}).status_code == 404  # staff are not moderated
    assert staff_client.post("/staff/accounts/robot/1/suspend",
                             data={"reason": "x"}).status_code == 404  # fmt: skip
