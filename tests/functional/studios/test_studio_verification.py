"""Accreditation is a claim until commission staff verify it; who and when are recorded."""

from __future__ import annotations

import re

from marketplace.extensions import db
from marketplace.models import Studio
from tests.functional.studios.conftest import profile_form, text


def claim_token(page: str) -> str:
    match = re.search(r'name="claim" type="hidden" value="([^"]+)"', page) or re.search(
        r'name="claim" value="([^"]+)"', page
    )
    assert match, "no claim token on the page"
    return match.group(1)


def studio(app, studio_id: int) -> Studio:
    with app.app_context():
        row = db.session.get(Studio, studio_id)
        db.session.expunge(row)
        return row


def verify(staff_client, studio_id: int, **extra):
    token = claim_token(text(staff_client.get(f"/studios/{studio_id}")))
    return staff_client.post(f"/staff/studios/{studio_id}/verify", data={"claim": token, **extra})


def test_staff_verify_a_claim_and_everyone_sees_it_verified(app, filled_studio, staff_client):
    studio_id = filled_studio.account.studio_id
    public = app.test_client()
    assert "self-declared" in text(public.get(f"/studios/{studio_id}"))
    assert "Yubei Form Lab" not in text(public.get("/studios?verified=1"))

    response = verify(staff_client, studio_id)
    assert response.status_code == 302
    row = studio(app, studio_id)
    assert row.accreditation_verified_by_id == staff_client.account.id
    assert row.accreditation_verified_at is not None
    page = text(public.get(f"/studios/{studio_id}"))
    assert "Municipal design centre · verified" in page and "verified by the commission" in page
    assert "Yubei Form Lab" in text(public.get("/studios?verified=1"))
    assert staff_client.account.email in text(staff_client.get(f"/studios/{studio_id}"))


def test_changing_the_claim_makes_it_self_declared_again(app, filled_studio, staff_client):
    studio_id = filled_studio.account.studio_id
    verify(staff_client, studio_id)
    filled_studio.post("/studio/profile", data=profile_form(team_size="20"))  # claim unchanged
    assert studio(app, studio_id).is_verified
    filled_studio.post("/studio/profile", data=profile_form(accreditation="national"))
    row = studio(app, studio_id)
    assert not row.is_verified and row.accreditation_verified_by_id is None
    assert "self-declared" in text(app.test_client().get(f"/studios/{studio_id}"))


def test_a_claim_that_changed_after_staff_opened_it_is_not_verified(
    app, filled_studio, staff_client
):
    studio_id = filled_studio.account.studio_id
    token = claim_token(text(staff_client.get(f"/studios/{studio_id}")))
    filled_studio.post(
        "/studio/profile", data=profile_form(accreditation_evidence="A different certificate")
    )
    response = staff_client.post(
        f"/staff/studios/{studio_id}/verify", data={"claim": token}, follow_redirects=True
    )
    assert "changed its claim since you opened the page" in text(response)
    assert not studio(app, studio_id).is_verified


def test_withdraw_verification(app, filled_studio, staff_client):
    studio_id = filled_studio.account.studio_id
    verify(staff_client, studio_id)
    response = staff_client.post(f"/staff/studios/{studio_id}/unverify")
    assert response.status_code == 302
    assert not studio(app, studio_id).is_verified


def test_claims_page_lists_waiting_claims_and_verifies_from_there(
    app, filled_studio, other_studio, staff_client
):
    page = text(staff_client.get("/staff/studios/claims"))
    assert "Waiting for a check (1)" in page
    assert "Yubei Form Lab" in page and "Nan&#39;an Prototype Works" not in page  # claims none
    assert "Named in the 2022 municipal list, no. 37" in page
    studio_id = filled_studio.account.studio_id
    response = staff_client.post(
        f"/staff/studios/{studio_id}/verify",
        data={"claim": claim_token(page), "return_to": "claims"},
    )
    assert response.headers["Location"].endswith("/staff/studios/claims")
    page = text(staff_client.get("/staff/studios/claims"))
    assert "Waiting for a check (0)" in page and "Recently verified" in page
    assert staff_client.account.email in page


def test_staff_dashboard_links_to_the_claims_waiting(filled_studio, staff_client):
    page = text(staff_client.get("/staff"))
    assert "1 studio claim to be an industrial design centre is waiting" in page
    assert 'href="/staff/studios/claims"' in page


def test_a_studio_without_a_claim_cannot_be_verified(app, other_studio, staff_client):
    studio_id = other_studio.account.studio_id
    response = staff_client.post(
        f"/staff/studios/{studio_id}/verify", data={"claim": "none:x"}, follow_redirects=True
    )
    assert "claims no accreditation" in text(response)
    assert staff_client.post("/staff/studios/424242/verify", data={"claim": "x"}).status_code == 404


def test_only_staff_verify(filled_studio, manufacturer_client, client):
    studio_id = filled_studio.account.studio_id
    assert filled_studio.post(f"/staff/studios/{studio_id}/verify").status_code == 403
    assert manufacturer_client.post(f"/staff/studios/{studio_id}/verify").status_code == 403
    assert manufacturer_client.get("/staff/studios/claims").status_code == 403
    assert client.get("/staff/studios/claims").status_code == 302
    assert "Mark the claim verified" not in text(manufacturer_client.get(f"/studios/{studio_id}"))
