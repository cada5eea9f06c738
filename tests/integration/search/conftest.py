"""Fixtures for the search integration tests: an indexed app and a way to ask what is found."""

from __future__ import annotations

import pytest

from marketplace.services.search import indexing


@pytest.fixture
def indexed(app):
    """The test app with its index built from the database (the 83 scenarios)."""
    with app.app_context():
        indexing.rebuild()
    return app


def found(app, text: str, kind: str | None = None) -> list[str]:
    """The keys ("studio:3", "scenario:NEV-01") the search service finds for a query."""
    with app.app_context():
        return [hit.key for hit in indexing.search(text, kind=kind, per_page=100).results.hits]
