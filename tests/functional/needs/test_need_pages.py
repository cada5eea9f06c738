"""Need pages for every role: post, edit, submit, publish/return, close; own / other's / visitor."""

from __future__ import annotations

from datetime import timedelta

import pytest

from marketplace.models._types import utcnow
from tests.conftest import login
from tests.functional.needs.conftest import BRIEF


def form_data(**changes) -> dict:
    """Valid /needs/new form data (deadline in Beijing time, a week ahead)."""
    deadline = (utcnow() + timedelta(days=7, hours=8)).strftime("%Y-%m-%dT%H:%M")
    data = {
        "title": "Charging post housing",
        "description": BRIEF,
        "industry_code": "NEV",
        "discipline_codes": ["FORM", "CMF"],
        "scenario_code": "",
        "budget_min": "50000",
        "budget_max": "120000",
        "bid_deadline": deadline,
        "delivery_date": "",
        "save": "Save",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _need(app, need_id):
    from marketplace.extensions import db
    from marketplace.models import Need

    with app.app_context():
        need = db.session.get(Need, need_id)
        db.session.expunge(need)
        return need


def test_a_manufacturer_posts_a_draft_that_only_it_and_staff_can_see(
    app, manufacturer_client, client, make_account, staff_client
):
    response = manufacturer_client.post("/needs/new", data=form_data())
    assert response.status_code == 302
    need_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    need = _need(app, need_id)
    assert need.status == "draft" and need.manufacturer_id == manufacturer_client.account.id
    assert manufacturer_client.get(f"/needs/{need_id}").status_code == 200
    assert staff_client.get(f"/needs/{need_id}").status_code == 200
    assert client.get(f"/needs/{need_id}").status_code == 404
    other = app.test_client()
    login(other, make_account("manufacturer"))
    assert other.get(f"/needs/{need_id}").status_code == 404
    assert other.get(f"/needs/{need_id}/edit").status_code == 404
    assert "Charging post housing" not in client.get("/needs").get_data(as_text=True)


def test_the_deadline_is_entered_in_beijing_time_and_stored_in_utc(app, manufacturer_client):
    response = manufacturer_client.post(
        "/needs/new", data=form_data(bid_deadline="2030-03-01T18:00")
    )
    need = _need(app, int(response.headers["Location"].split("/")[-1]))
    assert need.bid_deadline.isoformat() == "2030-03-01T10:00:00"
    page = manufacturer_client.get(f"/needs/{need.id}").get_data(as_text=True)
    assert "2030-03-01 18:00" in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": "Hi"}, "title", "5 to 200 characters"),
        ({"description": "too short"}, "description", "30 to 5000 characters"),
        ({"budget_min": "9000", "budget_max": "100"}, "budget_max", "must not be below"),
        ({"bid_deadline": "2020-01-01T10:00"}, "bid_deadline", "must be in the future"),
        ({"budget_min": "-5"}, "budget_min", "Give a whole number from 0 to"),
        ({"scenario_code": "NOPE-99"}, "scenario_code", "Not a valid choice"),
    ],
)
def test_bad_input_is_refused_naming_the_field(manufacturer_client, changes, field, message):
    response = manufacturer_client.post("/needs/new", data=form_data(**changes))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_visitors_studios_and_staff_cannot_post(client, studio_client, staff_client):
    assert client.get("/needs/new").status_code == 302  # to the login page
    assert studio_client.get("/needs/new").status_code == 403
    assert staff_client.post("/needs/new", data=form_data()).status_code == 403


def test_submit_publish_then_everyone_sees_it(app, post_need, client, staff_client):
    need_id, owner = post_need(state="draft")
    c = app.test_client()
    login(c, owner)
    assert c.post(f"/needs/{need_id}/submit").status_code == 302
    assert _need(app, need_id).status == "submitted"
    queue = staff_client.get("/staff/needs").get_data(as_text=True)
    assert "Battery pack enclosure" in queue
    assert staff_client.post(f"/staff/needs/{need_id}/publish").status_code == 302
    assert _need(app, need_id).status == "published"
    assert client.get(f"/needs/{need_id}").status_code == 200
    listing = client.get("/needs").get_data(as_text=True)
    assert "Battery pack enclosure" in listing


