"""Control characters, NUL, ESC and bidi overrides never reach the database or a page."""

from __future__ import annotations

from sqlalchemy import select

from marketplace.services.common.text_cleaning import clean_text
from tests.functional.studios.conftest import STATEMENT, profile_form

HOSTILE = "\x00\x1b[31m\u202e\u2066\x07\x7f\x85"
UNSAFE = set("\x00\x1b\u202e\u2066\x07\x7f\x85")
SAFE_LOOKING = "Hostile\u202eeman\u2069 Studio\x00\x1b"


def test_clean_text_removes_controls_and_bidi_overrides_but_keeps_lines_and_chinese():
    messy = " 渝北\x00造型\u202e实验室\x1b \r\nsecond\tline "
    assert clean_text(messy) == "渝北造型实验室 \nsecond\tline"
    assert clean_text("a\x00b\nc\td", multiline=False) == "ab c d"
    assert clean_text(None) == ""
    assert clean_text("\ud800lone surrogate") == "lone surrogate"


def test_registration_strips_hostile_characters_from_the_name(app, client):
    response = client.post(
        "/register",
        data={
            "role": "manufacturer", "organisation_name": SAFE_LOOKING,
            "email": "hostile@example.com", "password": "correct horse battery staple",
            "confirm": "correct horse battery staple",
        },
    )  # fmt: skip
    assert response.status_code == 302, response.get_data(as_text=True)[:1000]
    from marketplace.extensions import db
    from marketplace.models import User

    with app.app_context():
        name = db.session.scalar(select(User.organisation_name).where(User.email.like("hostile%")))
    assert name == "Hostileeman Studio"


def test_profile_and_interest_note_are_stored_clean(app, studio_client):
    form = profile_form(
        name="Yubei" + HOSTILE + " Form Lab",
        capability_statement=STATEMENT + HOSTILE,
        contact_name="Li\x00 Wei\u202e",
    )
    response = studio_client.post("/studio/profile", data=form)
    assert response.status_code == 302, response.get_data(as_text=True)[:1000]
    note = "We can start\x1b[2J next month\u202e."
    assert studio_client.post("/scenarios/NEV-01/interest", data={"note": note}).status_code == 302
    from marketplace.extensions import db
    from marketplace.models import Studio, StudioInterest

    with app.app_context():
        studio = db.session.get(Studio, studio_client.account.studio_id)
        stored = [studio.name, studio.capability_statement, studio.contact_name]
        interest = db.session.scalar(
            select(StudioInterest).where(StudioInterest.studio_id == studio.id)
        )
        stored.append(interest.note)
        assert interest.note == "We can start[2J next month."
    assert stored[0] == "Yubei[31m Form Lab"
    assert all(not UNSAFE & set(text) for text in stored)
    page = app.test_client().get(f"/studios/{studio_client.account.studio_id}")
    assert "\u202e" not in page.get_data(as_text=True)
