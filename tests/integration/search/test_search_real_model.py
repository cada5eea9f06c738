"""With the real encoder, a Chinese query finds a studio that says the same thing in other words."""

from __future__ import annotations

import pytest

from marketplace.services.search.vectors import query_text
from matching.encoder import get_encoder
from matching.glossary import load_glossary
from search_index import SearchDocument, SearchIndex
from search_index.hybrid import VectorInput, VectorTable

pytestmark = pytest.mark.slow

STUDIOS = {
    "1": (
        "Saucepot Pack Studio",
        "We design the bags, jars, boxes and labels for hotpot base and "
        "chilli oil makers, from the first sketch to the printer's proof.",
    ),
    "2": (
        "Noodle Lantern Spaces",
        "Restaurant interiors: noodle shops, hotpot restaurants and tea "
        "houses, from floor plan and kitchen pass to seating, lighting and signage.",
    ),
    "3": (
        "Packline Machines",
        "Mechanical engineering of form-fill-seal machines, sachet fillers "
        "and carton erectors for food factories.",
    ),
    "4": (
        "Lumen Cockpit Lab",
        "Centre screens, instrument clusters and voice assistants for electric cars.",
    ),
    "5": ("Leaf Fold Tea Lab", "Tea gift boxes and compostable tea bags for tea gardens."),
}


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    encoder = get_encoder()
    docs = [SearchDocument(kind="studio", id=i, title=name, body=text)
            for i, (name, text) in STUDIOS.items()]  # fmt: skip
    index = SearchIndex(tmp_path_factory.mktemp("ix"), glossary=load_glossary()).open_or_create()
    index.rebuild(docs)
    matrix = encoder.encode([f"{d.title}. {d.body}" for d in docs])
    table = VectorTable.build({d.key: row for d, row in zip(docs, matrix, strict=True)})
    yield index, encoder, table
    index.close()


def search(world, text: str) -> list[str]:
    index, encoder, table = world
    hits = table.nearest(encoder.encode([query_text(text)])[0])
    return [h.key for h in index.search(text, VectorInput(hits)).hits]


def test_hotpot_packaging_in_chinese_finds_the_hotpot_base_packaging_studio(world) -> None:
    found = search(world, "火锅 包装")
    assert found[0] == "studio:1", found
    assert "studio:4" not in found[:3]  # a cockpit studio is no answer to a packaging query


def test_the_same_in_traditional_characters(world) -> None:
    assert search(world, "火鍋 包裝")[0] == "studio:1"
