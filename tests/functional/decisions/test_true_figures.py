"""Coverage counts real bids and exposure counts real invitations (built by the real services)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from tests.bid_helpers import bid_input, make_need
from tests.functional.reviews.conftest import seed, text


def _link(need_id: int, code: str) -> None:
    from marketplace.database import write_transaction
    from marketplace.models import Need, Scenario

    with write_transaction() as session:
        need = session.get(Need, need_id)
        need.scenario_id = session.scalar(select(Scenario.id).where(Scenario.code == code))


def test_coverage_counts_the_bids_on_needs_of_each_scenario(app, make_account, staff_client):
    from marketplace.policies import Actor
    from marketplace.services.bids import submitting
    from marketplace.services.reviews import coverage

    maker = make_account("manufacturer")
    studios = [make_account("studio") for _ in range(3)]
    with app.app_context():
        first, second = make_need(maker.id), make_need(maker.id, title="Second brief")
        _link(first, "NEV-01")
        _link(second, "NEV-02")
        for account in studios:
            actor = Actor(account.id, "studio", account.studio_id)
            submitting.submit(actor, first, bid_input())
        withdrawn = submitting.submit(Actor(studios[0].id, "studio", studios[0].studio_id),
                                second, bid_input())  # fmt: skip
        submitting.withdraw(Actor(studios[0].id, "studio", studios[0].studio_id), withdrawn.id)
        rows = {r.code: r for r in coverage.scenario_rows()}
        nev = {r.code: r for r in coverage.industry_rows(list(rows.values()))}["NEV"]
    assert rows["NEV-01"].bids == 3  # three studios bid on the need linked to NEV-01
    assert rows["NEV-02"].bids == 0  # a withdrawn bid is not counted
    assert nev.bids == 3
    page = text(staff_client.get("/staff/coverage"))
    assert page.count("<td>3</td>") >= 2  # the industry row and the scenario row


def test_exposure_counts_the_invitations_each_studio_received(app, make_account, staff_client):
    from marketplace.models._types import utcnow
    from marketplace.services.needs import invitations
    from marketplace.services.needs.invitations import InvitationInput
    from marketplace.services.reviews import exposure

    data = seed(app, {"NEV-01": [("A", "strong", 2.0), ("B", "good", 1.0)]},
                studios=["A", "B", "C"])  # fmt: skip
    maker = make_account("manufacturer")
    with app.app_context():
        _give_accounts(data.studios)  # only registered studios can be invited (issue 19)
        one, two = make_need(maker.id), make_need(maker.id, title="Another brief")
        invitations.invite(maker.actor, one,
                           InvitationInput([data.studios["A"], data.studios["B"]]))
        invitations.invite(maker.actor, two, InvitationInput([data.studios["A"]]))
        # again: not a new one
        invitations.invite(maker.actor, two, InvitationInput([data.studios["A"]]))
        report = exposure.report(utcnow() - timedelta(days=1), utcnow() + timedelta(minutes=1))
        earlier = exposure.report(utcnow() - timedelta(days=3), utcnow() - timedelta(days=2))
    by_name = {s.name: s.invited for s in report.studios}
    assert by_name == {"A": 2, "B": 1, "C": 0}
    assert sum(g.invited for g in report.districts) == 3
    assert all(s.invited == 0 for s in earlier.studios)  # outside the period: not counted
    page = text(staff_client.get("/staff/exposure", headers={"Accept-Language": "en"}))
    assert "渝北" in page and ">yubei<" not in page and ">jiangbei<" not in page  # names, not slugs


def _give_accounts(studios: dict[str, int]) -> None:
    """A studio account for each seeded studio."""
    from marketplace.database import write_transaction
    from marketplace.models import User

    with write_transaction() as session:
        for name, studio_id in studios.items():
            session.add(User(email=f"{name.lower()}@studio.example.com", password_hash="x",
                             role="studio", organisation_name=name, studio_id=studio_id))
