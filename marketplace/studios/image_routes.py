"""Routes for a studio's logo and cover, and for serving every sized picture of a studio."""

from __future__ import annotations

from flask import flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from marketplace.access import PUBLIC, role_required
from marketplace.models import Role
from marketplace.services.common import uploads
from marketplace.services.common.service_errors import ValidationFailed
from marketplace.services.studios import studio_images
from marketplace.studios import bp
from marketplace.studios.studios_forms import StudioImagesForm
from marketplace.studios.studios_routes import flash_leftovers, own_studio


@bp.get("/studios/<int:studio_id>/images/<name>")
@role_required(PUBLIC)
def picture(studio_id: int, name: str):
    """One size of a studio's logo, cover or portfolio picture, served as an image only."""
    mime, path = studio_images.studio_file(studio_id, name, current_user)
    response = send_file(path, mimetype=mime, max_age=86400, conditional=True, etag=True)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@bp.route("/studio/images", methods=["GET", "POST"])
@role_required(Role.STUDIO)
def images_edit():
    """Upload or remove the studio's logo and cover picture."""
    studio = own_studio()
    form = StudioImagesForm()
    if form.validate_on_submit():
        try:
            for slot in ("logo", "cover"):
                upload = getattr(form, slot).data
                if upload and getattr(upload, "filename", ""):
                    studio_images.set_studio_image(current_user, studio.id,
                                            studio_images.StudioImageInput(slot, upload.stream))
                elif getattr(form, f"remove_{slot}").data:
                    studio_images.remove_studio_image(current_user, studio.id, slot)
        except ValidationFailed as exc:
            flash_leftovers(form.apply(exc.errors))
        else:
            flash(_("Pictures saved."), "success")
            return redirect(url_for("studios.dashboard"))
    status = 400 if form.errors else 200
    return render_template("studios/images_form.html", form=form, studio=studio), status


def _url(studio_id: int, key: str, size: str, ext: str) -> str:
    return url_for("studios.picture", studio_id=studio_id, name=f"{key}-{size}.{ext}")


USES = {  # how a picture is used -> (sizes offered in srcset, size whose dimensions the tag states)
    "thumb": (("thumb", "card"), "thumb"),
    "card": (("thumb", "card"), "card"),
    "wide": (("card", "full"), "full"),
}


def picture_html(
    studio_id: int,
    key: str,
    shape: str,
    use: str = "card",
    *,
    alt: str = "",
    sizes: str = "100vw",
    full: tuple[int, int] | None = None,
    css: str = "",
    lazy: bool = True,
) -> Markup:
    """A <picture>: WebP and JPEG srcsets, width and height set, lazy unless told otherwise."""
    offered, stated = USES[use]
    dims = dict(uploads.SHAPES[shape])
    if full is not None:
        dims["full"] = full

    def srcset(ext: str) -> str:
        return ", ".join(f"{_url(studio_id, key, s, ext)} {dims[s][0]}w" for s in offered)

    width, height = dims[stated]
    if height is None:
        width, height = dims["card"]
    src = _url(studio_id, key, stated, "jpg")
    return Markup(
        '<picture class="{css}"><source type="image/webp" srcset="{webp}" sizes="{sizes}">'
        '<img src="{src}" srcset="{jpg}" sizes="{sizes}" width="{w}" height="{h}" alt="{alt}"'
        '{lazy} decoding="async"></picture>'
    ).format(
        css=css, webp=srcset("webp"), jpg=srcset("jpg"), sizes=sizes, src=src, w=width, h=height,
        alt=alt, lazy=Markup(' loading="lazy"') if lazy else "",
    )  # fmt: skip


def picture_helpers() -> dict:
    """`studio_picture` for every template."""
    return {"studio_picture": picture_html}
