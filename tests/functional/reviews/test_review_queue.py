"""The review queue: proposals explained, decisions recorded with reasons, stale ones refused."""

from __future__ import annotations

import re

from tests.conftest import login


def _token(html: str, row_id: int) -> str:
    match = re.search(rf'name="row_id" value="{row_id}">\s*<input type="hidden" name="token" '
                      r'value="([0-9a-f]+)"', html)  # fmt: skip
    assert match, f"no decision form for row {row_id}"
    return match.group(1)


def test_queue_shows_good_and_strong_proposals_in_plain_words(staff_client, seeded):
    html = staff_client.get("/staff/review").get_data(as_text=True)
    assert "Alpha Design" in html and "Beta Works" in html
    assert html.count('name="row_id"') == 3  # Gamma's "possible" fit is not a proposal...
    gamma = seeded.rows[("NEV-01", "Gamma Lab")]
    assert f'name="row_id" value="{gamma}"' not in html
    assert "3. Gamma Lab" in html  # ...but it is named as a runner-up
    assert "What the texts share" in html and "Product words" in html
    assert "Industry and expertise" in html and "Against the runner-ups" in html
    assert "battery" in html  # a shared product word, quoted
    assert "dense" not in html and "Normalised" not in html


def test_queue_filters_by_scenario_and_fit(staff_client, seeded):
    html = staff_client.get("/staff/review?source=NEV-02").get_data(as_text=True)
    assert html.count('name="row_id"') == 1
    html = staff_client.get("/staff/review?fit=strong").get_data(as_text=True)
    assert "Alpha Design" in html and html.count('name="row_id"') == 1
    assert staff_client.get("/staff/review?fit=bogus").status_code == 400
    assert staff_client.get("/staff/review?since=yesterday").status_code == 400
    assert staff_client.get("/staff/review?industry=XXX").status_code == 400


def test_approve_records_reason_and_what_was_seen(app, staff_client, seeded):
    row_id = seeded.rows[("NEV-01", "Alpha Design")]
    token = _token(staff_client.get("/staff/review").get_data(as_text=True), row_id)
    response = staff_client.post("/staff/review/decide", data={
        "row_id": row_id, "token": token, "reason": "approved:good-fit", "note": "Solid work",
    })  # fmt: skip
    assert response.status_code == 302
    from marketplace.models import AuditEntry, MatchDecision, OutboxEntry

    with app.app_context():
        from marketplace.extensions import db

        decision = db.session.query(MatchDecision).one()
        assert (decision.decision, decision.reason_code, decision.note) == (
            "approved", "good-fit", "Solid work")
        assert decision.seen["score"] == 1.6 and decision.seen["fit"] == "strong"
        assert decision.seen["model"] == "test-model" and decision.seen["parts"]["dense"] == 1.6
        assert db.session.query(AuditEntry).filter_by(action="match-approved").count() == 1
        assert db.session.query(OutboxEntry).filter_by(topic="match-decided").count() == 1
    html = staff_client.get("/staff/review").get_data(as_text=True)
    assert f'value="{row_id}"' not in html  # decided: gone from the queue


def test_a_changed_proposal_is_refused(app, staff_client, seeded):
    row_id = seeded.rows[("NEV-01", "Beta Works")]
    token = _token(staff_client.get("/staff/review").get_data(as_text=True), row_id)
    from marketplace.database import write_transaction
    from marketplace.models import MatchRow

    with app.app_context(), write_transaction() as session:
        session.get(MatchRow, row_id).score = 0.5  # matching recomputed meanwhile
    response = staff_client.post("/staff/review/decide", data={
        "row_id": row_id, "token": token, "reason": "rejected:wrong-industry"})  # fmt: skip
    assert response.status_code == 409
    assert "This proposal changed" in response.get_data(as_text=True)


def test_reject_needs_a_listed_reason_and_a_note_for_other(staff_client, seeded):
    row_id = seeded.rows[("NEV-01", "Beta Works")]
    token = _token(staff_client.get("/staff/review").get_data(as_text=True), row_id)
    bad = staff_client.post("/staff/review/decide", data={
        "row_id": row_id, "token": token, "reason": "rejected:because"})  # fmt: skip
    assert bad.status_code == 400 and "Choose one of the listed reasons" in bad.get_data(True)
    other = staff_client.post("/staff/review/decide", data={
        "row_id": row_id, "token": token, "reason": "rejected:other"})  # fmt: skip
    assert other.status_code == 400 and "note" in other.get_data(as_text=True)
    missing = staff_client.post("/staff/review/decide", data={
        "row_id": 99999, "token": "x", "reason": "approved:good-fit"})  # fmt: skip
    assert missing.status_code == 404


