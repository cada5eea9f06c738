"""A studio fills in its profile; bad input gets a message on the field and loses nothing."""

from __future__ import annotations

import re

import pytest

from marketplace.extensions import db
from marketplace.models import Studio
from marketplace.models._types import utcnow
from tests.conftest import PASSWORD, Account, csrf_token_from, login
from tests.functional.studios.conftest import STATEMENT, profile_form, text

THIS_YEAR = utcnow().year


def studio_row(app, studio_id: int) -> Studio:
    with app.app_context():
        studio = db.session.get(Studio, studio_id)
        db.session.expunge(studio)
        return studio


def test_a_new_studio_is_told_it_is_not_listed_until_it_fills_in_its_profile(studio_client):
    page = text(studio_client.get("/studio/dashboard"))
    assert "You are not in the directory yet" in page
    assert "Studio Org" not in text(studio_client.get("/studios"))
    detail = studio_client.get(f"/studios/{studio_client.account.studio_id}")
    assert detail.status_code == 200 and "not in the directory yet" in text(detail)


def test_dashboard_link_sends_a_studio_to_its_own_dashboard(studio_client):
    response = studio_client.get("/dashboard")
    assert response.status_code == 302 and response.headers["Location"].endswith(
        "/studio/dashboard"
    )


def test_saved_profile_appears_on_the_public_page_and_in_the_directory(app, filled_studio):
    studio_id = filled_studio.account.studio_id
    public = app.test_client()
    page = text(public.get(f"/studios/{studio_id}"))
    for shown in ("Yubei Form Lab", "渝北造型实验室", "Yubei 渝北区", "2014", "18 people",
                  "formlab.example.cn", "Municipal industrial design centre", "self-declared",
                  "High-end motorcycles", "Structural and mechanical engineering"):  # fmt: skip
        assert shown in page, shown
    assert "battery enclosures" in page
    listing = text(public.get("/studios"))
    assert f'href="/studios/{studio_id}"' in listing
    assert "studio is listed in the directory" in text(filled_studio.get("/studio/dashboard"))


def test_profile_form_shows_what_is_saved(filled_studio):
    page = text(filled_studio.get("/studio/profile"))
    assert 'value="Yubei Form Lab"' in page
    assert STATEMENT in page
    checkbox = r'<input checked id="\w+-\d+" name="(\w+)" type="checkbox" value="(\w+)"'
    checked = re.findall(checkbox, page)
    assert sorted(checked) == [("discipline_codes", "ENG"), ("discipline_codes", "FORM"),
                               ("industry_codes", "MOTO"), ("industry_codes", "NEV")]  # fmt: skip
    assert '<option selected value="yubei">' in page


LONG = "x" * 201
BAD_INPUT = [
    ("name", {"name": ""}, "Use 2 to 200 characters."),
    ("name", {"name": "Q"}, "Use 2 to 200 characters."),
    ("name", {"name": LONG}, "Use 2 to 200 characters."),
    ("name_zh", {"name_zh": "设" * 201}, "Use at most 200 characters."),
    ("district", {"district": "atlantis"}, "Not a valid choice"),
    ("founded_year", {"founded_year": "1948"}, f"Enter a year from 1949 to {THIS_YEAR}."),
    ("founded_year", {"founded_year": str(THIS_YEAR + 1)}, "Enter a year from 1949"),
    ("founded_year", {"founded_year": "twenty"}, "Give a whole number from 0 to"),
    ("team_size", {"team_size": "0"}, "Enter a number from 1 to 100,000."),
    ("team_size", {"team_size": "100001"}, "Enter a number from 1 to 100,000."),
    ("website", {"website": "ftp://files.example.cn"}, "starting with http:// or https://"),
    ("website", {"website": "formlab dot cn"}, "starting with http:// or https://"),
    ("website", {"website": "https://e.cn/" + "a" * 300}, "at most 300 characters"),
    ("accreditation", {"accreditation": "gold"}, "Not a valid choice"),
    ("accreditation_evidence", {"accreditation_evidence": ""}, "Say how the claim can be checked"),
    ("accreditation_evidence", {"accreditation_evidence": "e" * 501}, "at most 500 characters"),
    ("capability_statement", {"capability_statement": "We design things." * 2},
     "Write 50 to 3,000 characters (you have 34)."),
    ("capability_statement", {"capability_statement": "a" * 3001},
     "Write 50 to 3,000 characters (you have 3,001)."),
    ("industry_codes", {"industry_codes": []}, "Choose at least one industry."),
    ("industry_codes", {"industry_codes": ["NEV", "SPACESHIPS"]}, "not a valid choice"),
    ("discipline_codes", {"discipline_codes": []}, "Choose at least one discipline."),
    ("contact_email", {"contact_email": "li.wei at formlab"}, "email"),
    ("contact_phone", {"contact_phone": "call me maybe"}, "Use digits, spaces, brackets"),
]  # fmt: skip


