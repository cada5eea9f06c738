"""Portfolio items with up to six images checked by content, size-capped, re-encoded in sizes."""

from __future__ import annotations

import html
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image

from marketplace.extensions import db
from marketplace.models import PortfolioImage, PortfolioItem
from marketplace.services.studios import studio_portfolio
from tests.functional.studios.conftest import image_bytes, item_form, text


def upload(data: bytes, name: str) -> tuple[BytesIO, str]:
    return BytesIO(data), name


def stored_files(app) -> list[Path]:
    root = Path(app.config["UPLOAD_DIR"])
    return sorted(p for sub in ("portfolio", "images") for p in (root / sub).glob("*"))


def keys(app, studio_id: int) -> list[str]:
    """The stored picture keys of a studio's items, in order."""
    with app.app_context():
        return list(
            db.session.scalars(
                db.select(PortfolioImage.key)
                .join(PortfolioItem)
                .where(PortfolioItem.studio_id == studio_id)
                .order_by(PortfolioImage.position)
            )
        )


def sizes_of(app, key: str) -> dict[str, tuple[int, int]]:
    """The files stored for one picture key, by name suffix, with their pixel sizes."""
    folder = Path(app.config["UPLOAD_DIR"]) / "images"
    return {p.name[33:]: Image.open(p).size for p in sorted(folder.glob(f"{key}-*"))}


def items(app, studio_id: int) -> list[PortfolioItem]:
    with app.app_context():
        rows = db.session.scalars(
            db.select(PortfolioItem).where(PortfolioItem.studio_id == studio_id)
        ).all()
        for row in rows:
            db.session.expunge(row)
        return list(rows)


def add_item(client, **changes):
    data = item_form(**changes)
    return client.post("/studio/portfolio/new", data=data, content_type="multipart/form-data")


def test_add_an_item_with_an_image_and_see_it_on_the_public_page(app, filled_studio):
    response = add_item(filled_studio, images=upload(image_bytes("PNG", (800, 600)), "dock.png"))
    assert response.status_code == 302, text(response)[:2000]
    studio_id = filled_studio.account.studio_id
    [key] = keys(app, studio_id)
    assert sizes_of(app, key) == {
        "card.jpg": (480, 360), "card.webp": (480, 360), "full.jpg": (800, 600),
        "full.webp": (800, 600), "thumb.jpg": (240, 180), "thumb.webp": (240, 180),
    }  # fmt: skip
    page = text(app.test_client().get(f"/studios/{studio_id}"))
    assert "Battery dock for a scooter maker" in page
    assert f"/studios/{studio_id}/images/{key}-card.webp 480w" in page
    assert 'loading="lazy"' in page and 'width="480" height="360"' in page


def test_up_to_six_images_in_the_order_given(app, filled_studio):
    six = [upload(image_bytes("PNG", (90 + i, 60)), f"{i}.png") for i in range(6)]
    assert add_item(filled_studio, images=six).status_code == 302
    studio_id = filled_studio.account.studio_id
    found = keys(app, studio_id)
    assert [sizes_of(app, k)["full.jpg"][0] for k in found] == [90, 91, 92, 93, 94, 95]
    [item] = items(app, studio_id)
    seventh = filled_studio.post(
        f"/studio/portfolio/{item.id}/edit",
        data=item_form(images=upload(image_bytes("PNG"), "7.png")),
        content_type="multipart/form-data",
    )
    assert seventh.status_code == 400 and "at most 6 images" in text(seventh)
    assert keys(app, studio_id) == found and len(stored_files(app)) == 36


def test_sized_images_are_served_as_images_only(app, filled_studio):
    add_item(filled_studio, images=upload(image_bytes("PNG"), "dock.png"))
    studio_id = filled_studio.account.studio_id
    [key] = keys(app, studio_id)
    for name, mime in ((f"{key}-card.webp", "image/webp"), (f"{key}-thumb.jpg", "image/jpeg")):
        response = app.test_client().get(f"/studios/{studio_id}/images/{name}")
        assert response.status_code == 200 and response.mimetype == mime
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert app.test_client().get(f"/studios/{studio_id}/images/../x.jpg").status_code == 404


