"""The scenario page is cached for visitors per language and follows every change that shows on
it (interest, new studios and their match rows, staff decisions); a signed-in studio's own view is
never served to anyone else, nor a visitor's page to a studio."""

from __future__ import annotations

import json
import re

from marketplace.services.matching.versions import scenario_page_version
from marketplace.services.studios import studio_import
from tests.functional.studios.conftest import filled_studio as filled_studio  # the fixture
from tests.functional.studios.conftest import text


def _count(page: str) -> int:
    return int(re.search(r'class="interest-count"><strong>(\d+)</strong>', page).group(1))


def test_a_visitors_cached_page_shows_new_interest_at_once(app, filled_studio):
    visitor = app.test_client()
    assert _count(text(visitor.get("/scenarios/NEV-01"))) == 0
    assert _count(text(visitor.get("/scenarios/NEV-01"))) == 0  # now served from the cache
    filled_studio.post("/scenarios/NEV-01/interest", data={"note": "Battery docks."})
    assert _count(text(visitor.get("/scenarios/NEV-01"))) == 1
    filled_studio.post("/scenarios/NEV-01/interest/withdraw", data={"return_to": "scenario"})
    assert _count(text(visitor.get("/scenarios/NEV-01"))) == 0


def test_a_new_matching_studio_appears_on_a_cached_page(app):
    visitor = app.test_client()
    assert "Liangjiang Battery Form Lab" not in text(visitor.get("/scenarios/NEV-01"))
    line = json.dumps({
        "ref": "NEWLAB", "name": "Liangjiang Battery Form Lab",
        "text": "Battery pack housings, charging docks and EV battery swap station design.",
    })  # fmt: skip
    with app.app_context():
        studio_import.import_studios(
            studio_import.parse_studios([line]).records
        )  # rows computed inline
    assert "Liangjiang Battery Form Lab" in text(visitor.get("/scenarios/NEV-01"))


def test_a_studios_own_view_and_a_visitors_view_never_cross(app, filled_studio):
    visitor = app.test_client()
    assert "We can take this on" not in text(visitor.get("/scenarios/NEV-01"))
    own = text(filled_studio.get("/scenarios/NEV-01"))
    assert "We can take this on" in own and "Log in</a> to say you can take this on" not in own
    again = text(visitor.get("/scenarios/NEV-01"))
    assert "We can take this on" not in again and "Log in</a> to say you can take this on" in again


def test_a_second_visitor_can_switch_language_from_a_cached_page(csrf_app):
    from tests.conftest import csrf_token_from

    first, second = csrf_app.test_client(), csrf_app.test_client()
    for path in ("/scenarios/NEV-01", "/scenarios"):
        first_token = csrf_token_from(text(first.get(path)))
        second_token = csrf_token_from(text(second.get(path)))  # the stored page
        assert second_token != first_token
        switched = second.post(
            "/language", data={"lang": "en", "next": path, "csrf_token": second_token}
        )
        assert switched.status_code == 302, text(switched)[:300]


def test_each_language_gets_its_own_cached_page(app):
    client = app.test_client()
    english = text(client.get("/scenarios/NEV-01", headers={"Accept-Language": "en"}))
    chinese = text(client.get("/scenarios/NEV-01", headers={"Accept-Language": "zh-CN"}))
    assert "Studios ready for this" in english
    assert "Studios ready for this" not in chinese
    assert "Studios ready for this" in text(
        client.get("/scenarios/NEV-01", headers={"Accept-Language": "en"})
    )


def test_a_staff_decision_moves_the_scenario_pages_version(app, staff_client):
    from marketplace.extensions import db
    from marketplace.models import MatchDecision, MatchRow, User

    line = json.dumps({
        "ref": "DEC1", "name": "Decision Studio",
        "text": "EV battery housings, charging docks and battery swap stations for buses.",
    })  # fmt: skip
    with app.app_context():
        studio_import.import_studios(studio_import.parse_studios([line]).records)
        before = scenario_page_version("NEV-01")
        row = db.session.scalars(
            db.select(MatchRow).where(MatchRow.source_key == "scenario:NEV-01")
        ).first()
        staff = db.session.get(User, staff_client.account.id)
        db.session.add(MatchDecision(
            match_row_id=row.id, direction=row.direction, source_key=row.source_key,
            target_key=row.target_key, decision="rejected", reason_code="wrong-industry",
            fingerprint="f" * 64, seen={}, decided_by_id=staff.id,
        ))  # fmt: skip
        db.session.commit()
        assert scenario_page_version("NEV-01") != before