def test_staff_return_needs_a_reason_and_the_owner_reads_it(app, post_need, staff_client):
    need_id, owner = post_need(state="submitted")
    response = staff_client.post(f"/staff/needs/{need_id}/return", data={"reason": ""})
    assert response.status_code == 400
    assert "Give a reason" in response.get_data(as_text=True)
    assert _need(app, need_id).status == "submitted"
    staff_client.post(f"/staff/needs/{need_id}/return", data={"reason": "Add a delivery date."})
    assert _need(app, need_id).status == "returned"
    c = app.test_client()
    login(c, owner)
    assert "Add a delivery date." in c.get(f"/needs/{need_id}").get_data(as_text=True)
    from marketplace.extensions import db
    from marketplace.models import Notification

    with app.app_context():
        kinds = [n.kind for n in db.session.query(Notification).filter_by(user_id=owner.id)]
    assert "need_returned" in kinds


def test_lifecycle_errors_are_clear_and_change_nothing(app, post_need, staff_client):
    need_id, owner = post_need(state="draft")
    response = staff_client.post(f"/staff/needs/{need_id}/publish")
    assert response.status_code == 409
    assert "Only a submitted need can be published" in response.get_data(as_text=True)
    c = app.test_client()
    login(c, owner)
    response = c.post(f"/needs/{need_id}/close")
    assert response.status_code == 409
    assert "Only a published need can be closed" in response.get_data(as_text=True)
    assert _need(app, need_id).status == "draft"


def test_only_staff_publish(app, post_need, manufacturer_client, studio_client):
    need_id, owner = post_need(state="submitted")
    c = app.test_client()
    login(c, owner)
    assert c.post(f"/staff/needs/{need_id}/publish").status_code == 403
    assert studio_client.post(f"/staff/needs/{need_id}/publish").status_code == 403
    assert _need(app, need_id).status == "submitted"


def test_editing_a_published_need_sends_it_back_and_bumps_the_version(app, post_need):
    need_id, owner = post_need()
    c = app.test_client()
    login(c, owner)
    response = c.post(f"/needs/{need_id}/edit", data=form_data(title="Battery pack, v2"))
    assert response.status_code == 302
    need = _need(app, need_id)
    assert (need.status, need.version, need.title) == ("submitted", 2, "Battery pack, v2")


def test_another_manufacturer_cannot_edit_submit_or_close(app, post_need, make_account):
    need_id, _owner = post_need()
    other = app.test_client()
    login(other, make_account("manufacturer"))
    assert other.post(f"/needs/{need_id}/edit", data=form_data()).status_code == 404
    assert other.post(f"/needs/{need_id}/close").status_code == 404
    assert other.post(f"/needs/{need_id}/submit").status_code == 404
    assert _need(app, need_id).status == "published"


def test_closing_takes_the_need_off_the_open_list(app, post_need, client):
    need_id, owner = post_need()
    c = app.test_client()
    login(c, owner)
    assert c.post(f"/needs/{need_id}/close").status_code == 302
    assert _need(app, need_id).status == "closed"
    assert "Battery pack enclosure" not in client.get("/needs").get_data(as_text=True)
    assert "Battery pack enclosure" in client.get("/needs?all=1").get_data(as_text=True)


def test_filters_narrow_the_list_and_bad_values_are_400(post_need, client):
    post_need(title="Dashboard HMI for a tractor", industry_code="EQUIP",
              discipline_codes=["UX"], budget_min=20_000, budget_max=40_000)  # fmt: skip
    post_need()
    page = client.get("/needs?industry=EQUIP").get_data(as_text=True)
    assert "Dashboard HMI" in page and "Battery pack enclosure" not in page
    page = client.get("/needs?discipline=ENG").get_data(as_text=True)
    assert "Battery pack enclosure" in page and "Dashboard HMI" not in page
    page = client.get("/needs?budget_from=200000").get_data(as_text=True)
    assert "Battery pack enclosure" in page and "Dashboard HMI" not in page
    page = client.get("/needs?q=tractor").get_data(as_text=True)
    assert "Dashboard HMI" in page and "Battery pack enclosure" not in page
    assert client.get("/needs?budget_from=lots").status_code == 400
    assert client.get("/needs?industry=XYZ").status_code == 400
    assert client.get("/needs?deadline_before=tomorrow").status_code == 400