def test_a_legacy_single_image_still_shows_and_serves(app, filled_studio):
    from tests.functional.studios.conftest import item_input

    studio_id = filled_studio.account.studio_id
    with app.test_request_context():
        studio_portfolio.save_item(filled_studio.account.actor, None, item_input(),
                            image=BytesIO(image_bytes("PNG")))
    [item] = items(app, studio_id)
    url = f"/studios/{studio_id}/portfolio/{item.id}/image"
    assert url in text(app.test_client().get(f"/studios/{studio_id}"))
    response = app.test_client().get(url)
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert Image.open(BytesIO(response.data)).size == (64, 48)


def test_a_huge_request_gets_a_friendly_413_not_a_crash(app, filled_studio):
    huge = b"\x00" * (41 * 1024 * 1024)
    response = add_item(filled_studio, images=upload(huge, "huge.png"))
    assert response.status_code == 413
    assert "Choose a smaller file" in text(response)


def test_uploads_are_reencoded_without_metadata_or_trailing_content(app, filled_studio):
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # camera make
    exif[0x010E] = "Prototype shot at the client's plant, Lijia"  # image description
    jpeg = image_bytes("JPEG", exif=exif.tobytes()) + b"<script>alert(1)</script>"
    assert b"SpyCam" in jpeg
    response = add_item(filled_studio, images=upload(jpeg, "photo.jpg"))
    assert response.status_code == 302
    studio_id = filled_studio.account.studio_id
    [key] = keys(app, studio_id)
    for size in ("thumb", "card", "full"):
        for ext in ("jpg", "webp"):
            served = app.test_client().get(f"/studios/{studio_id}/images/{key}-{size}.{ext}")
            assert b"SpyCam" not in served.data and b"<script>" not in served.data
            assert not Image.open(BytesIO(served.data)).getexif()


def test_webp_is_accepted(app, filled_studio):
    response = add_item(filled_studio, images=upload(image_bytes("WEBP"), "render.webp"))
    assert response.status_code == 302
    assert len(keys(app, filled_studio.account.studio_id)) == 1


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"<html><script>alert(1)</script></html>", "portfolio.png"),  # renamed non-image
        (b"%PDF-1.7\n1 0 obj\n", "brochure.jpg"),
        (image_bytes("GIF"), "anim.png"),  # a real image, but not a format we take
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "broken.png"),  # PNG signature, no image
    ],
)
def test_a_file_that_is_not_a_png_jpeg_or_webp_is_refused_and_the_form_kept(
    app, filled_studio, content, name
):
    response = add_item(
        filled_studio, title="Kept title", description="This description must come back intact.",
        images=[upload(image_bytes("PNG"), "good.png"), upload(content, name)],
    )  # fmt: skip
    page = text(response)
    assert response.status_code == 400
    assert 'id="images-error"' in page
    assert "PNG, JPEG or WebP" in page
    assert 'value="Kept title"' in page and "This description must come back intact." in page
    assert items(app, filled_studio.account.studio_id) == []
    assert stored_files(app) == []  # the good image before the bad one is not kept either


def test_an_image_over_5_mb_is_refused_with_a_form_error(app, filled_studio):
    big = image_bytes("PNG") + b"\x00" * (5 * 1024 * 1024)
    response = add_item(filled_studio, title="Big render", images=upload(big, "big.png"))
    page = text(response)
    assert response.status_code == 400
    assert "larger than 5 MB" in page and 'value="Big render"' in page
    assert items(app, filled_studio.account.studio_id) == []
    assert stored_files(app) == []


