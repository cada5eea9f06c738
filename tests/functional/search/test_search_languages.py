"""The search page across languages (glossary expansion) and its notice for over-long queries."""

from __future__ import annotations

import pytest

from tests.functional.search.conftest import hit_links, page, results_section
from tests.functional.studios.conftest import profile_form

# Stands in for matching.glossary's terms; the wiring under test is the same.
TERMS = [("人机交互", "human-machine interaction HMI"), ("座舱", "cockpit")]
HMI_STATEMENT = (
    "We design human-machine interfaces for excavators, cranes and tractors: cab displays, "
    "joystick layouts and alarms an operator can read in full sun."
)


@pytest.fixture
def glossary_module(monkeypatch):
    """matching.glossary with load_glossary() returning TERMS."""
    from matching import glossary

    monkeypatch.setattr(glossary, "load_glossary", lambda: list(TERMS))
    return glossary


@pytest.fixture
def hmi_studio(glossary_module, indexed, studio_client):
    """A studio whose profile, saved through the form, is in English only."""
    form = profile_form(name="Operator Cab Lab", name_zh=None, capability_statement=HMI_STATEMENT)
    response = studio_client.post("/studio/profile", data=form)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return f"/studios/{studio_client.account.studio_id}"


def test_chinese_query_finds_a_studio_written_in_english(client, hmi_studio):
    html = page(client, q="人机交互", kind="studio")
    assert hmi_studio in hit_links(html)
    section = results_section(html)
    assert "<mark>human</mark>-<mark>machine</mark> interfaces" in section


def test_english_query_still_finds_it(client, hmi_studio):
    assert hmi_studio in hit_links(page(client, q="human-machine interfaces"))


def test_without_a_glossary_the_page_still_works(client, indexed, monkeypatch):
    from matching import glossary

    monkeypatch.setattr(glossary, "load_glossary", lambda: [])  # an empty glossary
    html = page(client, q="人机交互")
    assert "Operator Cab Lab" not in html


def test_a_long_query_is_shortened_and_the_page_says_so(client, indexed):
    words = " ".join(["battery"] + [f"word{i}" for i in range(49)])
    response = client.get("/search", query_string={"q": words}, headers={"Accept-Language": "en"})
    assert response.status_code == 200
    section = results_section(response.get_data(as_text=True))
    assert "Your search was shortened to its first 12 words." in section
