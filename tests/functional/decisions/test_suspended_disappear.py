"""A suspended studio or manufacturer disappears from every list, lead, invitation, proposal,
search result and API answer, and a suspended studio cannot be invited (the policies decide)."""

from __future__ import annotations

import pytest

from tests.functional.decisions.conftest import EN, section


def _suspend_studio(studio_id: int) -> None:
    """Suspension as staff set it: suspended_at only (is_listed stays as the studio chose)."""
    from marketplace.database import write_transaction
    from marketplace.models import Studio
    from marketplace.models._types import utcnow

    with write_transaction() as session:
        studio = session.get(Studio, studio_id)
        studio.suspended_at = utcnow()
        assert studio.is_listed


def _suspend_user(user_id: int) -> None:
    from marketplace.database import write_transaction
    from marketplace.models import User
    from marketplace.models._types import utcnow

    with write_transaction() as session:
        session.get(User, user_id).suspended_at = utcnow()


def _queue_studios(app, source: str) -> set[int]:
    from marketplace.services.reviews import proposals

    with app.app_context():
        queued, _n = proposals.queue(proposals.QueueFilter(source=source), explain=False)
        return {p.studio.id for p in queued}


def _invite(world) -> int:
    from marketplace.policies.actor import Actor
    from marketplace.services.needs import invitations

    maker = Actor(user_id=world.maker_id, role="manufacturer")
    return invitations.invite(maker, world.need_id, invitations.InvitationInput([world.studio_id]))


def test_a_suspended_studio_appears_nowhere_and_cannot_be_invited(
    app, client, manufacturer_client, world
):
    from marketplace.extensions import db
    from marketplace.models import Need
    from marketplace.services.common.service_errors import ValidationFailed
    from marketplace.services.needs import invitations
    from marketplace.services.search import indexing

    name = "Seat Comfort Co"
    with app.app_context():
        _invite(world)  # before
        indexing.rebuild()
    assert name in client.get("/search?q=battery", headers=EN).get_data(as_text=True)
    assert world.studio_id in _queue_studios(app, "scenario:NEV-01")
    before = manufacturer_client.get("/scenarios/NEV-01", headers=EN).get_data(as_text=True)
    assert name in section(before, "leads") and name in section(before, "studios-that-fit")
    with app.app_context():
        assert [i.studio_id for i in invitations.of_need(db.session.get(Need, world.need_id))
                ] == [world.studio_id]  # fmt: skip
        _suspend_studio(world.studio_id)
        indexing.rebuild()  # what the StudiosChanged job does after a suspension
        need = db.session.get(Need, world.need_id)
        of_need = [i.studio_id for i in invitations.of_need(need)]
        with pytest.raises(ValidationFailed):
            _invite(world)
    pages = {
        "directory": client.get("/studios", headers=EN).get_data(as_text=True),
        "search": client.get("/search?q=battery", headers=EN).get_data(as_text=True),
        "scenario page": section(client.get("/scenarios/NEV-01", headers=EN)
                                 .get_data(as_text=True), "studios-that-fit"),
        "scenario leads": section(manufacturer_client.get("/scenarios/NEV-01", headers=EN)
                                  .get_data(as_text=True), "leads"),
        "need page": manufacturer_client.get(f"/needs/{world.need_id}", headers=EN)
        .get_data(as_text=True),
    }  # fmt: skip
    shown = [where for where, html in pages.items() if name in html]
    assert shown == [], shown
    assert "Other Works" in pages["scenario page"] and "Other Works" in pages["need page"]
    assert of_need == []  # the earlier invitation is no longer listed on the need
    refused = manufacturer_client.post(f"/needs/{world.need_id}/invite",
                                       data={"studio_ids": [world.studio_id]})  # fmt: skip
    assert refused.status_code == 400
    assert world.studio_id not in _queue_studios(app, "scenario:NEV-01")
    assert world.studio_id not in _queue_studios(app, f"need:{world.need_id}")
    api = {
        "directory": client.get("/api/v1/studios").get_json()["items"],
        "scenario": client.get("/api/v1/scenarios/NEV-01/studios").get_json()["items"],
    }
    assert [s["id"] for s in api["directory"]] == [world.other_id]
    assert [i["target"] for i in api["scenario"]] == [f"studio:{world.other_id}"]
    assert client.get(f"/api/v1/studios/{world.studio_id}").status_code == 404
    assert client.get(f"/studios/{world.studio_id}").status_code == 404


def test_a_suspended_manufacturers_needs_disappear(app, client, studio_client, world):
    from marketplace.policies import Actor
    from marketplace.services.bids import submitting
    from marketplace.services.common.service_errors import ServiceError
    from tests.bid_helpers import bid_input

    title = "SUV styling brief"
    assert title in client.get("/needs", headers=EN).get_data(as_text=True)
    before = studio_client.get("/studio/dashboard", headers=EN).get_data(as_text=True)
    assert f"/needs/{world.need_id}" in section(before, "needs-for-you")
    assert client.get(f"/api/v1/needs/{world.need_id}").status_code == 200
    with app.app_context():
        _suspend_user(world.maker_id)
    assert title not in client.get("/needs", headers=EN).get_data(as_text=True)
    assert title not in client.get("/needs?all=1", headers=EN).get_data(as_text=True)
    assert client.get(f"/needs/{world.need_id}").status_code == 404
    dashboard = studio_client.get("/studio/dashboard", headers=EN).get_data(as_text=True)
    assert f"/needs/{world.need_id}" not in section(dashboard, "needs-for-you")
    api = client.get("/api/v1/needs").get_json()["items"]
    assert world.need_id not in [n["id"] for n in api]
    assert client.get(f"/api/v1/needs/{world.need_id}").status_code == 404
    assert world.studio_id not in _queue_studios(app, f"need:{world.need_id}")
    account = studio_client.account
    with app.app_context(), pytest.raises(ServiceError):
        actor = Actor(account.id, "studio", account.studio_id)
        submitting.submit(actor, world.need_id, bid_input())
