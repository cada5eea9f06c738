"""Fixtures for matching integration tests: the real model and the real scenario catalogue."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from matching.encoder import SentenceTransformerEncoder, get_encoder
from matching.engine import Matcher
from matching.evaluate import read_catalogue

ROOT = Path(__file__).resolve().parents[3]
CATALOGUE_DIR = ROOT / "marketplace" / "catalog" / "data" / "industries"
DISCIPLINES_FILE = CATALOGUE_DIR.parent / "disciplines.json"


@pytest.fixture(scope="session")
def real_encoder() -> SentenceTransformerEncoder:
    """The bundled all-MiniLM-L6-v2, loaded once for the whole session."""
    encoder = get_encoder()
    encoder.load()
    return encoder


@pytest.fixture(scope="session")
def catalogue() -> dict:
    """The scenario catalogue as plain dicts, from the data files the package ships."""
    assert any(CATALOGUE_DIR.glob("*.json")), f"no catalogue files under {CATALOGUE_DIR}"
    industries, scenarios = read_catalogue(CATALOGUE_DIR)
    disciplines = json.loads(DISCIPLINES_FILE.read_text(encoding="utf-8"))
    return {"industries": industries, "scenarios": scenarios, "disciplines": disciplines}


@pytest.fixture(scope="session")
def real_matcher(real_encoder: SentenceTransformerEncoder, catalogue: dict) -> Matcher:
    """A matcher fitted on the real catalogue with the real model."""
    return Matcher.from_catalog(
        catalogue["scenarios"],
        real_encoder,
        industries=catalogue["industries"],
        disciplines=catalogue["disciplines"],
    )