def test_the_manufacturer_sees_its_needs_with_states_and_counts(app, post_need, make_account):
    owner = make_account("manufacturer")
    post_need(owner=owner, state="draft", title="Draft one here")
    post_need(owner=owner, state="published", title="Published one")
    post_need(state="published", title="Somebody else's need")
    c = app.test_client()
    login(c, owner)
    page = c.get("/manufacturer/needs").get_data(as_text=True)
    assert "Draft one here" in page and "Published one" in page
    assert "Somebody else" not in page
    assert "Draft" in page and "Published" in page
    dashboard = c.get("/manufacturer").get_data(as_text=True)
    assert "Drafts: 1" in dashboard and "published: 1" in dashboard


def test_the_staff_dashboard_links_to_the_queue(staff_client):
    assert "/staff/needs" in staff_client.get("/staff").get_data(as_text=True)


def test_the_suggest_button_ticks_predicted_disciplines_without_saving(app, manufacturer_client):
    data = form_data(discipline_codes=[], industry_code="", save=None, suggest="Suggest")
    response = manufacturer_client.post("/needs/new", data=data)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Suggested disciplines are ticked below" in page
    assert 'name="discipline_codes" type="checkbox" value=' in page and "checked" in page
    from marketplace.extensions import db
    from marketplace.models import Need

    with app.app_context():
        assert db.session.query(Need).count() == 0


def test_editing_a_published_need_tells_its_bidders(app, post_need, make_account):
    from marketplace.database import write_transaction
    from marketplace.extensions import db
    from marketplace.models import Bid, Notification

    need_id, owner = post_need()
    bidder, _bystander = make_account("studio"), make_account("studio")
    with app.app_context(), write_transaction() as session:
        session.add(Bid(need_id=need_id, studio_id=bidder.studio_id, approach="A plan",
                        price=90_000, duration_weeks=6))  # fmt: skip
    c = app.test_client()
    login(c, owner)
    c.post(f"/needs/{need_id}/edit", data=form_data(title="Battery pack, v2"))
    with app.app_context():
        sent = db.session.query(Notification).filter_by(kind="need_edited").all()
        assert [n.user_id for n in sent] == [bidder.id]
        assert sent[0].payload == {"need_id": need_id, "need_title": "Battery pack, v2",
                                   "version": 2}  # fmt: skip


def test_posting_with_csrf_protection_on(csrf_app, make_account):
    from tests.conftest import csrf_token_from

    account = make_account("manufacturer")
    c = csrf_app.test_client()
    login_page = c.get("/login").get_data(as_text=True)
    c.post("/login", data={"email": account.email, "password": account.password,
                           "csrf_token": csrf_token_from(login_page)})  # fmt: skip
    token = csrf_token_from(c.get("/needs/new").get_data(as_text=True))
    assert c.post("/needs/new", data=form_data()).status_code == 400  # no token
    response = c.post("/needs/new", data=form_data(csrf_token=token))
    assert response.status_code == 302
    page = c.get(response.headers["Location"]).get_data(as_text=True)
    token = csrf_token_from(page)
    need_id = response.headers["Location"].split("/")[-1]
    assert c.post(f"/needs/{need_id}/submit", data={"csrf_token": token}).status_code == 302


def test_a_need_under_review_cannot_be_edited(app, post_need):
    need_id, owner = post_need(state="submitted")
    c = app.test_client()
    login(c, owner)
    response = c.post(f"/needs/{need_id}/edit", data=form_data(title="Sneaky change"))
    assert response.status_code == 409
    assert "A need that is waiting for review cannot be edited." in response.get_data(as_text=True)
    assert _need(app, need_id).title == "Battery pack enclosure"


def test_need_pages_render_in_chinese_too(app, post_need):
    need_id, owner = post_need()
    c = app.test_client()
    c.environ_base["HTTP_ACCEPT_LANGUAGE"] = "zh-CN"
    login(c, owner)
    for path in ("/needs", f"/needs/{need_id}", f"/needs/{need_id}/edit", "/manufacturer/needs",
                 "/manufacturer", "/needs/new"):  # fmt: skip
        response = c.get(path)
        assert response.status_code == 200, path
        assert 'lang="zh-CN"' in response.get_data(as_text=True)
