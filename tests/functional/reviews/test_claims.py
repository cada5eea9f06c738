"""Accreditation claims: reject with a reason, ask for evidence, upload; every step is kept."""

from __future__ import annotations

import re
from io import BytesIO

from tests.functional.reviews.conftest import text

PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
       b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")


def _token(staff_client, studio_id: int) -> str:
    page = text(staff_client.get("/staff/studios/claims"))
    match = re.search(rf'/staff/studios/{studio_id}/reject-claim">\s*<input id="csrf_token"[^>]*>'
                      r'\s*<input type="hidden" name="claim" value="([^"]+)"', page) or re.search(
        rf'/staff/studios/{studio_id}/reject-claim">.*?name="claim" value="([^"]+)"', page, re.S)
    assert match, "no claim on the claims page"
    return match.group(1)


def test_reject_with_reason_then_the_studio_sees_it(app, filled_studio, staff_client):
    studio_id = filled_studio.account.studio_id
    token = _token(staff_client, studio_id)
    missing = staff_client.post(f"/staff/studios/{studio_id}/reject-claim",
                                data={"claim": token, "reason": "nope"})  # fmt: skip
    assert missing.status_code == 400 and "Choose one of the listed reasons" in text(missing)
    done = staff_client.post(f"/staff/studios/{studio_id}/reject-claim", data={
        "claim": token, "reason": "no-record", "note": "Not in the 2022 list."})  # fmt: skip
    assert done.status_code == 302
    page = text(filled_studio.get("/studio/accreditation"))
    assert "Rejected by the commission" in page
    assert "No such centre in the official register" in page and "Not in the 2022 list." in page
    claims = text(staff_client.get("/staff/studios/claims"))
    assert f"/staff/studios/{studio_id}/verify" not in claims  # no longer waiting for a check
    assert "Waiting for the studio, or rejected" in claims


def test_ask_for_evidence_upload_pdf_and_keep_every_step(app, filled_studio, staff_client):
    studio_id = filled_studio.account.studio_id
    token = _token(staff_client, studio_id)
    assert staff_client.post(f"/staff/studios/{studio_id}/ask-evidence",
                             data={"claim": token, "note": ""}).status_code == 400  # fmt: skip
    staff_client.post(f"/staff/studios/{studio_id}/ask-evidence",
                      data={"claim": token, "note": "Send the certificate, please."})  # fmt: skip
    page = text(filled_studio.get("/studio/accreditation"))
    assert "The commission asks for evidence" in page and "Send the certificate" in page

    fake = filled_studio.post("/studio/accreditation", data={
        "title": "Certificate", "document": (BytesIO(b"MZ\x90\x00 not a pdf"), "cert.pdf")},
        content_type="multipart/form-data")  # fmt: skip
    assert fake.status_code == 400 and "PDF" in text(fake)
    ok = filled_studio.post("/studio/accreditation", data={
        "title": "Certificate 2022", "document": (BytesIO(PDF), "cert.pdf")},
        content_type="multipart/form-data")  # fmt: skip
    assert ok.status_code == 302
    claims = text(staff_client.get("/staff/studios/claims"))
    assert "evidence uploaded" in claims and "Certificate 2022" in claims
    link = re.search(r'href="(/claims/\d+/documents/[0-9a-f]+\.pdf)"', claims).group(1)
    assert staff_client.get(link).data == PDF
    assert app.test_client().get(link).status_code in (302, 401)  # visitors log in first

    verified = staff_client.post(f"/staff/studios/{studio_id}/verify", data={"claim": token})
    assert verified.status_code == 302
    from marketplace.services.studios.studio_verification import history

    with app.app_context():
        steps = [e.action for e in history(studio_id)]
    assert steps == ["verified", "evidence-uploaded", "evidence-requested"]


def test_other_studios_cannot_read_a_claim_document(app, filled_studio, staff_client,
                                                    make_account):  # fmt: skip
    studio_id = filled_studio.account.studio_id
    filled_studio.post("/studio/accreditation", data={
        "title": "Cert", "document": (BytesIO(PDF), "cert.pdf")},
        content_type="multipart/form-data")  # fmt: skip
    page = text(filled_studio.get("/studio/accreditation"))
    link = re.search(r'href="(/claims/\d+/documents/[0-9a-f]+\.pdf)"', page).group(1)
    assert filled_studio.get(link).status_code == 200
    from tests.conftest import login

    other = app.test_client()
    login(other, make_account("studio"))
    assert other.get(link).status_code == 404
    assert other.get(f"/claims/{studio_id}/documents/../../etc.pdf").status_code == 404