@pytest.mark.parametrize(("field", "changes", "message"), BAD_INPUT)
def test_bad_profile_input_is_refused_with_a_message_and_nothing_is_lost(
    app, filled_studio, field, changes, message
):
    studio_id = filled_studio.account.studio_id
    before = studio_row(app, studio_id)
    edited = profile_form(**changes)
    if field != "capability_statement":
        edited["capability_statement"] = STATEMENT + " We also prototype in-house."
    response = filled_studio.post("/studio/profile", data=edited)
    page = text(response)
    assert response.status_code == 400
    assert "Please correct the highlighted fields." in page
    assert f'id="{field}-error"' in page
    assert message.lower() in page.lower()
    if field != "capability_statement":  # the rest of the form keeps what was typed
        assert "We also prototype in-house." in page
    after = studio_row(app, studio_id)
    assert (after.name, after.capability_statement, after.website, after.team_size) == (
        before.name, before.capability_statement, before.website, before.team_size,
    )  # fmt: skip


def test_every_problem_is_reported_at_once(filled_studio):
    response = filled_studio.post(
        "/studio/profile",
        data=profile_form(name="", team_size="0", capability_statement="short", website="x"),
    )
    page = text(response)
    assert response.status_code == 400
    for message in ("Use 2 to 200", "Enter a number from 1", "Write 50 to 3,000", "http://"):
        assert message in page


@pytest.mark.parametrize(
    "changes",
    [
        {"name": "QY", "capability_statement": "a" * 50, "founded_year": "1949", "team_size": "1"},
        {"name": "N" * 200, "capability_statement": "b" * 3000,
         "founded_year": str(THIS_YEAR), "team_size": "100000"},
        {"name_zh": "", "district": "", "founded_year": "", "team_size": "", "website": "",
         "accreditation": "none", "accreditation_evidence": "", "contact_name": "",
         "contact_email": "", "contact_phone": ""},
        {"district": "outside", "website": "http://formlab.example.cn/about?lang=en"},
    ],
)  # fmt: skip
def test_limits_themselves_and_empty_optional_fields_are_accepted(app, studio_client, changes):
    response = studio_client.post("/studio/profile", data=profile_form(**changes))
    assert response.status_code == 302, text(response)[:3000]
    saved = studio_row(app, studio_client.account.studio_id)
    if "capability_statement" in changes:
        assert saved.capability_statement == changes["capability_statement"]
    if changes.get("website") == "":
        assert saved.website is None and saved.contact_email is None


def test_windows_line_breaks_count_as_one_character(app, studio_client):
    statement = ("a" * 99 + "\r\n") * 30  # 3,000 characters once CRLF is a single newline
    response = studio_client.post(
        "/studio/profile", data=profile_form(capability_statement=statement)
    )
    assert response.status_code == 302
    saved = studio_row(app, studio_client.account.studio_id).capability_statement
    assert "\r" not in saved and len(saved) == 2999  # trailing newline trimmed


def test_contact_details_only_for_staff_and_the_studio_until_a_shortlist(
    app, filled_studio, other_studio, manufacturer_client, staff_client
):
    url = f"/studios/{filled_studio.account.studio_id}"
    email = "li.wei@formlab.example.cn"
    assert email not in text(app.test_client().get(url))
    assert "Log in" in text(app.test_client().get(url))
    assert email not in text(other_studio.get(url))
    assert email not in text(manufacturer_client.get(url))  # exchanged at shortlist or award
    assert email in text(staff_client.get(url))
    assert email in text(filled_studio.get(url))
    assert email not in text(app.test_client().get("/studios"))


def test_profile_pages_need_a_studio_account(client, manufacturer_client):
    assert client.get("/studio/profile").status_code == 302  # to the login page
    assert manufacturer_client.get("/studio/profile").status_code == 403
    assert manufacturer_client.post("/studio/profile", data=profile_form()).status_code == 403


def test_profile_post_without_csrf_token_changes_nothing(csrf_app):
    from marketplace.services.accounts import accounts

    with csrf_app.app_context():
        user = accounts.register("studio", "CSRF Studio", "csrf@example.com", PASSWORD)
        studio_id = user.studio_id
    client = csrf_app.test_client()
    token = csrf_token_from(text(client.get("/login")))
    client.post("/login", data={"email": "csrf@example.com", "password": PASSWORD,
                                "csrf_token": token})  # fmt: skip
    response = client.post("/studio/profile", data=profile_form())
    assert response.status_code == 400
    with csrf_app.app_context():
        assert db.session.get(Studio, studio_id).capability_statement == ""
    form_page = text(client.get("/studio/profile"))
    ok = client.post("/studio/profile",
                     data=profile_form(csrf_token=csrf_token_from(form_page)))  # fmt: skip
    assert ok.status_code == 302


def test_a_second_account_of_the_same_studio_edits_the_same_profile(app, filled_studio):
    from marketplace.services.accounts import accounts

    with app.app_context():
        colleague = accounts.register("studio", "Colleague", "colleague@example.com", PASSWORD)
        colleague.studio_id = filled_studio.account.studio_id
        db.session.commit()
        account = Account(colleague.id, colleague.email, PASSWORD, "studio", colleague.studio_id)
    client = app.test_client()
    login(client, account)
    assert "Yubei Form Lab" in text(client.get("/studio/profile"))
