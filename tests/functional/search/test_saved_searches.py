"""Saved searches: save from the results page, alerts for new needs, manage, unsubscribe."""

from __future__ import annotations

import re

from marketplace.models import Notification, SavedSearch
from marketplace.services.search import saved
from tests.functional.search.conftest import page


def _alerts(app, user_id: int) -> list[Notification]:
    with app.app_context():
        from marketplace.extensions import db

        return list(db.session.scalars(
            db.select(Notification).where(Notification.user_id == user_id,
                                          Notification.kind == "saved_search")))  # fmt: skip


def test_a_published_need_is_found_by_search_and_a_draft_is_not(indexed, client, post_need):
    published, _ = post_need(
        title="Cockpit voice assistant",
        description="语音助手 for a cockpit: voice assistant, screens and controls for drivers",
    )
    post_need(state="draft", title="Secret cockpit draft",
              description="Not public yet at all, a draft that only its owner can read")
    html = page(client, q="cockpit")
    assert f'href="/needs/{published}"' in html
    assert "Secret cockpit draft" not in html
    assert f'href="/needs/{published}"' in page(client, q="語音助手", kind="need")  # Traditional


def test_a_studio_is_told_once_about_a_new_matching_need(indexed, studio_client, post_need):
    app = indexed
    response = studio_client.post("/saved-searches", data={"q": "battery enclosure",
                                                            "kind": "need"})  # fmt: skip
    assert response.status_code == 303
    listing = studio_client.get("/saved-searches").get_data(as_text=True)
    assert "battery enclosure" in listing
    assert _alerts(app, studio_client.account.id) == []

    post_need(title="Battery pack enclosure for a van")  # publishing runs the job
    alerts = _alerts(app, studio_client.account.id)
    assert len(alerts) == 1
    assert alerts[0].payload["count"] == 1 and alerts[0].link.startswith("/search?")
    assert alerts[0].payload["title"] == "Battery pack enclosure for a van"
    with app.app_context():
        assert saved.check_all() == (1, 0)  # the periodic job finds nothing new
    assert len(_alerts(app, studio_client.account.id)) == 1
    mails = [m for m in app.extensions["mailman"].outbox if "battery enclosure" in m.body]
    assert len(mails) == 1 and "/saved-searches/unsubscribe/" in mails[0].body
    post_need(title="Unrelated seat fabric",
              description="Seat fabric colours for a bus, and nothing else at all")
    assert len(_alerts(app, studio_client.account.id)) == 1


def test_unsubscribing_twice_is_harmless_and_a_forged_link_is_refused(
    indexed, studio_client, client, post_need
):
    studio_client.post("/saved-searches", data={"q": "battery", "kind": "need"})
    post_need()
    alert = _alerts(indexed, studio_client.account.id)[0]
    link = re.search(r"(/saved-searches/unsubscribe/\S+)", alert.payload["unsubscribe"]).group(1)
    assert client.get(link).status_code == 200
    assert client.get(link).status_code == 200
    with indexed.app_context():
        from marketplace.extensions import db

        assert db.session.scalars(db.select(SavedSearch)).one().alerts is False
    assert client.get(link[:-3] + "xyz").status_code == 404
    post_need(title="Another battery need")
    assert len(_alerts(indexed, studio_client.account.id)) == 1  # no alerts after unsubscribing


def test_only_the_owner_manages_a_saved_search(indexed, studio_client, manufacturer_client,
                                               staff_client, client):  # fmt: skip
    manufacturer_client.post("/saved-searches", data={"q": "kiln glaze", "kind": "studio"})
    with indexed.app_context():
        from marketplace.extensions import db

        saved_id = db.session.scalars(db.select(SavedSearch.id)).one()
    assert "kiln glaze" not in studio_client.get("/saved-searches").get_data(as_text=True)
    assert studio_client.post(f"/saved-searches/{saved_id}/delete").status_code == 404
    alerts_off = studio_client.post(f"/saved-searches/{saved_id}/alerts", data={"on": "0"})
    assert alerts_off.status_code == 404
    assert staff_client.post("/saved-searches", data={"q": "clay"}).status_code == 403
    assert client.post("/saved-searches", data={"q": "clay"}).status_code in (302, 401, 403)
    assert manufacturer_client.post(f"/saved-searches/{saved_id}/delete").status_code == 303
    assert "kiln glaze" not in manufacturer_client.get("/saved-searches").get_data(as_text=True)


def test_bad_saved_search_input_is_a_clear_400(indexed, studio_client):
    for data, word in [({"q": ""}, "filter"), ({"q": "x", "kind": "bogus"}, "kind"),
                       ({"q": "!!! ???"}, "words"), ({"q": "a" * 400}, "300")]:  # fmt: skip
        response = studio_client.post("/saved-searches", data=data)
        assert response.status_code == 400
        assert word in response.get_data(as_text=True)
    assert "Save this search" in page(studio_client, q="battery")
