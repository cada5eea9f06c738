"""A staff decision reaches every list that shows the pair: a rejected pair leaves them all (until
either side changes), an approved pair carries the commission's mark on all of them."""

from __future__ import annotations

import re

import pytest

from marketplace.services.reviews import proposals
from tests.functional.decisions.conftest import EN, ZH, section

APPROVED_ZH, APPROVED_EN = "经信委已审核", "Commission-approved"


def _decide(app, staff_id: int, source: str, studio_id: int, verdict: str, reason: str):
    from marketplace.extensions import db
    from marketplace.models import User
    from marketplace.services.reviews import decisions
    from marketplace.services.reviews.decisions import DecisionInput

    with app.app_context():
        queued, _n = proposals.queue(proposals.QueueFilter(source=source), explain=False)
        (p,) = [p for p in queued if p.studio.id == studio_id]
        staff = db.session.get(User, staff_id)
        return decisions.decide(staff, p.row.id, DecisionInput(p.token, verdict, reason)).id


def _lists(client, studio_client, manufacturer_client, world, headers) -> dict[str, str]:
    """Every list that shows the pair, as the people who read them see it."""
    scenario = client.get("/scenarios/NEV-01", headers=headers).get_data(as_text=True)
    maker_scenario = manufacturer_client.get("/scenarios/NEV-01", headers=headers)
    need = manufacturer_client.get(f"/needs/{world.need_id}", headers=headers)
    dashboard = studio_client.get("/studio/dashboard", headers=headers).get_data(as_text=True)
    home = studio_client.get("/dashboard", headers=headers, follow_redirects=True)
    home_html = home.get_data(as_text=True)
    return {
        "scenario page": section(scenario, "studios-that-fit"),
        "scenario leads": section(maker_scenario.get_data(as_text=True), "leads"),
        "need page": section(need.get_data(as_text=True), "studios-that-fit"),
        "studio dashboard": section(dashboard, "scenarios-for-you"),
        "needs for you": section(home_html, "needs-for-you") or section(dashboard,
                                                                         "needs-for-you"),
    }  # fmt: skip


def _api(client, world, token_for) -> dict[str, list[dict]]:
    scenario = client.get("/api/v1/scenarios/NEV-01/studios").get_json()["items"]
    need = client.get(f"/api/v1/needs/{world.need_id}/studios",
                      headers=token_for["maker"]).get_json()["items"]  # fmt: skip
    mine = client.get("/api/v1/me/matches", headers=token_for["studio"]).get_json()
    return {"api scenario": scenario, "api need": need,
            "api my scenarios": mine["scenarios"]["items"],
            "api my needs": mine["needs"]["items"]}  # fmt: skip


@pytest.fixture
def tokens(app, studio_client, manufacturer_client):
    from marketplace.extensions import db
    from marketplace.models import User
    from marketplace.services.accounts import personal_tokens

    out = {}
    with app.app_context():
        for name, account in (("studio", studio_client.account),
                              ("maker", manufacturer_client.account)):  # fmt: skip
            _t, secret = personal_tokens.create(db.session.get(User, account.id), "test")
            out[name] = {"Authorization": f"Bearer {secret}"}
    return out


def _shows_studio(name: str, fragment: str, world) -> bool:
    if name == "studio dashboard":
        return "NEV-01" in fragment
    if name == "needs for you":
        return f"/needs/{world.need_id}" in fragment
    return "Seat Comfort Co" in fragment


def _api_keys(world) -> dict[str, str]:
    studio, need = f"studio:{world.studio_id}", f"need:{world.need_id}"
    return {"api scenario": studio, "api need": studio, "api my scenarios": "scenario:NEV-01",
            "api my needs": need}  # fmt: skip


