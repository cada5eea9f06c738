"""A studio's public page is kept for visitors per language and follows every change shown on it
(profile saves, verification, interest); signed-in readers always get their own page."""

from __future__ import annotations

from marketplace.pagecache import EXTENSION_KEY
from tests.functional.studios.conftest import filled_studio as filled_studio  # the fixture
from tests.functional.studios.conftest import profile_form, text
from tests.functional.studios.test_studio_verification import verify


def _stored_studio_pages(app) -> int:
    store = app.extensions.get(EXTENSION_KEY)
    return 0 if store is None else sum(1 for k in store.pages if k[0] == "studios.detail")


def test_a_profile_save_shows_to_the_next_visitor(app, filled_studio):
    url = f"/studios/{filled_studio.account.studio_id}"
    visitor = app.test_client()
    assert "Yubei Form Lab" in text(visitor.get(url))
    assert "Yubei Form Lab" in text(app.test_client().get(url))  # a second visitor: stored page
    assert _stored_studio_pages(app) == 1
    saved = filled_studio.post("/studio/profile", data=profile_form(name="Shapingba Form Lab"))
    assert saved.status_code == 302
    page = text(app.test_client().get(url))
    assert "Shapingba Form Lab" in page and "Yubei Form Lab" not in page


def test_verification_and_interest_show_on_the_stored_page(app, filled_studio, staff_client):
    studio_id = filled_studio.account.studio_id
    url = f"/studios/{studio_id}"
    visitor = app.test_client()
    first = text(visitor.get(url))
    assert "self-declared" in first and "NEV-01" not in first
    assert verify(staff_client, studio_id).status_code == 302
    assert "verified by the commission" in text(visitor.get(url))
    filled_studio.post("/scenarios/NEV-01/interest", data={"note": "Battery docks."})
    assert "NEV-01" in text(visitor.get(url))
    filled_studio.post("/scenarios/NEV-01/interest/withdraw", data={"return_to": "scenario"})
    assert "NEV-01" not in text(visitor.get(url))


def test_each_language_gets_its_own_studio_page(app, filled_studio):
    url = f"/studios/{filled_studio.account.studio_id}"
    client = app.test_client()
    for _ in range(2):  # the second round is served from the store
        english = text(client.get(url, headers={"Accept-Language": "en"}))
        chinese = text(client.get(url, headers={"Accept-Language": "zh-CN"}))
        assert "What we can do" in english and "What we can do" not in chinese
    assert _stored_studio_pages(app) == 2


def test_signed_in_readers_never_get_a_visitors_copy(app, filled_studio, manufacturer_client):
    url = f"/studios/{filled_studio.account.studio_id}"
    visitor_page = text(app.test_client().get(url))
    assert "li.wei@formlab.example.cn" not in visitor_page and "Edit profile" not in visitor_page
    own = text(filled_studio.get(url))
    assert "Edit profile" in own
    # a manufacturer sees contacts only once shortlisted, and never the owner's edit links
    assert "li.wei@formlab.example.cn" not in text(manufacturer_client.get(url))
    assert "Edit profile" not in text(manufacturer_client.get(url))
    again = text(app.test_client().get(url))
    assert "Edit profile" not in again
    assert _stored_studio_pages(app) == 1  # only the visitor's page was ever stored


def test_a_suspended_studio_disappears_from_the_stored_page(app, filled_studio):
    from marketplace.extensions import db
    from marketplace.models import Studio
    from marketplace.models._types import utcnow

    studio_id = filled_studio.account.studio_id
    url = f"/studios/{studio_id}"
    assert app.test_client().get(url).status_code == 200
    with app.app_context():
        db.session.get(Studio, studio_id).suspended_at = utcnow()
        db.session.commit()
    assert app.test_client().get(url).status_code == 404
