"""A studio says "we can take this on" for a scenario, sees it on its dashboard, and can undo it."""

from __future__ import annotations

import re

from marketplace.extensions import db
from marketplace.models import StudioInterest
from tests.functional.studios.conftest import text


def count_on(page: str) -> int:
    match = re.search(r'class="interest-count"><strong>(\d+)</strong>', page)
    assert match, "no interest count on the page"
    return int(match.group(1))


def interests(app) -> list[tuple[int, str | None]]:
    with app.app_context():
        rows = db.session.execute(db.select(StudioInterest.studio_id, StudioInterest.note))
        return [tuple(r) for r in rows]


def test_express_interest_then_see_it_counted_and_listed(app, filled_studio):
    page = text(filled_studio.get("/scenarios/NEV-01"))
    assert count_on(page) == 0 and "We can take this on" in page
    response = filled_studio.post(
        "/scenarios/NEV-01/interest", data={"note": "We did a battery dock in 2024."}
    )
    assert response.status_code == 302 and response.headers["Location"].endswith(
        "/scenarios/NEV-01"
    )
    page = text(filled_studio.get("/scenarios/NEV-01"))
    assert count_on(page) == 1
    assert "Your studio can take this on" in page and "We did a battery dock in 2024." in page
    dashboard = text(filled_studio.get("/studio/dashboard"))
    assert "NEV-01" in dashboard and "We did a battery dock in 2024." in dashboard
    assert count_on(text(app.test_client().get("/scenarios/NEV-01"))) == 1


def test_saying_it_again_updates_the_note_without_counting_twice(app, filled_studio):
    filled_studio.post("/scenarios/NEV-01/interest", data={"note": "first"})
    filled_studio.post("/scenarios/nev-01/interest", data={"note": "second thoughts"})
    assert interests(app) == [(filled_studio.account.studio_id, "second thoughts")]


def test_each_studio_counts_once(app, filled_studio, other_studio):
    filled_studio.post("/scenarios/ELEC-01/interest", data={})
    other_studio.post("/scenarios/ELEC-01/interest", data={"note": ""})
    assert count_on(text(app.test_client().get("/scenarios/ELEC-01"))) == 2
    assert count_on(text(app.test_client().get("/scenarios/NEV-01"))) == 0


def test_withdraw_from_the_scenario_page_and_from_the_dashboard(app, filled_studio):
    filled_studio.post("/scenarios/NEV-01/interest", data={"note": "n"})
    filled_studio.post("/scenarios/NEV-02/interest", data={"note": "n"})
    response = filled_studio.post("/scenarios/NEV-01/interest/withdraw")
    assert response.headers["Location"].endswith("/scenarios/NEV-01")
    assert count_on(text(filled_studio.get("/scenarios/NEV-01"))) == 0
    response = filled_studio.post(
        "/scenarios/NEV-02/interest/withdraw", data={"return_to": "dashboard"}
    )
    assert response.headers["Location"].endswith("/studio/dashboard")
    assert "None yet" in text(filled_studio.get("/studio/dashboard"))
    assert interests(app) == []


def test_a_too_long_note_is_refused_and_kept_for_editing(app, filled_studio):
    note = "We can. " * 70  # 560 characters
    response = filled_studio.post("/scenarios/NEV-01/interest", data={"note": note})
    page = text(response)
    assert response.status_code == 400
    assert "Use at most 500 characters (you have 559)." in page
    assert note.strip() in page
    assert interests(app) == []


def test_only_studios_can_express_interest(client, manufacturer_client, staff_client):
    assert client.post("/scenarios/NEV-01/interest").status_code == 302  # to log in
    assert manufacturer_client.post("/scenarios/NEV-01/interest").status_code == 403
    assert staff_client.post("/scenarios/NEV-01/interest/withdraw").status_code == 403
    page = text(client.get("/scenarios/NEV-01"))
    assert "Log in</a> to say you can take this on" in page
    assert "We can take this on</button>" not in text(manufacturer_client.get("/scenarios/NEV-01"))


def test_unknown_scenario_is_a_404(filled_studio):
    assert filled_studio.post("/scenarios/NOPE-99/interest").status_code == 404
    assert filled_studio.post("/scenarios/NOPE-99/interest/withdraw").status_code == 404


def test_withdrawing_only_touches_the_studios_own_interest(app, filled_studio, other_studio):
    filled_studio.post("/scenarios/NEV-01/interest", data={"note": "ours"})
    other_studio.post("/scenarios/NEV-01/interest/withdraw")
    assert interests(app) == [(filled_studio.account.studio_id, "ours")]