def test_rejected_pair_returns_only_when_the_studio_changes(app, staff_client, seeded):
    row_id = seeded.rows[("NEV-01", "Beta Works")]
    token = _token(staff_client.get("/staff/review").get_data(as_text=True), row_id)
    staff_client.post("/staff/review/decide", data={
        "row_id": row_id, "token": token, "reason": "rejected:lacks-expertise"})  # fmt: skip
    html = staff_client.get("/staff/review?source=NEV-01").get_data(as_text=True)
    assert f'name="row_id" value="{row_id}"' not in html
    from marketplace.database import write_transaction
    from marketplace.models import Studio

    with app.app_context(), write_transaction() as session:
        studio = session.get(Studio, seeded.studios["Beta Works"])
        studio.capability_statement += " We now also design cockpit interfaces."
    html = staff_client.get("/staff/review?source=NEV-01").get_data(as_text=True)
    assert f'name="row_id" value="{row_id}"' in html


def test_bulk_approve_is_all_or_nothing(app, staff_client, seeded):
    html = staff_client.get("/staff/review").get_data(as_text=True)
    picks = re.findall(r'name="pick" value="([0-9]+:[0-9a-f]+)"', html)
    assert len(picks) == 3
    stale = [*picks[:2], picks[2].split(":")[0] + ":deadbeef"]
    refused = staff_client.post("/staff/review/bulk", data={"pick": stale, "reason": "good-fit"})
    assert refused.status_code == 409
    from marketplace.models import MatchDecision

    with app.app_context():
        from marketplace.extensions import db

        assert db.session.query(MatchDecision).count() == 0
    done = staff_client.post("/staff/review/bulk", data={"pick": picks, "reason": "good-fit"})
    assert done.status_code == 302
    with app.app_context():
        assert db.session.query(MatchDecision).filter_by(decision="approved").count() == 3


def test_decisions_need_a_recent_login(app, make_account, seeded):
    account = make_account("staff")
    client = app.test_client()
    login(client, account)
    row_id = seeded.rows[("NEV-01", "Alpha Design")]
    token = _token(client.get("/staff/review").get_data(as_text=True), row_id)
    with client.session_transaction() as sess:
        sess["staff_seen_at"] = sess["staff_seen_at"] - 16 * 60  # idle for 16 minutes
    response = client.post("/staff/review/decide", data={
        "row_id": row_id, "token": token, "reason": "approved:good-fit"})  # fmt: skip
    assert response.status_code == 302 and "/staff/reauth" in response.headers["Location"]
    wrong = client.post("/staff/reauth", data={"password": "not the password at all"})
    assert wrong.status_code == 400
    assert client.post("/staff/reauth", data={"password": account.password}).status_code == 302
    response = client.post("/staff/review/decide", data={
        "row_id": row_id, "token": token, "reason": "approved:good-fit"})  # fmt: skip
    assert response.status_code == 302 and "/staff/review" in response.headers["Location"]


def test_approved_match_shows_commission_approved_on_both_sides(app, staff_client, seeded):
    row_id = seeded.rows[("NEV-01", "Alpha Design")]
    token = _token(staff_client.get("/staff/review").get_data(as_text=True), row_id)
    staff_client.post("/staff/review/decide", data={
        "row_id": row_id, "token": token, "reason": "approved:good-fit"})  # fmt: skip
    page = app.test_client().get("/scenarios/NEV-01").get_data(as_text=True)
    alpha = page.index("Alpha Design")
    assert "Commission-approved" in page[alpha : alpha + 400]
    beta = page.index("Beta Works")
    assert "Commission-approved" not in page[beta : beta + 400]
    with app.app_context():
        from marketplace.services.reviews.decisions import approved_scenario_codes

        assert approved_scenario_codes(seeded.studios["Alpha Design"]) == {"NEV-01"}


def test_staff_dashboard_counts_the_waiting_proposals(staff_client, seeded):
    page = staff_client.get("/staff").get_data(as_text=True)
    assert "3 proposed matches wait for your decision." in page
    assert 'href="/staff/review"' in page and 'href="/staff/coverage"' in page


def test_an_approval_rings_the_studio_s_bell_once(app, staff_client, make_account, seeded):
    from sqlalchemy import select

    from marketplace import bootstrap, jobs
    from marketplace.database import write_transaction
    from marketplace.extensions import db
    from marketplace.models import Notification, User

    member = make_account("studio", email="alpha@example.cn")
    with app.app_context(), write_transaction() as session:
        session.get(User, member.id).studio_id = seeded.studios["Alpha Design"]
    row_id = seeded.rows[("NEV-01", "Alpha Design")]
    token = _token(staff_client.get("/staff/review").get_data(as_text=True), row_id)
    staff_client.post("/staff/review/decide", data={
        "row_id": row_id, "token": token, "reason": "approved:good-fit"})  # fmt: skip
    with app.app_context():
        jobs.drain(bootstrap.EVENT_HANDLERS)  # a retried drain must not tell anyone twice
        told = db.session.scalars(
            select(Notification).where(Notification.kind == "match_approved")
        ).all()
    assert [n.user_id for n in told] == [member.id]
    assert told[0].link == "/scenarios/NEV-01"
