"""Pages that show stored recommendations: scenario page, studio dashboard, profile suggestions."""

from __future__ import annotations

import re

from sqlalchemy import select

from marketplace.extensions import db
from marketplace.models import Embedding, MatchRow, Studio
from tests.functional.studios.conftest import profile_form


def _fits(html: str) -> str:
    start = html.index('id="studios-that-fit"')
    return html[start : html.index("</section>", start)]


def test_scenario_page_shows_studios_that_fit_with_reasons_and_links(matched_app, client):
    html = client.get("/scenarios/NEV-02").get_data(as_text=True)
    panel = _fits(html)
    assert "Studios that fit" in panel
    links = re.findall(r'href="/studios/(\d+)"', panel)
    assert 1 <= len(links) <= 10
    assert "Closest match:" in panel and "Same industry:" in panel
    assert "Score breakdown" not in panel  # visitors get reasons, not numbers
    with matched_app.app_context():
        listed = {str(s.id) for s in db.session.scalars(select(Studio)) if s.is_listed}
    assert set(links) <= listed


def test_staff_see_the_score_breakdown(matched_app, staff_client):
    panel = _fits(staff_client.get("/scenarios/NEV-02").get_data(as_text=True))
    assert "Score breakdown" in panel
    for part in ("dense", "lexical", "industry", "discipline"):
        assert f"<td>{part}</td>" in panel
    assert "Matched sentences" in panel and "candidate ticked" in panel


def test_unlisted_studios_are_not_recommended(matched_app, client):
    with matched_app.app_context():
        studio = db.session.scalar(select(Studio).where(Studio.ref == "S001"))
        studio.is_listed = False
        db.session.commit()
        hidden = studio.id
    panel = _fits(client.get("/scenarios/NEV-02").get_data(as_text=True))
    assert f'href="/studios/{hidden}"' not in panel


def test_scenario_without_studios_says_so(client):
    panel = _fits(client.get("/scenarios/NEV-02").get_data(as_text=True))
    assert "No listed studio has been matched" in panel


def test_saving_a_profile_gives_scenarios_for_you_with_interest_state(matched_app, studio_client):
    assert studio_client.post("/studio/profile", data=profile_form()).status_code == 302
    html = studio_client.get("/studio/dashboard").get_data(as_text=True)
    assert "Scenarios for you" in html
    codes = re.findall(r'href="/scenarios/([A-Z]+-\d+)"', html[html.index("scenarios-for-you") :])
    assert len(codes) >= 3
    assert "Not marked yet" in html and "You can take this on" not in html
    top = codes[0]
    assert studio_client.post(f"/scenarios/{top}/interest", data={"note": ""}).status_code == 302
    html = studio_client.get("/studio/dashboard").get_data(as_text=True)
    panel = html[html.index("scenarios-for-you") : html.index("Scenarios you can take on")]
    assert "You can take this on" in panel.split(f"/scenarios/{top}")[1].split("</li>")[0]


def test_an_edited_profile_gets_fresh_recommendations_on_the_next_view(matched_app, studio_client):
    studio_client.post("/studio/profile", data=profile_form())
    first = studio_client.get("/studio/dashboard").get_data(as_text=True)
    food = profile_form(
        capability_statement="Packaging and brand identity for Chongqing hotpot base, chilli "
        "oil and noodle makers: gift boxes, labels, shelf displays and refill pouches.",
        industry_codes=["FOOD"],
        discipline_codes=["BRAND"],
    )
    assert studio_client.post("/studio/profile", data=food).status_code == 302
    second = studio_client.get("/studio/dashboard").get_data(as_text=True)
    top = re.findall(r'href="/scenarios/([A-Z]+-\d+)"', second[second.index("scenarios-for-you") :])
    assert top[0].startswith("FOOD-")
    assert first != second and "not ready yet" not in second


def test_tag_suggestions_are_offered_and_can_be_ticked(matched_app, studio_client):
    studio_client.post("/studio/profile", data=profile_form())
    studio_id = studio_client.account.studio_id
    with matched_app.app_context():
        row = db.session.scalar(
            select(Embedding).where(Embedding.kind == "studio", Embedding.key == str(studio_id))
        )
        assert set(row.predicted_tags) == {"industries", "disciplines"}  # computed on save
        # Make the prediction deterministic for the page test: one ticked, two new, one weak.
        row.predicted_tags = {
            "industries": [["NEV", 0.9], ["ENERGY", 0.7]],
            "disciplines": [["UX", 0.8], ["CMF", 0.2]],
        }
        db.session.commit()
    html = studio_client.get("/studio/profile").get_data(as_text=True)
    box = html[html.index("tag-suggestions") :].split("</div>")[0]
    assert "ENERGY" in box and "UX" in box
    assert "NEV" not in box  # already ticked
    assert "CMF" not in box  # not confident enough
    accepted = studio_client.get("/studio/profile?suggested=1").get_data(as_text=True)
    assert re.search(r'value="ENERGY"[^>]*checked|checked[^>]*value="ENERGY"', accepted)
    assert re.search(r'value="UX"[^>]*checked|checked[^>]*value="UX"', accepted)
    assert "tag-suggestions" not in accepted  # nothing left to suggest on this form
    with matched_app.app_context():  # nothing is saved until the studio presses Save
        assert db.session.get(Studio, studio_id).discipline_codes == ["FORM", "ENG"]


def test_explanations_say_whether_tags_were_ticked_or_predicted(matched_app, studio_client):
    studio_client.post("/studio/profile", data=profile_form())
    html = studio_client.get("/studio/dashboard").get_data(as_text=True)
    assert "(you ticked it)" in html
    with matched_app.app_context():
        reasons = [
            reason
            for rec in db.session.scalars(select(MatchRow))
            for reason in rec.explanation["reasons"]
        ]
    assert any("ticked by the studio" in r for r in reasons)
