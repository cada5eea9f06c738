"""A small world of studios, manufacturers, needs and bids with known dates, to count by hand."""

from __future__ import annotations

from datetime import datetime

import pytest

from marketplace.database import write_transaction
from marketplace.models import Bid, Company, Engagement, Industry, Need, Studio, User
from marketplace.models.rating import Rating


def at(month: int, day: int) -> datetime:
    """Noon UTC on a day of 2026 (the same day in Chongqing)."""
    return datetime(2026, month, day, 12, 0)


@pytest.fixture
def world(app, make_account):
    """Five studios, two manufacturers (one with a company), five needs, seven bids, three
    engagements (one completed with an outcome and two ratings) — see the comments."""
    m1 = make_account("manufacturer").id
    m2 = make_account("manufacturer").id
    with app.app_context(), write_transaction() as s:
        for uid in (m1, m2):
            s.get(User, uid).created_at = at(2, 1)
        ind = {i.code: i for i in s.query(Industry)}

        def studio(ref, district, level, verified, created, codes, suspended=None):
            row = Studio(ref=ref, name=ref, district=district, accreditation=level,
                         accreditation_verified_at=verified, created_at=created,
                         capability_statement="We design things.", suspended_at=suspended)
            row.industries = [ind[c] for c in codes]
            s.add(row)
            s.flush()
            return row.id

        s1 = studio("S1", "yubei", "national", at(3, 5), at(2, 10), ["NEV", "ELEC"])
        s2 = studio("S2", "wanzhou", "municipal", at(4, 2), at(2, 10), ["NEV"])
        studio("S3", "jiangbei", "municipal", None, at(2, 10), ["FOOD"])  # claim unverified
        studio("S4", "yuzhong", "district", at(3, 20), at(2, 10), ["NEV"], at(5, 1))  # suspended
        s5 = studio("S5", None, "none", None, at(4, 15), ["ELEC"])

        def need(ref, maker, code, status, submitted=None, published=None):
            row = Need(ref=ref, manufacturer_id=maker, title=f"Need {ref}",
                       description="A need.", industry_code=code, status=status,
                       submitted_at=submitted, published_at=published)
            s.add(row)
            s.flush()
            return row.id

        n1 = need("N1", m1, "NEV", "awarded", at(3, 8), at(3, 10))
        n2 = need("N2", m2, "NEV", "awarded", at(3, 14), at(3, 15))
        n3 = need("N3", m1, "ELEC", "published", at(4, 3), at(4, 5))
        need("N4", m2, "FOOD", "draft")  # never published: never counted
        n5 = need("N5", m2, "NEV", "awarded", at(4, 9), at(4, 10))

        def bid(need_id, studio_id, status, created, price=0, decided=None):
            row = Bid(need_id=need_id, studio_id=studio_id, approach="A plan.", price=price,
                      duration_weeks=8, status=status, created_at=created, decided_at=decided)
            s.add(row)
            s.flush()
            return row.id

        b1 = bid(n1, s1, "awarded", at(3, 11), 100_000, at(3, 20))
        bid(n1, s2, "declined", at(3, 12), 90_000, at(3, 20))
        b2 = bid(n2, s2, "awarded", at(3, 16), 50_000, at(3, 25))
        bid(n2, s5, "withdrawn", at(3, 17), 40_000)  # withdrawn: never counted
        bid(n3, s1, "submitted", at(4, 6), 80_000)
        bid(n3, s5, "submitted", at(4, 7), 60_000)
        b5 = bid(n5, s1, "awarded", at(4, 11), 70_000, at(4, 25))

        s.add(Company(user_id=m1, name_zh="一号制造", district="yubei", industry_code="NEV"))
        # m2 has no company profile: its needs have no district

        def engagement(need_id, bid_id, maker, studio_id, price, started, **outcome):
            row = Engagement(need_id=need_id, bid_id=bid_id, manufacturer_id=maker,
                             studio_id=studio_id, awarded_price=price, started_at=started,
                             **outcome)
            s.add(row)
            s.flush()
            return row.id

        e1 = engagement(n1, b1, m1, s1, 100_000, at(3, 21), status="completed",
                        completed_at=at(4, 10), contract_value=120_000,
                        outcome_recorded_at=at(4, 10), product_launched=True,
                        launched_on=at(5, 2).date())
        engagement(n2, b2, m2, s2, 50_000, at(3, 26), status="cancelled",
                   cancelled_at=at(4, 15), cancel_reason="Budget withdrawn.")
        engagement(n5, b5, m2, s1, 70_000, at(4, 26))  # still active
        for side, scores, rater in (("manufacturer", (5, 4, 3), m1), ("studio", (5, 5, 5), None)):
            s.add(Rating(engagement_id=e1, side=side, rater_id=rater, studio_id=s1,
                         manufacturer_id=m1, quality=scores[0], timeliness=scores[1],
                         communication=scores[2], created_at=at(4, 12), revealed_at=at(4, 13)))
    return {"studios": (s1, s2, s5), "needs": (n1, n2, n3, n5), "makers": (m1, m2)}
