"""`flask demo images`: the demo studios get districts, claims (some verified) and pictures."""

from __future__ import annotations

import json
from pathlib import Path

from marketplace.extensions import db
from marketplace.models import Studio
from marketplace.services.studios import studio_import
from tests.functional.studios.conftest import STATEMENT, text

ROWS = [
    {"id": f"S{n:03d}", "name": f"Demo Studio {n}", "text": STATEMENT, "industries": ["NEV"],
     "disciplines": ["FORM"]}
    for n in range(1, 13)
]  # fmt: skip


def test_demo_images_dress_every_studio_once(app):
    with app.app_context():
        parsed = studio_import.parse_studios([json.dumps(r) for r in ROWS])
        studio_import.import_studios(parsed.records)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["demo", "images"])
    assert result.exit_code == 0, result.output
    assert "for 12 studios" in result.output
    with app.app_context():
        studios = db.session.scalars(db.select(Studio)).all()
        assert all(s.district for s in studios)
        assert all(s.portfolio and s.portfolio[0].images for s in studios)
        assert any(s.is_verified for s in studios)
        assert any(s.accreditation != "none" and not s.is_verified for s in studios)
        assert any(s.logo_key for s in studios) and any(s.cover_key for s in studios)
        files = len(list((Path(app.config["UPLOAD_DIR"]) / "images").glob("*")))
    again = runner.invoke(args=["demo", "images"])
    assert "for 0 studios" in again.output
    assert len(list((Path(app.config["UPLOAD_DIR"]) / "images").glob("*"))) == files
    page = text(app.test_client().get("/studios?verified=1"))
    assert "Demo Studio" in page and "-thumb.webp" in page


def _facts() -> dict:
    return {s.ref: (s.district, s.accreditation) for s in db.session.scalars(db.select(Studio))}


def test_make_demo_twice_keeps_districts_and_claims(app):
    """`make demo` re-imports the studios (clearing district and claim), then dresses them again."""
    runner = app.test_cli_runner()
    with app.app_context():
        studio_import.import_studios(
            studio_import.parse_studios([json.dumps(r) for r in ROWS]).records
        )
    runner.invoke(args=["demo", "images"])
    with app.app_context():
        before = _facts()
        lines = [json.dumps({**r, "text": r["text"] + " Re-imported."}) for r in ROWS]
        studio_import.import_studios(studio_import.parse_studios(lines).records)
    runner.invoke(args=["demo", "images"])
    with app.app_context():
        db.session.expire_all()
        after = _facts()
    assert after == before and all(district for district, _ in after.values())
