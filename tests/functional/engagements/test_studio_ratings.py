"""A studio's page shows its rating average and count only from 3 revealed ratings on; hidden
comments disappear; the comparison shows the ratings beside each bid."""

from __future__ import annotations

from marketplace.policies.actor import Actor
from marketplace.services.engagements import closing, milestones, ratings
from marketplace.services.engagements.common import visible
from tests.bid_helpers import make_need, pass_deadline
from tests.functional.engagements.conftest import award_need, client_for


def finish_and_rate(app, maker, studio_account, engagement_id, score, comment):
    """Run an engagement to completion through the services and have the maker rate."""
    m = Actor(maker.id, "manufacturer")
    s = Actor(studio_account.id, "studio", studio_account.studio_id)
    import io

    from tests.bid_helpers import PDF

    with app.test_request_context():
        ids = [x.id for x in visible(m, engagement_id).milestones]
        for mid in ids:
            milestones.agree(s, mid)
            milestones.agree(m, mid)
            milestones.deliver(s, mid, milestones.DeliveryInput("Files", io.BytesIO(PDF)))
            milestones.decide(m, mid, milestones.DeliveryDecision(True))
        closing.complete(m, engagement_id, 100_000)
        ratings.rate(m, engagement_id, ratings.RatingInput(score, score, score, comment))
        ratings.rate(s, engagement_id, ratings.RatingInput(5, 5, 5, ""))


def test_average_from_three_ratings_and_shown_in_the_comparison(app, make_account):
    studio = make_account("studio", email="rated@example.com", name="Rated Studio")
    studio_client = client_for(app, studio)
    for i, score in enumerate((5, 4, 3)):
        maker = make_account("manufacturer", email=f"m{i}@example.com")
        mc = client_for(app, maker)
        _need, _bids, engagement = award_need(app, maker, mc, [(studio_client, studio)])
        finish_and_rate(app, maker, studio, engagement, score, f"Comment number {i}")
        page = studio_client.get(f"/studios/{studio.studio_id}").get_data(as_text=True)
        if i < 2:
            assert "rating-average" not in page and "at least 3 manufacturers" in page
    assert "4.0 of 5" in page and "3 completed engagements rated" in page
    assert "Comment number 2" in page
    # The next manufacturer's comparison shows the studio's ratings beside its bid.
    maker = make_account("manufacturer", email="next@example.com")
    mc = client_for(app, maker)
    with app.app_context():
        need_id = make_need(maker.id, title="Next need")
    studio_client.post(f"/needs/{need_id}/bid", data={
        "approach": "Clay model first, then CMF studies and two rounds of user tests.",
        "price": "90000", "duration_weeks": "6", "team": "Two designers"})  # fmt: skip
    with app.app_context():
        pass_deadline(need_id)
    table = mc.get(f"/needs/{need_id}/bids?sort=rating").get_data(as_text=True)
    assert "4.0 of 5 (3 ratings)" in table and "Two designers" in table
    assert "Clay model first" in table  # the approach is readable inline
    assert mc.get(f"/needs/{need_id}/bids?sort=bogus").status_code == 400


def test_staff_hide_an_abusive_comment_with_a_reason(app, make_account):
    studio = make_account("studio", email="rated@example.com", name="Rated Studio")
    sc = client_for(app, studio)
    maker = make_account("manufacturer", email="m@example.com")
    mc = client_for(app, maker)
    _n, _b, engagement = award_need(app, maker, mc, [(sc, studio)])
    finish_and_rate(app, maker, studio, engagement, 1, "These people are idiots")
    staff = client_for(app, make_account("staff"))
    from marketplace.extensions import db
    from marketplace.models import Rating

    with app.app_context():
        rating_id = db.session.query(Rating).filter_by(side="manufacturer").one().id
    assert sc.post(f"/ratings/{rating_id}/hide", data={"reason": "abuse"}).status_code == 403
    r = staff.post(f"/ratings/{rating_id}/hide", data={"reason": "Insulting language"})
    assert r.status_code == 303
    page = sc.get(f"/engagements/{engagement}").get_data(as_text=True)
    assert "These people are idiots" not in page and "hidden by the commission" in page
