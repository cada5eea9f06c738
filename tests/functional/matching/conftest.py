"""Fixtures for the matching pages: a few dev-set studios imported (hashing encoder)."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import pytest

DEV_STUDIOS = Path(__file__).resolve().parents[2] / "data" / "dev_studios.jsonl"


def import_dev_studios(app, count: int = 12) -> None:
    """Import the first `count` dev-set studios through the real service (receivers run)."""
    from marketplace.services.studios import studio_import

    with app.app_context(), DEV_STUDIOS.open(encoding="utf-8") as fh:
        parsed = studio_import.parse_studios(list(islice(fh, count)))
        studio_import.import_studios(parsed.records)


@pytest.fixture
def matched_app(app):
    """`app` with twelve listed studios whose recommendations are stored."""
    import_dev_studios(app)
    return app
