"""Visitors' search pages are kept per URL and language until the index, a studio or the vector
part changes; signed-in readers get their own page; the rate limit still counts every visit; many
different queries never push the catalogue's stored pages out."""

from __future__ import annotations

import shutil

from marketplace.pagecache import EXTENSION_KEY
from marketplace.search.search_routes import PAGE_STORE, SEARCH_PAGES
from marketplace.services.search import indexing, vectors
from tests.conftest import make_app
from tests.functional.search.conftest import page, results_section
from tests.functional.studios.conftest import profile_form


def _stored(app, store: str = PAGE_STORE) -> list[tuple]:
    pages = app.extensions.get(store)
    return [] if pages is None else list(pages.pages)


def test_a_stored_page_follows_a_profile_save_at_once(indexed, studio_client):
    visitor = indexed.test_client()
    assert "Yubei Form Lab" not in results_section(page(visitor, q="Yubei"))
    assert "Yubei Form Lab" not in results_section(page(indexed.test_client(), q="Yubei"))
    assert len(_stored(indexed)) == 1  # the second visitor got the stored page
    assert studio_client.post("/studio/profile", data=profile_form()).status_code == 302
    assert "Yubei Form Lab" in results_section(page(visitor, q="Yubei"))
    renamed = profile_form(name="Shapingba Form Lab")
    assert studio_client.post("/studio/profile", data=renamed).status_code == 302
    shown = results_section(page(visitor, q="Form Lab"))
    assert "Shapingba Form Lab" in shown and "Yubei Form Lab" not in shown


def test_signed_in_readers_get_their_own_page_and_never_a_visitors(indexed, studio_client):
    visitor = indexed.test_client()
    assert "Save this search" not in page(visitor, q="battery")
    assert "Save this search" in page(studio_client, q="battery")
    assert "Save this search" not in page(visitor, q="battery")
    assert len(_stored(indexed)) == 1


def test_each_language_and_each_filter_gets_its_own_page(indexed):
    visitor = indexed.test_client()
    zh = visitor.get("/search?q=battery", headers={"Accept-Language": "zh-CN"})
    en = visitor.get("/search?q=battery", headers={"Accept-Language": "en"})
    assert '<html lang="zh-CN">' in zh.get_data(as_text=True)
    assert '<html lang="en">' in en.get_data(as_text=True)
    studios_only = results_section(page(visitor, q="battery", kind="studio"))
    assert "/scenarios/NEV-" in results_section(page(visitor, q="battery"))
    assert "/scenarios/NEV-" not in studios_only
    assert len(_stored(indexed)) == 3


def test_many_different_searches_never_push_the_catalogue_pages_out(indexed):
    visitor = indexed.test_client()
    assert visitor.get("/scenarios/NEV-01").status_code == 200
    catalogue = _stored(indexed, EXTENSION_KEY)
    for number in range(1, SEARCH_PAGES + 11):
        found = visitor.get("/search", query_string={"q": "battery", "page": number})
        assert found.status_code == 200
    assert len(_stored(indexed)) == SEARCH_PAGES
    assert _stored(indexed, EXTENSION_KEY) == catalogue


def test_a_search_whose_vector_part_failed_is_not_kept(indexed, monkeypatch):
    indexed.config["SEARCH_HYBRID"] = True
    vectors.reset()
    with indexed.test_request_context():
        vectors.ready_encoder(wait=True)  # the hashing encoder in tests: loads at once

    def unreadable(_encoder):
        raise RuntimeError("the stored vectors cannot be read")

    try:
        monkeypatch.setattr(vectors, "document_table", unreadable)
        visitor = indexed.test_client()
        assert "/scenarios/NEV-" in results_section(page(visitor, q="battery"))  # BM25 alone
        assert _stored(indexed) == []
        monkeypatch.undo()
        assert "/scenarios/NEV-" in results_section(page(visitor, q="battery"))
        assert len(_stored(indexed)) == 1
    finally:
        vectors.reset()


def test_the_rate_limit_counts_stored_pages_too(tmp_path, template_db):
    db_file = tmp_path / "limited.db"
    shutil.copy(template_db, db_file)
    app = make_app(tmp_path, db_file, RATELIMIT_ENABLED=True, SEARCH_RATE_LIMIT="3 per minute")
    from marketplace.extensions import db, limiter

    limiter.reset()
    with app.app_context():
        indexing.rebuild()
    visitor = app.test_client()
    codes = [visitor.get("/search?q=battery").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    limiter.reset()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
