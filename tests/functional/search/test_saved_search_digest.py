"""Saved searches as a daily digest: results wait, one message a day, never twice."""

from __future__ import annotations

import pytest

from marketplace.extensions import db
from marketplace.models import Notification, SavedSearch
from marketplace.services.search import saved as saved_service
from marketplace.services.studios.studio_import import StudioRecord, import_studios


def _notes(app, user_id: int, kind: str) -> list[Notification]:
    with app.app_context():
        return list(db.session.scalars(db.select(Notification).where(
            Notification.user_id == user_id, Notification.kind == kind)))  # fmt: skip


def _saved(app) -> SavedSearch:
    with app.app_context():
        return db.session.scalars(db.select(SavedSearch)).one()


def test_a_daily_search_waits_for_the_digest_and_is_sent_once(indexed, studio_client, post_need):
    app, me = indexed, studio_client.account.id
    response = studio_client.post("/saved-searches", data={"q": "battery enclosure",
                                                            "kind": "need", "frequency": "daily"})
    assert response.status_code == 303
    post_need(title="Battery pack enclosure for a van")  # publishing runs the alert job
    assert _notes(app, me, "saved_search") == []  # nothing at once
    assert len(_saved(app).pending) == 1
    listing = studio_client.get("/saved-searches").get_data(as_text=True)
    assert "1 new result waits for the next digest" in listing or "1 条新结果" in listing

    with app.app_context():
        assert saved_service.send_digests() == (1, 1)
        assert saved_service.send_digests() == (0, 0)  # a second run (a retry) sends nothing
    digests = _notes(app, me, "saved_search_digest")
    assert len(digests) == 1 and digests[0].payload["count"] == 1
    assert digests[0].payload["title"] == "Battery pack enclosure for a van"
    outbox = app.extensions["mailman"].outbox
    mails = [m for m in outbox if "daily digest" in m.body or "今日摘要" in m.body]
    assert len(mails) == 1 and "/saved-searches/unsubscribe/" in mails[0].body
    assert _saved(app).pending == []


def test_a_digest_that_fails_before_its_commit_keeps_the_results_for_the_retry(
    indexed, studio_client, post_need, monkeypatch
):
    app, me = indexed, studio_client.account.id
    studio_client.post("/saved-searches", data={"q": "battery", "kind": "need",
                                                 "frequency": "daily"})  # fmt: skip
    post_need()

    def broken(*args, **kwargs):
        raise RuntimeError("mail queue down")

    monkeypatch.setattr(saved_service, "notify", broken)
    with app.app_context(), pytest.raises(RuntimeError):
        saved_service.send_digests()
    assert len(_saved(app).pending) == 1  # nothing half-done: still waiting
    monkeypatch.undo()
    with app.app_context():
        assert saved_service.send_digests() == (1, 1)
        assert saved_service.send_digests() == (0, 0)
    assert len(_notes(app, me, "saved_search_digest")) == 1


def test_switching_between_at_once_and_daily(indexed, studio_client, manufacturer_client):
    studio_client.post("/saved-searches", data={"q": "battery", "kind": "need"})
    saved = _saved(indexed)
    assert saved.frequency == "immediate"
    url = f"/saved-searches/{saved.id}/frequency"
    assert studio_client.post(url, data={"frequency": "daily"}).status_code == 303
    assert _saved(indexed).frequency == "daily"
    assert studio_client.post(url, data={"frequency": "hourly"}).status_code == 400
    assert _saved(indexed).frequency == "daily"
    assert manufacturer_client.post(url, data={"frequency": "immediate"}).status_code == 404
    assert _saved(indexed).frequency == "daily"


