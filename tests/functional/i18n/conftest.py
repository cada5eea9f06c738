"""Fixtures for the language tests: compiled catalogues, and clients that send no language."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

TRANSLATIONS = Path(__file__).resolve().parents[3] / "marketplace" / "translations"


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogues() -> None:
    """Compile each .po to .mo when the .mo is missing or older (make does this too)."""
    for po in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            with po.open("rb") as source:
                catalog = read_po(source)
            with mo.open("wb") as target:
                write_mo(target, catalog)


def plain_client(app):
    """A client that sends no Accept-Language header (as a browser with no preference)."""
    c = app.test_client()
    c.environ_base.pop("HTTP_ACCEPT_LANGUAGE", None)
    return c


@pytest.fixture
def visitor(app):
    """A visitor whose browser states no language preference."""
    return plain_client(app)