def test_bad_item_fields_are_reported_and_no_file_is_kept(app, filled_studio):
    response = add_item(
        filled_studio, title="", year="1800", industry_code="", client_kind="", description="short",
        images=upload(image_bytes("PNG"), "ok.png"),
    )  # fmt: skip
    page = html.unescape(text(response))
    assert response.status_code == 400
    for message in ("Use 2 to 200 characters.", "Enter the year of the project",
                    "Choose the client's industry.", "Choose the kind of client.",
                    "Write 20 to 3,000 characters"):  # fmt: skip
        assert message in page
    assert stored_files(app) == []


def test_edit_add_and_remove_images(app, filled_studio):
    add_item(filled_studio, images=upload(image_bytes("PNG"), "first.png"))
    studio_id = filled_studio.account.studio_id
    [item] = items(app, studio_id)
    [first] = keys(app, studio_id)
    response = filled_studio.post(
        f"/studio/portfolio/{item.id}/edit",
        data=item_form(title="Dock, second edition", images=upload(image_bytes("JPEG"), "b.jpg")),
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    [item] = items(app, studio_id)
    assert item.title == "Dock, second edition"
    assert keys(app, studio_id)[0] == first and len(keys(app, studio_id)) == 2

    bad = filled_studio.post(
        f"/studio/portfolio/{item.id}/edit",
        data=item_form(title="Should not be saved", images=upload(b"GIF89a....", "x.png")),
        content_type="multipart/form-data",
    )
    assert bad.status_code == 400
    [unchanged] = items(app, studio_id)
    assert unchanged.title == "Dock, second edition" and len(stored_files(app)) == 12

    filled_studio.post(
        f"/studio/portfolio/{item.id}/edit", data=item_form(remove_image="y"),
        content_type="multipart/form-data",
    )  # fmt: skip
    assert keys(app, studio_id) == [] and stored_files(app) == []


def test_delete_removes_the_item_and_its_files(app, filled_studio):
    add_item(filled_studio, images=upload(image_bytes("PNG"), "first.png"))
    [item] = items(app, filled_studio.account.studio_id)
    response = filled_studio.post(f"/studio/portfolio/{item.id}/delete")
    assert response.status_code == 302
    assert items(app, filled_studio.account.studio_id) == [] and stored_files(app) == []


def test_another_studios_item_ids_give_404_and_change_nothing(app, filled_studio, other_studio):
    add_item(filled_studio, images=upload(image_bytes("PNG"), "mine.png"))
    [item] = items(app, filled_studio.account.studio_id)
    assert other_studio.get(f"/studio/portfolio/{item.id}/edit").status_code == 404
    edit = other_studio.post(
        f"/studio/portfolio/{item.id}/edit", data=item_form(title="Hijacked"),
        content_type="multipart/form-data",
    )  # fmt: skip
    assert edit.status_code == 404
    assert other_studio.post(f"/studio/portfolio/{item.id}/delete").status_code == 404
    [still] = items(app, filled_studio.account.studio_id)
    assert still.title == item.title and len(stored_files(app)) == 6
    assert other_studio.get("/studio/portfolio/99999/edit").status_code == 404


def test_an_image_must_belong_to_the_studio_in_its_address(app, filled_studio, other_studio):
    add_item(filled_studio, images=upload(image_bytes("PNG"), "mine.png"))
    [key] = keys(app, filled_studio.account.studio_id)
    wrong = f"/studios/{other_studio.account.studio_id}/images/{key}-card.jpg"
    assert app.test_client().get(wrong).status_code == 404


def test_images_of_an_unlisted_studio_are_hidden_from_the_public(app, studio_client, staff_client):
    add_item(studio_client, images=upload(image_bytes("PNG"), "draft.png"))  # profile not filled
    [key] = keys(app, studio_client.account.studio_id)
    url = f"/studios/{studio_client.account.studio_id}/images/{key}-card.jpg"
    assert app.test_client().get(url).status_code == 404
    assert studio_client.get(url).status_code == 200
    assert staff_client.get(url).status_code == 200
