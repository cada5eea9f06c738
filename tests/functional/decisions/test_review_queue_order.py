"""The review queue opens in priority order, shows what waits per industry, and approves every
strong proposal of a scenario or need at once (all or none)."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select

from tests.bid_helpers import make_need
from tests.functional.decisions.conftest import EN, upsert
from tests.functional.reviews.conftest import seed


def _decisions(app) -> int:
    from marketplace.extensions import db
    from marketplace.models import MatchDecision

    with app.app_context():
        return db.session.scalar(select(func.count(MatchDecision.id)))


def _world(app, make_account):
    from marketplace.models._types import utcnow
    from marketplace.models.matching import NEED_TO_STUDIO

    data = seed(app, {
        "NEV-01": [("Alpha", "strong", 1.6), ("Beta", "strong", 1.5), ("Gamma", "good", 0.9)],
        "NEV-02": [("Alpha", "strong", 1.4), ("Delta", "good", 0.8)],
    }, studios=["Alpha", "Beta", "Gamma", "Delta"])  # fmt: skip
    maker = make_account("manufacturer")
    with app.app_context():
        later = make_need(maker.id, title="Later brief", deadline=utcnow() + timedelta(days=9))
        sooner = make_need(maker.id, title="Sooner brief", deadline=utcnow() + timedelta(days=2))
        for need_id in (later, sooner):
            upsert(NEED_TO_STUDIO, str(need_id), [(str(data.studios["Gamma"]), "good", 1.0)])
    return data, later, sooner


def test_queue_order_per_industry_counts_and_names(app, staff_client, make_account):
    from marketplace.extensions import db
    from marketplace.models import User
    from marketplace.services.reviews import decisions, proposals
    from marketplace.services.reviews.decisions import DecisionInput

    _data, later, sooner = _world(app, make_account)
    with app.app_context():  # NEV-02 already has an approved studio: NEV-01 comes first
        (p,) = [p for p in proposals.queue(proposals.QueueFilter(source="scenario:NEV-02"))[0]
                if p.studio.name == "Delta"]  # fmt: skip
        staff = db.session.get(User, staff_client.account.id)
        decisions.decide(staff, p.row.id, DecisionInput(p.token, "approved", "good-fit"))
        proposals, _total = proposals.queue(proposals.QueueFilter(), explain=False)
    order = [(p.source.key, p.studio.name) for p in proposals]
    assert order == [
        (f"need:{sooner}", "Gamma"), (f"need:{later}", "Gamma"),
        ("scenario:NEV-01", "Alpha"), ("scenario:NEV-01", "Beta"), ("scenario:NEV-01", "Gamma"),
        ("scenario:NEV-02", "Alpha"),
    ]  # fmt: skip
    html = staff_client.get("/staff/review", headers=EN).get_data(as_text=True)
    waiting = re.search(r'class="panel waiting-by-industry">.*?</section>', html, re.S).group(0)
    assert "Intelligent connected and new-energy vehicles" in waiting
    assert ": 4" in waiting  # the four scenario proposals (the needs have no industry)
    assert 'value="NEV"' in html and ">NEV<" not in html  # the filter names industries
    assert "scenario:NEV" not in html.split('id="bulk"')[0].split("<main")[-1]
    assert "Sooner brief" in html and "need:" not in re.sub(r'value="[^"]*"', "", html)


def _strong_form(html: str) -> tuple[list[str], str]:
    form = re.search(r'action="/staff/review/approve-strong">(.*?)</form>', html, re.S).group(1)
    return re.findall(r'name="pick" value="([^"]+)"', form), re.search(
        r'name="count" value="(\d+)"', form).group(1)


def test_approve_every_strong_proposal_of_a_scenario(app, staff_client, make_account):
    _world(app, make_account)
    html = staff_client.get("/staff/review?source=NEV-01", headers=EN).get_data(as_text=True)
    picks, count = _strong_form(html)
    assert count == "2" and "Approve every strong proposal (2)" in html
    unconfirmed = staff_client.post("/staff/review/approve-strong",
                                    data={"pick": picks, "count": count})  # fmt: skip
    assert unconfirmed.status_code == 400 and _decisions(app) == 0
    done = staff_client.post("/staff/review/approve-strong",
                             data={"pick": picks, "count": count, "confirm": "yes"})  # fmt: skip
    assert done.status_code == 302 and _decisions(app) == 2
    left = staff_client.get("/staff/review?source=NEV-01", headers=EN).get_data(as_text=True)
    assert "approve-strong" not in left  # only the good proposal waits now


def test_one_changed_proposal_refuses_the_whole_batch(app, staff_client, make_account):
    from marketplace.database import write_transaction
    from marketplace.models import MatchRow

    data = _world(app, make_account)[0]
    html = staff_client.get("/staff/review?source=NEV-01", headers=EN).get_data(as_text=True)
    picks, count = _strong_form(html)
    with app.app_context(), write_transaction() as session:  # matching rescored one meanwhile
        session.get(MatchRow, data.rows[("NEV-01", "Beta")]).score = 1.55
    for url, form in (("/staff/review/approve-strong", {"pick": picks, "count": count,
                                                         "confirm": "yes"}),
                      ("/staff/review/bulk", {"pick": picks})):  # fmt: skip
        response = staff_client.post(url, data=form)
        assert response.status_code == 409
        assert "changed since you loaded the page" in response.get_data(as_text=True)
        assert _decisions(app) == 0  # nothing was approved, not even the unchanged one
