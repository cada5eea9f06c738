"""Each city figure against a hand count of the small world in conftest.py."""

from __future__ import annotations

from marketplace.services.city import breakdown, drilldown
from marketplace.services.city.city_figures import World, compute
from marketplace.services.city.periods import Filters, parse_period
from marketplace.services.city.values import NOT_RECORDED, SUPPRESSED


def figures(period: str, **narrow):
    world = World.load()
    f = Filters(parse_period(period), narrow.get("industry"), narrow.get("district"))
    return world, f, compute(world, f)


def values(found):
    return {k: v.value for k, v in found.items() if v.shown}


def test_march_counts_stocks_at_its_end_and_flows_inside_it(app, world):
    with app.app_context():
        _w, _f, found = figures("2026-03")
    assert values(found) == {
        "centres_national": 1,  # S1 verified 5 March
        "centres_municipal": 0,  # S2 verified only in April; S3 never verified
        "centres_district": 0,  # S4 is suspended
        "studios_registered": 3,  # S1, S2, S3 (S5 came in April, S4 suspended)
        "studios_verified": 1,
        "manufacturers": 2,
        "needs_published": 2,  # N1, N2 (N4 is a draft)
        "bids": 3,  # two on N1, one on N2 (the withdrawn one left out)
        "needs_awarded": 2,
        "engagements_completed": 0,  # E1 completed only in April
        "contracted_value": 0,  # outcomes are recorded on the platform: none this month
        "products_launched": 0,
    }
    assert found["awarded_value"].status == SUPPRESSED  # two awards: below the threshold of 3


def test_the_year_so_far(app, world):
    with app.app_context():
        _w, _f, found = figures("2026")
    assert found["needs_published"].value == 4  # N1, N2, N3, N5
    assert found["bids"].value == 6
    assert found["needs_awarded"].value == 3
    assert found["awarded_value"].value == 220_000  # three awards: shown
    assert found["centres_municipal"].value == 1
    assert found["studios_registered"].value == 4


def test_outcome_figures_from_engagements(app, world):
    with app.app_context():
        w, f, found = figures("2026")
        staff = drilldown.figures(w, f)
        process = drilldown.process(w, f, drilldown.needs(w, f))
        _w, _f, march = figures("2026-03")
    assert found["engagements_completed"].value == 1  # E1 (E2 cancelled, E3 active)
    assert found["contracted_value"].status == SUPPRESSED  # one contract: below 3
    assert found["products_launched"].status == SUPPRESSED
    assert staff["contracted_value"].value == 120_000
    assert staff["products_launched"].value == 1  # launched 2 May
    assert process["completion_rate"].value == 0.5  # E1 completed, E2 cancelled
    assert process["rating_average"].value == 4.5  # 4.0 and 5.0, both revealed
    assert march["engagements_completed"].value == 0
    assert march["contracted_value"].value == 0  # outcomes exist: a month without one is 0


def test_contract_value_reads_not_yet_recorded_before_any_outcome(app, world):
    from marketplace.database import write_transaction
    from marketplace.models import Engagement

    with app.app_context():
        with write_transaction() as s:
            for e in s.query(Engagement):
                e.outcome_recorded_at, e.contract_value, e.product_launched = None, None, None
        _w, _f, found = figures("2026")
    assert found["contracted_value"].status == NOT_RECORDED
    assert found["products_launched"].status == NOT_RECORDED
    assert found["engagements_completed"].value == 1


def test_by_industry_and_by_studio_district(app, world):
    with app.app_context():
        w, f, _found = figures("2026")
        industries = {r.key: r.figures for r in breakdown.by_industry(w, f)}
        places = {r.key: r.figures for r in breakdown.by_district(w, f)}
    assert len(industries) == 13
    assert industries["NEV"]["needs_published"].value == 3
    assert industries["ELEC"]["needs_published"].value == 1
    assert industries["FOOD"]["needs_published"].value == 0
    assert industries["NEV"]["studios_registered"].value == 2  # S1, S2 (S4 suspended)
    assert places["yubei"]["needs_awarded"].value == 2  # S1 won N1 and N5
    assert places["wanzhou"]["needs_awarded"].value == 1
    assert places["yubei"]["awarded_value"].status == SUPPRESSED  # two awards
    assert places["wanzhou"]["studios_registered"].value == 1


def test_month_by_month(app, world):
    with app.app_context():
        w, f, _found = figures("2026")
        months = {r.key: r.figures for r in breakdown.by_month(w, f)}
    assert months["2026-01"]["needs_published"].value == 0
    assert months["2026-03"]["needs_published"].value == 2
    assert months["2026-04"]["needs_published"].value == 2  # N3, N5
    assert months["2026-04"]["bids"].value == 3
    assert months["2026-04"]["needs_awarded"].value == 1


def test_staff_process_figures(app, world):
    with app.app_context():
        w, f, _found = figures("2026")
        rows = drilldown.needs(w, f)
        process = drilldown.process(w, f, rows)
        unsuppressed = drilldown.figures(w, f)
    assert [r.ref for r in rows] == ["N5", "N3", "N2", "N1"]
    assert process["days_to_publish"].value == 1.5  # 2, 1, 2, 1 days
    assert process["bids_per_need"].value == 1.5  # 6 bids on 4 needs
    assert process["days_to_award"].value == 11.67  # 10, 10 and 15 days
    assert process["newcomer_share"].value == 0.667  # S1 and S2 first; S1 again on N5
    assert process["outside_centre_share"].value == 0.333  # S2 in Wanzhou
    assert unsuppressed["awarded_value"].value == 220_000
    scenarios = drilldown.scenarios(rows)
    assert [(s.code, s.needs, s.bids, s.awarded) for s in scenarios] == [("", 4, 6, 3)]


def test_district_filter_takes_the_company_district_for_needs(app, world):
    with app.app_context():
        _w, _f, found = figures("2026", district="yubei")
    assert found["studios_registered"].value == 1
    assert found["needs_awarded"].value == 2  # awards: the winning studio's district
    assert found["needs_published"].value == 2  # N1, N3: the Yubei company's needs
    assert found["bids"].value == 4
    assert found["manufacturers"].value == 1  # only m1 has a company profile


def test_industry_filter(app, world):
    with app.app_context():
        _w, _f, found = figures("2026", industry="ELEC")
    assert found["needs_published"].value == 1
    assert found["bids"].value == 2
    assert found["needs_awarded"].value == 0
    assert found["centres_national"].value == 1  # S1 serves ELEC
