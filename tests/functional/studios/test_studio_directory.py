"""Anyone browses /studios: filters, sorting, pagination, and each studio's public page."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest

from marketplace.extensions import db
from marketplace.models import Studio, User
from marketplace.models._types import utcnow
from marketplace.services.studios import studio_import, studio_verification
from tests.functional.studios.conftest import text

TEXT = "We design products for Chongqing manufacturers, from sketches to engineering data. "


def seed(app, rows: list[dict]) -> dict[str, int]:
    """Import studios through the real service; return their ids by ref."""
    lines = [json.dumps({"text": TEXT, **row}) for row in rows]
    with app.app_context():
        studio_import.import_studios(studio_import.parse_studios(lines).records)
        return dict(db.session.execute(db.select(Studio.ref, Studio.id)).all())


def names_on(page: str) -> list[str]:
    return re.findall(r'<h3><a href="/studios/\d+">([^<]+)</a></h3>', page)


@pytest.fixture
def catalogue(app):
    """Five studios that differ in industry, discipline, district and accreditation."""
    ids = seed(app, [
        {"ref": "A1", "name": "Alpha Auto Design", "industries": ["NEV"], "disciplines": ["FORM"],
         "district": "yubei", "accreditation": "national"},
        {"ref": "B2", "name": "beta Appliance Lab", "industries": ["ELEC"],
         "disciplines": ["UX", "FORM"], "district": "jiangbei", "accreditation": "municipal"},
        {"ref": "C3", "name": "Gamma Packaging", "industries": ["FOOD"], "disciplines": ["BRAND"],
         "district": "yubei"},
        {"ref": "D4", "name": "Delta Moto Works", "industries": ["MOTO", "NEV"],
         "disciplines": ["ENG"], "district": "outside", "accreditation": "district"},
        {"ref": "E5", "name": "Epsilon Medical UX", "industries": ["BIO"], "disciplines": ["UX"]},
    ])  # fmt: skip
    with app.app_context():  # make creation order explicit for "newest"
        for offset, ref in enumerate(["A1", "B2", "C3", "D4", "E5"]):
            db.session.get(Studio, ids[ref]).created_at = utcnow() - timedelta(days=10 - offset)
        staff = User(email="s@x.cn", password_hash="x", role="staff", organisation_name="C")
        db.session.add(staff)
        db.session.commit()
        verify = studio_verification.VerificationInput(True)
        studio_verification.set_verified(staff, ids["A1"], verify)
    return ids


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Alpha Auto Design", "beta Appliance Lab", "Delta Moto Works",
              "Epsilon Medical UX", "Gamma Packaging"]),
        ("industry=NEV", ["Alpha Auto Design", "Delta Moto Works"]),
        ("industry=nev", ["Alpha Auto Design", "Delta Moto Works"]),
        ("discipline=UX", ["beta Appliance Lab", "Epsilon Medical UX"]),
        ("district=yubei", ["Alpha Auto Design", "Gamma Packaging"]),
        ("district=outside", ["Delta Moto Works"]),
        ("accreditation=municipal", ["beta Appliance Lab"]),
        ("accreditation=accredited", ["Alpha Auto Design", "beta Appliance Lab",
                                      "Delta Moto Works"]),
        ("accreditation=none", ["Epsilon Medical UX", "Gamma Packaging"]),
        ("verified=1", ["Alpha Auto Design"]),
        ("industry=NEV&district=outside", ["Delta Moto Works"]),
        ("industry=TEXT", []),
        ("sort=newest", ["Epsilon Medical UX", "Delta Moto Works", "Gamma Packaging",
                         "beta Appliance Lab", "Alpha Auto Design"]),
    ],
)  # fmt: skip
def test_directory_filters_and_sorts(client, catalogue, query, expected):
    response = client.get(f"/studios?{query}")
    assert response.status_code == 200
    page = text(response)
    assert names_on(page) == expected
    assert f"{len(expected)} studio" in page
    if not expected:
        assert "No studio matches these filters." in page


def test_cards_show_district_and_claim_status_and_refs_only_to_staff(
    client, staff_client, catalogue
):
    page = text(client.get("/studios"))
    # internal references stay internal (matched as shown to staff or as a cell's whole text:
    # the bare letters also turn up inside random CSRF tokens)
    assert "Ref A1" not in page and "Ref D4" not in page
    assert not re.search(r">\s*(?:A1|D4)\s*<", page)
    assert "Ref A1" in text(staff_client.get("/studios"))
    assert "Yubei 渝北区" in page
    assert "National design centre · verified" in page
    assert "Municipal design centre · self-declared" in page


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("industry=CARS", "industry code"),
        ("discipline=magic", "discipline code"),
        ("district=gotham", "district"),
        ("accreditation=gold", "accreditation"),
        ("sort=random", "sort"),
        ("page=0", "page"),
    ],
)
def test_a_bad_filter_is_a_400_that_names_it(client, query, named):
    response = client.get(f"/studios?{query}")
    assert response.status_code == 400
    assert named in text(response)


def test_directory_is_paginated(app, client):
    seed(app, [{"ref": f"S{n:02d}", "name": f"Studio {n:02d}"} for n in range(25)])
    first = text(client.get("/studios"))
    assert "Page 1 of 2" in first and len(names_on(first)) == 20
    second = text(client.get("/studios?page=2"))
    assert names_on(second) == [f"Studio {n}" for n in range(20, 25)]
    assert names_on(text(client.get("/studios?page=9"))) == []


def test_unlisted_and_empty_profiles_are_not_in_the_directory(app, client, catalogue):
    with app.app_context():
        db.session.get(Studio, catalogue["C3"]).is_listed = False
        db.session.commit()
    page = text(client.get("/studios"))
    assert "Gamma Packaging" not in page
    assert client.get(f"/studios/{catalogue['C3']}").status_code == 404
    assert client.get("/studios/999999").status_code == 404


def test_public_page_shows_profile_and_links_tags_to_the_filtered_directory(client, catalogue):
    page = text(client.get(f"/studios/{catalogue['D4']}"))
    assert "Delta Moto Works" in page and "Ref D4" not in page
    assert "Outside Chongqing" in page
    assert 'href="/studios?industry=MOTO"' in page
    assert "District-level industrial design centre" in page and "not yet verified" in page


def test_header_links_to_the_directory(client):
    assert 'href="/studios"' in text(client.get("/"))
