"""The need form's "suggest disciplines" answers from the lexical tagger: the embedding model
is never asked for inside the web request (it took 8.6 s on a worker's first call)."""

from __future__ import annotations

import re

import pytest

from tests.functional.needs.test_need_pages import form_data


@pytest.fixture
def encoder_calls(monkeypatch) -> list[str]:
    """Every way the request could reach an encoder records the call and fails loudly."""
    calls: list[str] = []

    def refuse(where: str):
        def _encoder(*args, **kwargs):
            calls.append(where)
            raise AssertionError(f"the embedding encoder was asked for in a request ({where})")

        return _encoder

    for target in (
        "marketplace.services.matching.encoding.encoder",
        "marketplace.services.matching.matches.encoder",
        "marketplace.services.matching.need_matches.encoder",
        "marketplace.services.search.vectors.configured_encoder",
        "matching.encoder.get_encoder",
        "marketplace.services.matching.encoding.get_encoder",
    ):
        monkeypatch.setattr(target, refuse(target))
    return calls


def test_suggesting_disciplines_never_asks_for_the_encoder(manufacturer_client, encoder_calls):
    data = form_data(discipline_codes=[], industry_code="", save=None, suggest="Suggest")
    response = manufacturer_client.post("/needs/new", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert encoder_calls == []
    assert "Suggested disciplines are ticked below" in page
    ticked = [tag for tag in re.findall(r"<input[^>]*>", page)
              if 'name="discipline_codes"' in tag and "checked" in tag]
    assert ticked, "the brief names form and materials work: some discipline is suggested"
