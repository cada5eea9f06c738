"""`flask demo engagements`: the demo's work after the award, made through the services: five
completed engagements (milestones accepted, thread, both ratings, outcome) and one in progress;
running it again changes nothing; /city then shows contract value and launches, with the small
cells still suppressed."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.models import Engagement, EngagementMessage, Milestone, Rating

DATA = Path(__file__).resolve().parents[1] / "data"
EN = {"Accept-Language": "en"}


def test_demo_engagements_are_complete_idempotent_and_fill_the_dashboard(app, runner, client):
    for args in (["studios", "import", str(DATA / "demo_studios.jsonl")],
                 ["users", "import", str(DATA / "demo_manufacturers.jsonl")]):  # fmt: skip
        assert runner.invoke(args=args).exit_code == 0
    path = str(DATA / "demo_engagements.jsonl")
    first = runner.invoke(args=["demo", "engagements", path])
    assert first.exit_code == 0, first.output
    assert "6 created, 0 already there" in first.output
    again = runner.invoke(args=["demo", "engagements", path])
    assert "0 created, 6 already there" in again.output
    with app.app_context():
        rows = db.session.scalars(select(Engagement)).all()
        assert sorted(e.status for e in rows) == ["active"] + ["completed"] * 5
        assert sum(e.contract_value or 0 for e in rows) == 790_000
        assert sum(1 for e in rows if e.product_launched) == 4
        assert len({e.industry_code for e in rows}) == 4 and None not in {e.district for e in rows}
        assert db.session.scalar(select(func.count(Rating.id)).where(
            Rating.revealed_at.is_not(None))) == 10
        active = next(e for e in rows if e.status == "active")
        assert [m.status for m in active.milestones] == ["accepted", "agreed"]
        assert db.session.scalar(select(func.count(EngagementMessage.id))) == 16
        titles = set(db.session.scalars(select(Milestone.title)))
        assert {"概念设计", "Concept design"} <= titles  # each in its thread's language
    city = client.get("/city", headers=EN).get_data(as_text=True)
    assert "¥790,000" in city  # contracted design value, no longer "not yet recorded"
    nev = client.get("/city?industry=NEV", headers=EN).get_data(as_text=True)
    assert "¥405,000" not in nev  # two NEV contracts: below the threshold of 3, suppressed