def test_a_manufacturer_is_told_when_a_new_studio_fits_its_studio_search(
    indexed, manufacturer_client, filled_studio
):
    # filled_studio saved its profile before the search was saved: only studios after count.
    me = manufacturer_client.account.id
    assert manufacturer_client.post("/saved-searches", data={"q": "hotpot packaging",
                                                              "kind": "studio"}).status_code == 303
    text = ("We design hotpot base packaging for Chongqing food makers: bags, jars, boxes and "
            "labels, from the first sketch to the printer's proof and the shelf test.")
    with indexed.app_context():
        import_studios([StudioRecord(ref="saucepot", name="Saucepot Pack Studio", text=text,
                                     industries=["FOOD"], disciplines=["BRAND"])])  # fmt: skip
    alerts = _notes(indexed, me, "saved_search")
    assert len(alerts) == 1 and alerts[0].payload["title"] == "Saucepot Pack Studio"


def test_a_studio_hears_of_new_needs_for_it_at_its_fit_level(indexed, filled_studio, post_need):
    app, me = indexed, filled_studio.account.id
    response = filled_studio.post("/saved-searches/needs-for-you",
                                  data={"fit": "possible", "frequency": "immediate"})
    assert response.status_code == 303
    listing = filled_studio.get("/saved-searches").get_data(as_text=True)
    assert "Needs for you" in listing or "为你们推荐的需求" in listing

    need_id, _owner = post_need()  # a battery enclosure need: NEV, ENG + FORM, like the studio
    with app.app_context():
        from marketplace.services.matching import need_matches

        studio_id = filled_studio.account.studio_id
        panel = need_matches.needs_for_studio(studio_id)
        fitting = [f.target.id for f in panel.fits if f.fit in ("strong", "good", "possible")]
        assert need_id in fitting  # the list the saved search watches has the new need
        saved_service.check_all()  # the minute job (matching runs after the search handler)
        saved_service.check_all()  # and again: nothing is announced twice
    alerts = _notes(app, me, "saved_search")
    assert len(alerts) == 1 and alerts[0].link == "/dashboard"
    assert alerts[0].payload["title"] == "Battery pack enclosure"


def test_needs_for_you_is_for_studios_and_known_levels_only(indexed, filled_studio,
                                                            manufacturer_client):  # fmt: skip
    url = "/saved-searches/needs-for-you"
    assert filled_studio.post(url, data={"fit": "excellent"}).status_code == 400
    assert manufacturer_client.post(url, data={"fit": "good"}).status_code == 403
    with indexed.app_context():
        assert db.session.scalars(db.select(SavedSearch)).all() == []


def test_each_search_in_a_digest_has_its_own_unsubscribe_link(indexed, studio_client, post_need):
    import re

    app = indexed
    for q in ("battery", "enclosure"):
        studio_client.post("/saved-searches", data={"q": q, "kind": "need", "frequency": "daily"})
    post_need(title="Battery pack enclosure for a van")  # both searches find it
    with app.app_context():
        assert saved_service.send_digests() == (1, 2)
    mail = next(m for m in app.extensions["mailman"].outbox
                if "daily digest" in m.body or "今日摘要" in m.body)  # fmt: skip
    links = re.findall(r"/saved-searches/unsubscribe/\S+", mail.body)
    assert len(links) == 3 and len(set(links)) == 3  # one per search, then "stop all"
    battery_line = next(line for line in mail.body.splitlines() if "“battery”" in line)
    own = mail.body.split(battery_line, 1)[1].splitlines()[1]  # the line under it
    assert studio_client.get(re.search(r"/saved-searches/unsubscribe/\S+", own)[0]).status_code \
        == 200  # fmt: skip
    with app.app_context():
        alerts = {s.query: s.alerts for s in db.session.scalars(db.select(SavedSearch))}
    assert alerts == {"battery": False, "enclosure": True}  # only the search the link named
    studio_client.get(links[-1])  # the closing link stops every search in the digest
    studio_client.get(links[-1])  # twice is harmless
    with app.app_context():
        assert not any(s.alerts for s in db.session.scalars(db.select(SavedSearch)))
