"""Studio pictures in Chromium at desktop and phone widths: loaded, no sideways scrolling."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marketplace.database import write_transaction
from marketplace.extensions import db
from marketplace.models import Studio
from marketplace.services.matching.store import upsert_lists
from marketplace.services.studios import studio_demo, studio_import

TEXT = (
    "We design battery enclosures, charging posts and electric two-wheelers for Chongqing "
    "suppliers, from styling and CMF to DFM engineering and 1:1 prototypes."
)
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
SHOTS = Path(__file__).resolve().parents[2] / "instance" / "screenshots"


@pytest.fixture
def dressed(live_server) -> list[int]:
    """Eight demo studios with pictures (one left bare) fitted to NEV-01."""
    rows = [{"id": f"E{n:02d}", "name": f"Picture Studio {n}", "text": TEXT, "industries": ["NEV"],
             "disciplines": ["FORM"]} for n in range(1, 9)]  # fmt: skip
    with live_server.app.app_context():
        studio_import.import_studios(
            studio_import.parse_studios([json.dumps(r) for r in rows]).records
        )
        ids = list(db.session.scalars(db.select(Studio.id).order_by(Studio.id)))
        for studio_id in ids[:-1]:
            studio_demo.dress_studio(studio_id)
        with write_transaction() as session:
            fits = [(str(i), 0.9 - n / 20, {"reasons": ["Battery work"]}) for n, i in
                    enumerate(ids)]  # fmt: skip
            upsert_lists(session, "scenario-studio", {"NEV-01": fits}, model="e2e")
        db.session.remove()
    return ids


def _check(page, label: str, path: str, card_bytes: list[int]) -> None:
    page.goto(path)
    height = page.evaluate("document.documentElement.scrollHeight")
    for y in range(0, height + 800, 600):  # bring every lazy image into view
        page.evaluate(f"window.scrollTo(0, {y})")
        page.wait_for_timeout(50)
    page.wait_for_load_state("networkidle")
    images = page.evaluate(
        "Array.from(document.images).map(i => [i.currentSrc, i.complete, i.naturalWidth])"
    )
    assert images, f"{label}: no images"
    broken = [src for src, complete, width in images if not complete or width == 0]
    assert not broken, f"{label}: images that did not load: {broken}"
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{label}: {overflow}px of horizontal overflow"
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot = SHOTS / f"{label}.png"
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(shot), full_page=True)
    print(f"{label}: {len(images)} images, screenshot {shot.stat().st_size} bytes;"
          f" card images {sorted(set(card_bytes))} bytes")  # fmt: skip


@pytest.mark.parametrize("width", list(WIDTHS))
def test_directory_fits_and_studio_page_show_loaded_pictures(page, live_server, dressed, width):
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    card_bytes: list[int] = []

    def record(response):
        if "/images/" in response.url and "-thumb." in response.url:
            card_bytes.append(len(response.body()))

    page.on("response", record)
    _check(page, f"directory-{width}", "/studios", card_bytes)
    assert page.locator(".card-media-none").count() == 1  # the bare studio: a placeholder
    _check(page, f"scenario-fits-{width}", "/scenarios/NEV-01", card_bytes)
    _check(page, f"studio-{width}", f"/studios/{dressed[0]}", card_bytes)
    if width == "phone":
        page.goto("/studios")
        summary = page.locator("details.filters-fold > summary")
        assert summary.is_visible() and not page.locator("#f-industry").is_visible()
