"""Fixtures for the search_index library tests: a small bilingual corpus in a temp index."""

from __future__ import annotations

from pathlib import Path

import pytest

from search_index import SearchDocument, SearchIndex


def make_corpus() -> list[SearchDocument]:
    """Scenarios and studios shaped like the real catalogue, English and Chinese."""
    return [
        SearchDocument(
            kind="scenario",
            id="NEV-01",
            title="Battery enclosure design for electric vehicles",
            title_zh="新能源汽车电池包外壳设计",
            body="Lightweight housings that protect the cells against impact and thermal runaway.",
            body_zh="电池包外壳需要轻量化与热失控防护，兼顾碰撞安全。",
            industries=["NEV"],
            disciplines=["ENG", "CMF"],
        ),
        SearchDocument(
            kind="scenario",
            id="NEV-02",
            title="Cockpit interaction and HMI",
            title_zh="智能座舱交互设计",
            body="Screens, voice and physical controls; the battery state is shown to the driver.",
            body_zh="座舱人机界面与语音交互。",
            industries=["NEV"],
            disciplines=["UX", "ERGO"],
        ),
        SearchDocument(
            kind="scenario",
            id="ELEC-01",
            title="Smart speaker form and finish",
            title_zh="智能音箱造型与表面工艺",
            body="Form, colour and material for consumer electronics; rapid prototyping of shells.",
            body_zh="消费电子产品的造型、色彩与材料。",
            industries=["ELEC"],
            disciplines=["FORM", "CMF", "PROTO"],
        ),
        SearchDocument(
            kind="studio",
            id="1",
            title="Clay Model Works",
            title_zh="黏土模型工作室",
            body="We build full-size clay models and prototypes for car and motorcycle clients.",
            industries=["NEV", "MOTO"],
            disciplines=["PROTO", "FORM"],
            district="Yubei 渝北区",
        ),
        SearchDocument(
            kind="studio",
            id="2",
            title="Mountain City Design Lab",
            title_zh="山城设计实验室",
            body="Industrial design for electronics makers; prototyping, CMF and user research.",
            industries=["ELEC"],
            disciplines=["FORM", "CMF", "PROTO", "UX"],
            district="Shapingba 沙坪坝区",
        ),
        SearchDocument(
            kind="studio",
            id="3",
            title="Yangtze Engineering Studio",
            title_zh="长江工程设计",
            body="Structural engineering, DFM and simulation for equipment and vehicle suppliers.",
            industries=["EQUIP", "NEV"],
            disciplines=["ENG", "SIM"],
            district="Jiangbei 江北区",
        ),
    ]


@pytest.fixture
def corpus() -> list[SearchDocument]:
    """A fresh copy of the sample corpus."""
    return make_corpus()


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    """An index directory that does not exist yet."""
    return tmp_path / "search_index"


@pytest.fixture
def empty_index(index_dir: Path) -> SearchIndex:
    """An opened, empty index."""
    ix = SearchIndex(index_dir, writer_timeout=5.0).open_or_create()
    yield ix
    ix.close()


@pytest.fixture
def index(empty_index: SearchIndex, corpus: list[SearchDocument]) -> SearchIndex:
    """The sample corpus, indexed."""
    empty_index.upsert(corpus)
    return empty_index
