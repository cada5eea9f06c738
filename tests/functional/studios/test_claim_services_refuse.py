"""The claim services check their policy themselves: a studio cannot decide its own claim
through them, nor add evidence to another studio's claim; a refused call records nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.models import ClaimEvent, Studio
from marketplace.services.common.service_errors import PermissionDenied
from marketplace.services.studios import studio_verification as sv


def _steps(studio_id: int) -> int:
    return db.session.scalar(select(func.count(ClaimEvent.id)).where(
        ClaimEvent.studio_id == studio_id))  # fmt: skip


def test_a_studio_cannot_decide_its_own_claim_through_the_services(app, filled_studio):
    account = filled_studio.account
    with app.test_request_context(headers={"Accept-Language": "en"}):
        studio = db.session.get(Studio, account.studio_id)
        token = sv.claim_token(studio)
        calls = [
            lambda: sv.set_verified(account.actor, studio.id, sv.VerificationInput(True, token)),
            lambda: sv.reject_claim(account.actor, studio.id,
                                    sv.ClaimRejection(token, "no-record", "")),
            lambda: sv.ask_for_evidence(account.actor, studio.id,
                                        sv.EvidenceRequest(token, "Send it")),
        ]  # fmt: skip
        for call in calls:
            with pytest.raises(PermissionDenied, match="Only commission staff"):
                call()
        db.session.expire_all()
        assert db.session.get(Studio, studio.id).accreditation_verified_at is None
        assert _steps(studio.id) == 0
        assert sv.claim_state(db.session.get(Studio, studio.id)) == "pending"


def test_staff_decide_through_the_same_services(app, filled_studio, make_account):
    staff = make_account("staff")
    with app.test_request_context(headers={"Accept-Language": "en"}):
        studio = db.session.get(Studio, filled_studio.account.studio_id)
        sv.ask_for_evidence(staff.actor, studio.id,
                            sv.EvidenceRequest(sv.claim_token(studio), "Send the certificate"))
        assert sv.claim_state(studio) == "evidence-requested"
        assert sv.history(studio.id)[0].actor_id == staff.id


def test_evidence_only_from_the_studios_own_accounts(app, filled_studio, other_studio):
    document = sv.EvidenceDocument("0" * 32 + ".pdf", "application/pdf", "Certificate")
    studio_id = filled_studio.account.studio_id
    with app.test_request_context(headers={"Accept-Language": "en"}):
        with pytest.raises(PermissionDenied):
            sv.add_evidence(other_studio.account.actor, studio_id, document)
        assert _steps(studio_id) == 0
        event = sv.add_evidence(filled_studio.account.actor, studio_id, document)
        assert (event.action, event.actor_id) == ("evidence-uploaded", filled_studio.account.id)
