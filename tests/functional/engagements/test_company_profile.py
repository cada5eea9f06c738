"""A manufacturer's company profile on the account page, staff verification with history, the
verified mark on its needs, and studios without an account that cannot be invited."""

from __future__ import annotations

import pytest

from marketplace.extensions import db
from marketplace.models import AuditEntry, Company, User
from tests.bid_helpers import make_need
from tests.functional.engagements.conftest import VALID_CODE

FORM = {"name_zh": "重庆两江座椅有限公司", "name_en": "Liangjiang Seats Co.",
        "industry_code": "NEV",
        "district": "", "size": "medium", "website": "https://seats.example.com",
        "contact_name": "Wang Li", "contact_mobile": "138 1234 5678",
        "contact_email": "wang@seats.example.com", "credit_code": VALID_CODE}  # fmt: skip


def test_a_manufacturer_fills_in_its_company_and_bad_fields_are_named(app, manufacturer_client):
    bad = {**FORM, "credit_code": "91350100M000100Y44", "contact_mobile": "12345"}
    r = manufacturer_client.post("/account/company", data=bad)
    html = r.get_data(as_text=True)
    assert r.status_code == 400
    assert "should be “3”, not “4”" in html and "11 digits" in html
    with app.app_context():
        assert db.session.query(Company).count() == 0
    r = manufacturer_client.post("/account/company", data=FORM)
    assert r.status_code == 303
    with app.app_context():
        company = db.session.query(Company).one()
        assert (company.contact_mobile, company.credit_code) == ("13812345678", VALID_CODE)
        user = db.session.get(User, manufacturer_client.account.id)
        assert user.organisation_name == "重庆两江座椅有限公司"  # the company name is editable
    assert "Liangjiang Seats Co." in manufacturer_client.get("/account/company").get_data(
        as_text=True)


def test_two_companies_cannot_share_a_code_and_studios_have_no_company_page(
    app, make_account, manufacturer_client, studio_client
):
    manufacturer_client.post("/account/company", data=FORM)
    other = make_account("manufacturer")
    c = app.test_client()
    from tests.conftest import login

    login(c, other)
    r = c.post("/account/company", data=FORM)
    assert r.status_code == 400 and "already uses this credit code" in r.get_data(as_text=True)
    assert studio_client.get("/account/company").status_code == 403


def test_staff_verify_with_history_and_the_mark_shows_on_needs(
    app, manufacturer_client, staff_client, studio_client
):
    manufacturer_client.post("/account/company", data=FORM)
    with app.app_context():
        company_id = db.session.query(Company).one().id
        need_id = make_need(manufacturer_client.account.id, title="Seat frame")
    assert "Verified company" not in studio_client.get(f"/needs/{need_id}").get_data(as_text=True)
    assert manufacturer_client.post(f"/staff/companies/{company_id}/verify").status_code == 403
    r = staff_client.post(f"/staff/companies/{company_id}/verify",
                          data={"note": "Checked on gsxt.gov.cn"})
    assert r.status_code == 303
    assert "Verified company" in studio_client.get(f"/needs/{need_id}").get_data(as_text=True)
    # Changing the code clears the verification and is written into the history.
    manufacturer_client.post("/account/company", data={**FORM, "credit_code": "91500000MA5U0A1B2C"})
    assert "Verified company" not in studio_client.get(f"/needs/{need_id}").get_data(as_text=True)
    page = staff_client.get("/staff/companies").get_data(as_text=True)
    assert "Checked on gsxt.gov.cn" in page and "Credit code changed" in page
    r = staff_client.post(f"/staff/companies/{company_id}/revoke", data={"note": "Deregistered"})
    assert "not verified" in staff_client.get(r.headers["Location"]).get_data(as_text=True)
    with app.app_context():
        assert db.session.query(AuditEntry).filter_by(action="company-verified").count() == 1


def test_a_studio_without_an_account_cannot_be_invited(app, manufacturer_client):
    from marketplace.database import write_transaction
    from marketplace.models import Studio
    from marketplace.services.common.service_errors import ValidationFailed
    from marketplace.services.needs import invitations

    with app.app_context():
        need_id = make_need(manufacturer_client.account.id, title="Seat frame")
        with write_transaction() as session:
            studio = Studio(ref="imported-1", name="Imported Studio", capability_statement="x")
            session.add(studio)
        with pytest.raises(ValidationFailed) as refused:
            invitations.invite(manufacturer_client.account.actor, need_id,
                               invitations.InvitationInput([studio.id]))
        assert "Not yet registered" in str(refused.value)
        assert "Imported Studio" in str(refused.value)
