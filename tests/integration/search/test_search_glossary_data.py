"""The project's real glossary (matching.glossary) makes the issue's search examples work."""

from __future__ import annotations

from pathlib import Path

import pytest

from search_index import SearchDocument, SearchIndex

glossary = pytest.importorskip("matching.glossary", reason="matching.glossary has not landed yet")


@pytest.fixture(scope="module")
def real_index(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    """English-only and Chinese-only documents in an index expanding with the real glossary."""
    path: Path = tmp_path_factory.mktemp("glossary-ix")
    ix = SearchIndex(path, glossary=glossary.load_glossary()).open_or_create()
    ix.upsert(
        [
            SearchDocument("studio", "1", "Cab Lab", body="Human-machine interfaces for cranes."),
            SearchDocument("studio", "2", "Bus Screens", body="HMI and cluster graphics."),
            SearchDocument("scenario", "F1", "", title_zh="火锅底料包装设计", body_zh="货架陈列"),
            SearchDocument("studio", "3", "Kiln", body="Tableware and glazes."),
        ]
    )
    yield ix
    ix.close()


def test_renjijiaohu_finds_hmi_studios_written_in_english(real_index: SearchIndex) -> None:
    keys = {hit.key for hit in real_index.search("人机交互").hits}
    assert {"studio:1", "studio:2"} <= keys and "studio:3" not in keys


def test_hotpot_packaging_finds_the_chinese_scenario(real_index: SearchIndex) -> None:
    assert "scenario:F1" in {hit.key for hit in real_index.search("hotpot packaging").hits}
