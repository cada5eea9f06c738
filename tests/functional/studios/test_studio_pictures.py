"""A studio's logo and cover, and its picture on every card that lists it (or a placeholder)."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from PIL import Image

from marketplace.database import write_transaction
from marketplace.extensions import db
from marketplace.models import Studio
from marketplace.services.matching.store import upsert_lists
from tests.functional.studios.conftest import image_bytes, item_form, text


def upload_pictures(client, **files):
    data = {name: (BytesIO(content), f"{name}.png") for name, content in files.items()}
    return client.post("/studio/images", data=data, content_type="multipart/form-data")


def studio_row(app, studio_id: int) -> Studio:
    with app.app_context():
        studio = db.session.get(Studio, studio_id)
        db.session.expunge(studio)
        return studio


def image_files(app) -> list[Path]:
    folder = Path(app.config["UPLOAD_DIR"]) / "images"
    return sorted(folder.glob("*")) if folder.exists() else []


def fit_on_scenario(app, studio_ids: list[int], code: str = "NEV-01") -> None:
    with app.app_context(), write_transaction() as session:
        rows = [(str(i), 0.9 - n / 10, {"reasons": ["Works on batteries"]}) for n, i in
                enumerate(studio_ids)]  # fmt: skip
        upsert_lists(session, "scenario-studio", {code: rows}, model="test")


def test_logo_and_cover_are_stored_square_and_wide_in_every_size(app, filled_studio):
    response = upload_pictures(
        filled_studio, logo=image_bytes("PNG", (500, 300)), cover=image_bytes("JPEG", (2000, 900))
    )
    assert response.status_code == 302, text(response)[:1500]
    studio = studio_row(app, filled_studio.account.studio_id)
    folder = Path(app.config["UPLOAD_DIR"]) / "images"
    sizes = {p.name[33:]: Image.open(p).size for p in folder.glob(f"{studio.logo_key}-*")}
    assert sizes == {
        f"{size}.{ext}": (side, side)
        for size, side in (("thumb", 96), ("card", 240), ("full", 480))
        for ext in ("webp", "jpg")
    }
    cover = {p.name[33:]: Image.open(p).size for p in folder.glob(f"{studio.cover_key}-*")}
    assert cover["full.webp"] == (1800, 600) and cover["thumb.jpg"] == (480, 160)
    page = text(app.test_client().get(f"/studios/{studio.id}"))
    assert f"{studio.cover_key}-full.webp 1800w" in page and f"{studio.logo_key}-card.jpg" in page
    assert 'width="1800" height="600"' in page


def test_a_bad_logo_is_refused_and_nothing_is_written(app, filled_studio):
    response = upload_pictures(filled_studio, logo=b"<svg onload=alert(1)></svg>")
    assert response.status_code == 400
    assert "PNG, JPEG or WebP" in text(response)
    assert studio_row(app, filled_studio.account.studio_id).logo_key is None
    assert image_files(app) == []


def test_replacing_and_removing_the_logo_leaves_no_stray_files(app, filled_studio):
    upload_pictures(filled_studio, logo=image_bytes("PNG"))
    upload_pictures(filled_studio, logo=image_bytes("JPEG"))
    studio = studio_row(app, filled_studio.account.studio_id)
    assert {p.name[:32] for p in image_files(app)} == {studio.logo_key}
    filled_studio.post("/studio/images", data={"remove_logo": "y"})
    assert studio_row(app, studio.id).logo_key is None and image_files(app) == []


def test_cards_show_the_logo_everywhere_and_a_placeholder_without_one(
    app, filled_studio, other_studio
):
    upload_pictures(filled_studio, logo=image_bytes("PNG"))
    mine = studio_row(app, filled_studio.account.studio_id)
    other = studio_row(app, other_studio.account.studio_id)
    fit_on_scenario(app, [mine.id, other.id])
    visitor = app.test_client()
    pages = {
        "directory": text(visitor.get("/studios")),
        "scenario": text(visitor.get("/scenarios/NEV-01")),
        "search": text(visitor.get("/search?q=battery")),
    }
    for name, page in pages.items():
        assert f"/studios/{mine.id}/images/{mine.logo_key}-thumb.webp 96w" in page, name
        assert 'loading="lazy"' in page and 'width="96" height="96"' in page, name
        assert 'class="card-media card-media-none"' in page, name  # the studio without pictures
        assert "Yubei" in page, name


def test_without_a_logo_the_card_shows_the_newest_project_picture(app, filled_studio):
    data = item_form(images=(BytesIO(image_bytes("PNG", (400, 300))), "dock.png"))
    filled_studio.post("/studio/portfolio/new", data=data, content_type="multipart/form-data")
    studio = studio_row(app, filled_studio.account.studio_id)
    key = image_files(app)[0].name[:32]
    page = text(app.test_client().get("/studios"))
    assert f"/studios/{studio.id}/images/{key}-thumb.webp 240w" in page
    assert "recent work" in page


def test_no_public_page_shows_an_internal_reference(app, filled_studio, staff_client):
    studio = studio_row(app, filled_studio.account.studio_id)
    fit_on_scenario(app, [studio.id])
    visitor = app.test_client()
    for url in ("/studios", f"/studios/{studio.id}", "/scenarios/NEV-01", "/search?q=battery"):
        page = text(visitor.get(url))
        assert studio.ref not in page and "Ref " not in page, url
    assert f"Ref {studio.ref}" in text(staff_client.get(f"/studios/{studio.id}"))
