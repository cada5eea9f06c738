"""Search on PostgreSQL full text (SEARCH_BACKEND=postgres): no index folder, Chinese and English
words found and highlighted, facets counted, profile saves followed, the vector part fused."""

from __future__ import annotations

import pytest

from marketplace.extensions import db
from marketplace.services.search import indexing
from tests.conftest import PASSWORD, make_app


@pytest.fixture
def fts_app(tmp_path, postgres_url):
    """An app on PostgreSQL whose search lives in the database."""
    app = make_app(
        tmp_path, tmp_path / "unused.db", SQLALCHEMY_DATABASE_URI=postgres_url,
        SEARCH_BACKEND="postgres",
    )  # fmt: skip
    result = app.test_cli_runner().invoke(args=["init"])
    assert result.exit_code == 0, result.output
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _studio(client, name: str, statement: str, **extra) -> None:
    response = client.post("/register", data={
        "role": "studio", "organisation_name": name,
        "email": f"{abs(hash(name))}@example.com", "password": PASSWORD, "confirm": PASSWORD,
    })  # fmt: skip
    assert response.status_code == 302
    saved = client.post("/studio/profile", data={
        "name": name, "district": "yubei", "capability_statement": statement,
        "industry_codes": ["NEV"], "discipline_codes": ["UX"], "accreditation": "none", **extra,
    })  # fmt: skip
    assert saved.status_code == 302, saved.get_data(as_text=True)[:400]


def test_the_catalogue_is_searchable_without_an_index_folder(fts_app, tmp_path):
    with fts_app.app_context():
        assert indexing.get_index().doc_count() == 83
        assert indexing.check().is_clean
    assert not (tmp_path / "search_index").exists()
    page = fts_app.test_client().get("/search?q=batteries").get_data(as_text=True)
    assert "NEV-" in page and "<mark>" in page  # "batteries" finds "battery" (stemmed)


def test_a_saved_profile_is_found_in_english_and_chinese_with_highlights(fts_app):
    _studio(fts_app.test_client(), "Liangjiang Cockpit Studio",
            "We design cockpit screens and instrument clusters. 我们设计新能源汽车座舱和仪表盘。")
    client = fts_app.test_client()
    english = client.get("/search?q=cockpit&kind=studio").get_data(as_text=True)
    assert "Liangjiang Cockpit Studio" in english and "<mark>cockpit</mark>" in english
    chinese = client.get("/search?q=座舱&kind=studio").get_data(as_text=True)
    assert "Liangjiang Cockpit Studio" in chinese and "<mark>座舱</mark>" in chinese
    assert "Liangjiang Cockpit Studio" not in client.get("/search?q=hotpot").get_data(True)


def test_facets_count_and_filters_narrow(fts_app):
    with fts_app.app_context():
        found = indexing.search("battery")
        kinds = found.results.facets["kind"]
        assert kinds.get("scenario", 0) == found.results.total
        narrowed = indexing.search("battery", industry="NEV")
        assert 0 < narrowed.results.total <= found.results.total
        assert all("NEV" in hit.industries for hit in narrowed.results.hits)


def test_a_changed_profile_replaces_its_old_words(fts_app):
    client = fts_app.test_client()
    statement = "Ergonomic seats and handrails for electric buses and trams, from sketches on."
    _studio(client, "Banan Seat Works", statement)
    assert "Banan Seat Works" in fts_app.test_client().get("/search?q=trams").get_data(True)
    client.post("/studio/profile", data={
        "name": "Banan Seat Works", "district": "yubei",
        "capability_statement": "Packaging for hotpot seasoning and chilli sauces, from "
        "structure and print to shelf tests.",
        "industry_codes": ["FOOD"], "discipline_codes": ["UX"], "accreditation": "none",
    })  # fmt: skip
    visitor = fts_app.test_client()
    assert "Banan Seat Works" not in visitor.get("/search?q=trams").get_data(True)
    assert "Banan Seat Works" in visitor.get("/search?q=hotpot").get_data(True)
    with fts_app.app_context():
        assert indexing.check().is_clean


def test_no_word_in_common_still_says_so(fts_app):
    page = fts_app.test_client().get("/search?q=zzqxv").get_data(as_text=True)
    assert "zzqxv" in page
    with fts_app.app_context():
        assert indexing.search("zzqxv").results.total == 0


def test_vector_neighbours_are_fused_with_the_full_text_ranking(fts_app):
    from search_index import SearchQuery
    from search_index.hybrid import VectorInput

    with fts_app.app_context():
        index = indexing.get_index()
        plain = index.search(SearchQuery(text="battery"))
        assert plain.total > 0 and "scenario:FOOD-01" not in {h.key for h in plain.hits}
        # a neighbour by meaning that shares no word with the query joins the results
        fused = index.search(
            SearchQuery(text="battery", per_page=100),
            VectorInput(hits=(("scenario:FOOD-01", 0.9), (plain.hits[0].key, 0.8))),
        )
        keys = [h.key for h in fused.hits]
        assert "scenario:FOOD-01" in keys and fused.total == plain.total + 1
        assert keys[0] == plain.hits[0].key  # first in both rankings stays first
