"""Questions and answers (anonymous), attachments (checked, served only to readers), reminders."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

from PIL import Image

from marketplace.models._types import utcnow
from tests.conftest import login

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _png() -> bytes:
    out = BytesIO()
    Image.new("RGB", (20, 10), (10, 200, 30)).save(out, "PNG")
    return out.getvalue()


def _client(app, account):
    c = app.test_client()
    login(c, account)
    return c


def _notifications(app, kind):
    from marketplace.extensions import db
    from marketplace.models import Notification

    with app.app_context():
        return [(n.user_id, n.payload) for n in db.session.query(Notification).filter_by(kind=kind)]


def _bid(app, need_id, studio_id):
    from marketplace.database import write_transaction
    from marketplace.models import Bid

    with app.app_context(), write_transaction() as session:
        session.add(Bid(need_id=need_id, studio_id=studio_id, approach="Our approach",
                        price=100_000, duration_weeks=8))  # fmt: skip


def test_answers_are_shown_to_every_studio_without_naming_who_asked(
    app, post_need, make_account
):
    need_id, owner = post_need()
    asker = make_account("studio", name="Asking Studio Ltd")
    reader = make_account("studio", name="Reading Studio")
    a = _client(app, asker)
    response = a.post(f"/needs/{need_id}/questions", data={"question": "Which cell format?"})
    assert response.status_code == 302
    r = _client(app, reader)
    assert "Which cell format?" not in r.get(f"/needs/{need_id}").get_data(as_text=True)
    assert "Which cell format?" in a.get(f"/needs/{need_id}").get_data(as_text=True)
    m = _client(app, owner)
    page = m.get(f"/needs/{need_id}").get_data(as_text=True)
    assert "Which cell format?" in page and "Asking Studio" not in page
    from marketplace.extensions import db
    from marketplace.models import NeedQuestion

    with app.app_context():
        qid = db.session.query(NeedQuestion).one().id
    assert m.post(f"/needs/{need_id}/questions/{qid}/answer",
                  data={"answer": "Prismatic 280 Ah cells."}).status_code == 302  # fmt: skip
    for c in (r, app.test_client()):
        page = c.get(f"/needs/{need_id}").get_data(as_text=True)
        assert "Which cell format?" in page and "Prismatic 280 Ah cells." in page
        assert "Asking Studio" not in page
    assert _notifications(app, "question_answered") == []  # nobody had bid yet


def test_answering_after_bids_exist_notifies_the_bidders(app, post_need, make_account):
    need_id, owner = post_need()
    bidder, asker = make_account("studio"), make_account("studio")
    _bid(app, need_id, bidder.studio_id)
    _client(app, asker).post(f"/needs/{need_id}/questions", data={"question": "Cell format?"})
    from marketplace.extensions import db
    from marketplace.models import NeedQuestion

    with app.app_context():
        qid = db.session.query(NeedQuestion).one().id
    _client(app, owner).post(f"/needs/{need_id}/questions/{qid}/answer",
                             data={"answer": "Prismatic cells."})  # fmt: skip
    sent = _notifications(app, "question_answered")
    assert [user for user, _ in sent] == [bidder.id]
    assert sent[0][1]["need_id"] == need_id


def test_question_rules(app, post_need, make_account, manufacturer_client):
    draft_id, _owner = post_need(state="draft")
    studio = _client(app, make_account("studio"))
    assert studio.post(f"/needs/{draft_id}/questions", data={"question": "Hello there?"}
                       ).status_code == 404  # fmt: skip
    need_id, _ = post_need()
    response = studio.post(f"/needs/{need_id}/questions", data={"question": "?"})
    assert response.status_code == 400 and "5 to 2000 characters" in response.get_data(True)
    assert manufacturer_client.post(f"/needs/{need_id}/questions",
                                    data={"question": "Is it me?"}).status_code == 403


def test_only_the_owner_answers(app, post_need, make_account):
    need_id, _owner = post_need()
    _client(app, make_account("studio")).post(f"/needs/{need_id}/questions",
                                              data={"question": "Cell format?"})
    from marketplace.extensions import db
    from marketplace.models import NeedQuestion

    with app.app_context():
        qid = db.session.query(NeedQuestion).one().id
    other = _client(app, make_account("manufacturer"))
    assert other.post(f"/needs/{need_id}/questions/{qid}/answer",
                      data={"answer": "Not mine to say."}).status_code == 404  # fmt: skip
    with app.app_context():
        assert db.session.query(NeedQuestion).one().answer is None


def test_attachments_are_checked_and_served_only_to_readers(app, post_need, client):
    need_id, owner = post_need(state="draft")
    m = _client(app, owner)
    bad = m.post(f"/needs/{need_id}/attachments", content_type="multipart/form-data",
                 data={"attachment": (BytesIO(b"MZ\x90\x00 not a pdf"), "brief.pdf")})
    assert bad.status_code == 400 and "Attach a PDF, PNG, JPEG or WebP" in bad.get_data(True)
    broken = m.post(f"/needs/{need_id}/attachments", content_type="multipart/form-data",
                    data={"attachment": (BytesIO(b"%PDF-1.4 no end"), "brief.pdf")})
    assert broken.status_code == 400 and "damaged" in broken.get_data(True)
    for payload, name in ((PDF, "brief.pdf"), (_png(), "sketch.png")):
        ok = m.post(f"/needs/{need_id}/attachments", content_type="multipart/form-data",
                    data={"attachment": (BytesIO(payload), name)})
        assert ok.status_code == 302
    from marketplace.extensions import db
    from marketplace.models import NeedAttachment

    with app.app_context():
        rows = db.session.query(NeedAttachment).order_by(NeedAttachment.id).all()
        pdf_id, png_id = rows[0].id, rows[1].id
        assert rows[0].stored_name != "brief.pdf" and rows[0].stored_name.endswith(".pdf")
    got = m.get(f"/needs/{need_id}/attachments/{pdf_id}")
    assert got.status_code == 200 and got.data == PDF
    assert got.headers["X-Content-Type-Options"] == "nosniff"
    assert got.headers["Content-Type"] == "application/pdf"
    assert "attachment" in got.headers["Content-Disposition"]
    assert m.get(f"/needs/{need_id}/attachments/{png_id}").headers["Content-Type"] == "image/png"
    assert client.get(f"/needs/{need_id}/attachments/{pdf_id}").status_code == 404  # a draft
    other_need, _ = post_need()
    assert client.get(f"/needs/{other_need}/attachments/{pdf_id}").status_code == 404


def test_deadline_reminders_go_once_to_bidders_and_invited_studios(app, post_need, make_account):
    need_id, _owner = post_need(bid_deadline=utcnow() + timedelta(hours=30))
    bidder, invited, bystander = (make_account("studio") for _ in range(3))
    _bid(app, need_id, bidder.studio_id)
    from marketplace.database import write_transaction
    from marketplace.models import Invitation
    from marketplace.services.needs import need_reminders

    with app.app_context():
        with write_transaction() as session:
            session.add(Invitation(need_id=need_id, studio_id=invited.studio_id))
        assert need_reminders.send_deadline_reminders() == 0  # more than 24 h ahead
        later = utcnow() + timedelta(hours=7)
        assert need_reminders.send_deadline_reminders(later) == 1
        assert need_reminders.send_deadline_reminders(later) == 0  # recorded: sent once
    users = sorted(u for u, _ in _notifications(app, "deadline_soon"))
    assert users == sorted([bidder.id, invited.id]) and bystander.id not in users