def test_reject_removes_the_pair_everywhere_until_a_side_changes(
    app, client, studio_client, manufacturer_client, make_account, world, tokens
):
    staff = make_account("staff")
    for headers in (ZH, EN):  # before: the pair is on every list
        lists = _lists(client, studio_client, manufacturer_client, world, headers)
        assert all(_shows_studio(n, f, world) for n, f in lists.items()), lists
    _decide(app, staff.id, "scenario:NEV-01", world.studio_id, "rejected", "lacks-expertise")
    _decide(app, staff.id, f"need:{world.need_id}", world.studio_id, "rejected", "wrong-industry")
    for headers in (ZH, EN):
        lists = _lists(client, studio_client, manufacturer_client, world, headers)
        gone = {n for n, f in lists.items() if not _shows_studio(n, f, world)}
        assert gone == set(lists), {n: f[:300] for n, f in lists.items() if n not in gone}
        assert "Other Works" in lists["scenario page"] and "Other Works" in lists["need page"]
        assert re.search(r'match-item.*?>\s*1\b|#1|<li', lists["scenario page"])
    api = _api(client, world, tokens)
    keys = _api_keys(world)
    assert all(keys[n] not in [i["target"] for i in items] for n, items in api.items()), api
    assert [i["rank"] for i in api["api scenario"]] == [1]  # ranks close up: no gap at #1
    from marketplace.models.matching import SCENARIO_TO_STUDIO
    from marketplace.services.matching import live_queries

    with app.app_context():  # `flask match studios --scenario NEV-01 --json` (the export)
        live = live_queries._without_rejected(SCENARIO_TO_STUDIO, "scenario:NEV-01", "studio", [
            {"studio_id": world.studio_id}, {"studio_id": world.other_id}])  # fmt: skip
    assert live == [{"studio_id": world.other_id}]

    # the studio rewrites its profile: the rejection lapses and the pair is back
    from tests.functional.decisions.conftest import make_public

    with app.app_context():
        from marketplace.database import write_transaction
        from marketplace.models import Studio

        with write_transaction() as session:
            session.get(Studio, world.studio_id).capability_statement += " Now also seating."
    lists = _lists(client, studio_client, manufacturer_client, world, EN)
    assert all(_shows_studio(n, f, world) for n, f in lists.items()), lists
    assert make_public  # the same helper set the profile up


def test_approve_marks_the_pair_everywhere_in_both_languages_and_can_be_withdrawn(
    app, client, studio_client, manufacturer_client, make_account, world, tokens
):
    staff = make_account("staff")
    scenario_decision = _decide(app, staff.id, "scenario:NEV-01", world.studio_id, "approved",
                                "good-fit")  # fmt: skip
    _decide(app, staff.id, f"need:{world.need_id}", world.studio_id, "approved", "proven-work")
    for headers, mark in ((ZH, APPROVED_ZH), (EN, APPROVED_EN)):
        lists = _lists(client, studio_client, manufacturer_client, world, headers)
        for name, fragment in lists.items():
            assert _shows_studio(name, fragment, world), name
            assert f">{mark}</span>" in fragment, (name, fragment[:400])
            badges = fragment.count('class="badge badge-verified commission-approved"')
            assert badges == 1, name  # only the approved pair carries the mark
    api = _api(client, world, tokens)
    keys = _api_keys(world)
    for name, items in api.items():
        marked = [i["target"] for i in items if i["commission_approved"]]
        assert marked == [keys[name]], (name, items)
    studio_page = client.get(f"/studios/{world.studio_id}", headers=EN).get_data(as_text=True)
    assert APPROVED_EN in studio_page and "NEV-01" in studio_page

    # staff withdraw the scenario approval: the mark goes; a second withdrawal is a clear 409
    from tests.conftest import login

    login(staff_client := app.test_client(), staff)
    response = staff_client.post(f"/staff/review/decisions/{scenario_decision}/withdraw",
                                 data={"note": "approved by mistake"})  # fmt: skip
    assert response.status_code == 302
    lists = _lists(client, studio_client, manufacturer_client, world, EN)
    assert APPROVED_EN not in lists["scenario page"] and APPROVED_EN in lists["need page"]
    again = staff_client.post(f"/staff/review/decisions/{scenario_decision}/withdraw", data={})
    assert again.status_code == 409
    assert "already withdrawn" in again.get_data(as_text=True)
    audit = staff_client.get("/staff/audit", headers=EN).get_data(as_text=True)
    assert "approved by mistake" in audit
