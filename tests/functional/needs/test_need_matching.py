"""Matching for needs (hashing encoder): Studios that fit, Needs for you, invitations, leads."""

from __future__ import annotations

import pytest

from tests.conftest import login
from tests.functional.matching.conftest import import_dev_studios
from tests.functional.studios.conftest import profile_form


@pytest.fixture
def matched_app(app):
    """`app` with twelve listed dev-set studios."""
    import_dev_studios(app)
    return app


def _client(app, account):
    c = app.test_client()
    login(c, account)
    return c


def _rows(app, direction, source):
    from marketplace.extensions import db
    from marketplace.models import MatchRow

    with app.app_context():
        return [
            (r.target_key, r.rank, r.fit)
            for r in db.session.query(MatchRow).filter_by(direction=direction, source_key=source)
            if r.retired_at is None
        ]


def test_publishing_a_need_stores_its_studios_both_ways(matched_app, post_need):
    need_id, _owner = post_need()
    rows = _rows(matched_app, "need-studio", f"need:{need_id}")
    assert 0 < len(rows) <= 10
    assert [rank for _, rank, _ in rows] == sorted(rank for _, rank, _ in rows)
    first_studio = rows[0][0]
    back = _rows(matched_app, "studio-need", first_studio)
    assert f"need:{need_id}" in [target for target, _, _ in back]


def test_the_owner_and_staff_see_studios_that_fit_and_others_do_not(
    matched_app, post_need, staff_client, client, make_account
):
    need_id, owner = post_need()
    m = _client(matched_app, owner)
    page = m.get(f"/needs/{need_id}").get_data(as_text=True)
    assert "Studios that fit" in page and 'class="match-title"' in page
    assert "Studios that fit" in staff_client.get(f"/needs/{need_id}").get_data(as_text=True)
    for other in (client, _client(matched_app, make_account("studio")),
                  _client(matched_app, make_account("manufacturer"))):  # fmt: skip
        assert "Studios that fit" not in other.get(f"/needs/{need_id}").get_data(as_text=True)


def test_a_closed_need_loses_its_lists(matched_app, post_need):
    need_id, owner = post_need()
    m = _client(matched_app, owner)
    m.post(f"/needs/{need_id}/close")
    assert _rows(matched_app, "need-studio", f"need:{need_id}") == []
    page = m.get(f"/needs/{need_id}").get_data(as_text=True)
    assert "while it is open for bids; this one no longer is" in page  # not "once published"
    assert "Matches appear once the need is published" not in page


def test_invited_studio_sees_the_invitation_and_needs_for_you(
    matched_app, post_need, studio_client
):
    assert studio_client.post("/studio/profile", data=profile_form()).status_code == 302
    studio_id = studio_client.account.studio_id
    need_id, owner = post_need()
    m = _client(matched_app, owner)
    response = m.post(f"/needs/{need_id}/invite", data={"studio_ids": [str(studio_id)]})
    assert response.status_code == 302
    again = m.post(f"/needs/{need_id}/invite", data={"studio_ids": [str(studio_id)]})
    assert again.status_code == 302
    from marketplace.extensions import db
    from marketplace.models import Invitation, Notification

    with matched_app.app_context():
        assert db.session.query(Invitation).filter_by(need_id=need_id).count() == 1
        invited = db.session.query(Notification).filter_by(kind="invited").all()
        assert [n.user_id for n in invited] == [studio_client.account.id]
        assert invited[0].payload["need_id"] == need_id
    dashboard = studio_client.get("/studio/dashboard").get_data(as_text=True)
    assert "Invitations to bid" in dashboard and "Battery pack enclosure" in dashboard
    assert "Needs for you" in dashboard
    rows = _rows(matched_app, "studio-need", f"studio:{studio_id}")
    assert f"need:{need_id}" in [t for t, _, _ in rows]


def test_inviting_is_refused_on_another_manufacturers_or_unpublished_need(
    matched_app, post_need, make_account
):
    need_id, _owner = post_need()
    other = _client(matched_app, make_account("manufacturer"))
    assert other.post(f"/needs/{need_id}/invite", data={"studio_ids": ["1"]}).status_code == 404
    draft_id, owner = post_need(state="draft")
    response = _client(matched_app, owner).post(
        f"/needs/{draft_id}/invite", data={"studio_ids": ["1"]}
    )
    assert response.status_code == 400
    assert "only while the need is published" in response.get_data(as_text=True)


def test_interest_becomes_a_lead_for_manufacturers_and_staff(
    matched_app, post_need, studio_client, make_account, client, staff_client
):
    studio_client.post("/studio/profile", data=profile_form(name="Lead Studio Chongqing"))
    studio_client.post("/scenarios/NEV-01/interest", data={"note": "We did three packs."})
    owner = make_account("manufacturer")
    m = _client(matched_app, owner)
    page = m.get("/scenarios/NEV-01").get_data(as_text=True)
    assert "Lead Studio Chongqing" in page and "We did three packs." in page
    assert "post a need linked to this scenario" in page
    assert "We did three packs." in staff_client.get("/scenarios/NEV-01").get_data(as_text=True)
    for other in (client, _client(matched_app, make_account("studio"))):
        assert "We did three packs." not in other.get("/scenarios/NEV-01").get_data(as_text=True)
    need_id, _ = post_need(owner=owner, scenario_code="NEV-01")
    studio_id = studio_client.account.studio_id
    response = m.post("/scenarios/NEV-01/invite",
                      data={"need_id": str(need_id), "studio_ids": [str(studio_id)]})
    assert response.status_code == 302
    unlinked, _ = post_need(owner=owner)
    response = m.post("/scenarios/NEV-01/invite",
                      data={"need_id": str(unlinked), "studio_ids": [str(studio_id)]})
    assert response.status_code == 400
    from marketplace.extensions import db
    from marketplace.models import Invitation

    with matched_app.app_context():
        rows = db.session.query(Invitation).all()
        assert [(r.need_id, r.studio_id, r.source) for r in rows] == [
            (need_id, studio_id, "interest")
        ]
    public = client.get(f"/studios/{studio_id}").get_data(as_text=True)
    assert "Scenarios it can take on" in public and "NEV-01" in public


def test_a_studio_that_fills_in_its_profile_later_gets_needs_for_it(
    matched_app, post_need, studio_client
):
    need_id, _owner = post_need()
    studio_id = studio_client.account.studio_id
    assert _rows(matched_app, "studio-need", f"studio:{studio_id}") == []
    assert studio_client.post("/studio/profile", data=profile_form()).status_code == 302
    rows = _rows(matched_app, "studio-need", f"studio:{studio_id}")
    assert f"need:{need_id}" in [t for t, _, _ in rows]
    page = studio_client.get("/studio/dashboard").get_data(as_text=True)
    assert f"/needs/{need_id}" in page
