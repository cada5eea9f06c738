"""Coverage and exposure figures on a small known dataset."""

from __future__ import annotations

import csv
import io
import re

from tests.functional.reviews.conftest import seed, text


def _approve(staff_client, row_id: int) -> None:
    html = text(staff_client.get("/staff/review"))
    token = re.search(rf'name="row_id" value="{row_id}">\s*<input type="hidden" name="token" '
                      r'value="([0-9a-f]+)"', html).group(1)  # fmt: skip
    response = staff_client.post("/staff/review/decide", data={
        "row_id": row_id, "token": token, "reason": "approved:good-fit"})  # fmt: skip
    assert response.status_code == 302


def test_coverage_counts_fit_levels_approvals_and_flags(app, staff_client, seeded):
    _approve(staff_client, seeded.rows[("NEV-01", "Alpha Design")])
    from marketplace.services.reviews import coverage

    with app.app_context():
        rows = {r.code: r for r in coverage.scenario_rows()}
        nev = {r.code: r for r in coverage.industry_rows(list(rows.values()))}["NEV"]
    one = rows["NEV-01"]
    assert (one.fits["strong"], one.fits["good"], one.fits["possible"]) == (1, 1, 1)
    assert (one.approved, one.interest, one.bids, one.capable) == (1, 0, 0, 2)
    assert one.flagged == 1  # 2 capable studios < 3
    assert rows["NEV-02"].fits["good"] == 1 and rows["NEV-02"].approved == 0
    assert (nev.fits["strong"], nev.fits["good"], nev.approved) == (1, 2, 1)
    assert nev.flagged == nev.scenarios  # every NEV scenario has fewer than 3
    page = text(staff_client.get("/staff/coverage"))
    assert "scenarios flagged" in page and "<svg" in page and "NEV-01" in page
    body = staff_client.get("/staff/coverage.csv").get_data(as_text=True).lstrip("\ufeff")
    table = list(csv.DictReader(io.StringIO(body)))
    nev01 = next(r for r in table if r["code"] == "NEV-01")
    assert (nev01["strong"], nev01["good"], nev01["approved"], nev01["flagged"]) == (
        "1", "1", "1", "1")


def test_heatmap_counts_studios_per_industry_and_discipline(app, seeded):
    from marketplace.services.reviews import coverage

    with app.app_context():
        _inds, _discs, counts = coverage.heatmap()
    assert counts == {}  # the seeded studios ticked industries only
    from marketplace.database import write_transaction
    from marketplace.models import Discipline, Studio

    with app.app_context():
        with write_transaction() as session:
            for studio_id in seeded.studios.values():
                session.get(Studio, studio_id).disciplines = [session.get(Discipline, "ENG")]
        _inds, _discs, counts = coverage.heatmap()
    assert counts == {("NEV", "ENG"): 3}


def test_exposure_counts_gini_and_top_share(app, staff_client):
    data = seed(app, {
        "NEV-01": [("A", "strong", 2.0), ("B", "good", 1.0)],
        "NEV-02": [("A", "good", 1.0)],
        "NEV-03": [("A", "good", 1.0), ("C", "possible", 0.1)],
    }, studios=["A", "B", "C", "D"])  # fmt: skip
    _approve(staff_client, data.rows[("NEV-01", "A")])
    from datetime import timedelta

    from marketplace.models._types import utcnow
    from marketplace.services.reviews import exposure

    with app.app_context():
        report = exposure.report(utcnow() - timedelta(days=1), utcnow() + timedelta(minutes=1))
    by_name = {s.name: s for s in report.studios}
    assert [(by_name[n].proposed, by_name[n].approved) for n in "ABCD"] == [
        (3, 1), (1, 0), (0, 0), (0, 0)]
    # proposals 3,1,0,0: Gini = 2*(1*0+2*0+3*1+4*3)/(4*4) - 5/4 = 0.625; top 10% = 1 studio = 3/4
    assert abs(report.gini_proposed - 0.625) < 1e-9
    assert abs(report.top10_proposed - 0.75) < 1e-9
    assert abs(report.gini_approved - 0.75) < 1e-9
    cohorts = {g.label: g for g in report.cohorts}
    assert cohorts["newcomer"].studios == 4 and cohorts["newcomer"].proposed == 4
    districts = {g.label: g.proposed for g in report.districts}
    assert districts == {"jiangbei": 3, "yubei": 1}
    page = text(staff_client.get("/staff/exposure"))
    assert "0.62" in page and "75%" in page
    assert staff_client.get("/staff/exposure?since=2026-12-01&until=2026-11-01").status_code == 400


def test_bad_dates_get_a_clear_400(staff_client):
    for url in ("/staff/exposure?until=9999-12-31", "/staff/exposure?since=0001-01-01",
                "/staff/exposure?since=%C2%B2", "/staff/audit?until=9999-12-31",
                "/staff/review?since=2026-02-30"):  # fmt: skip
        response = staff_client.get(url)
        assert response.status_code == 400, url
