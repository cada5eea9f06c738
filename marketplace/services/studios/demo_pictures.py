"""Clearly fictional demo pictures drawn from shapes and colours (no photographs, no real marks)."""

from __future__ import annotations

import random
import threading
from io import BytesIO

from PIL import Image, ImageDraw, ImageFont

from marketplace.services.studios import demo_motifs

PALETTES = [
    ("#1c2430", "#b4441b", "#f6f5f2", "#0f6e66"),
    ("#0f3d5e", "#f2b134", "#eef3f7", "#e0603a"),
    ("#2f2a4a", "#7ec4cf", "#f4f1ea", "#d95d39"),
    ("#26402f", "#e8c547", "#f1f4ee", "#3f88c5"),
    ("#402020", "#f08a4b", "#faf3ec", "#5b8e7d"),
    ("#1f3b4d", "#c3dfe0", "#f7f7f2", "#bc4b51"),
]


# fonts-noto-cjk: Chinese initials and labels draw as characters, not as empty boxes
CJK_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)


_fonts = threading.local()  # a FreeType face is not shared between drawing threads


def _font(size: int):
    """The font at this size, read once per thread (the CJK collection is large)."""
    cache = _fonts.__dict__.setdefault("by_size", {})
    if size not in cache:
        cache[size] = _load_font(size)
    return cache[size]


def _load_font(size: int):
    for path in CJK_FONTS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:  # not installed here: the next, then Pillow's own
            continue
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow without FreeType: the small bitmap font
        return ImageFont.load_default()


def _png(image: Image.Image) -> bytes:
    out = BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def palette(seed: str) -> tuple[str, str, str, str]:
    """The colours a studio's pictures share."""
    return PALETTES[random.Random(seed).randrange(len(PALETTES))]


def logo(seed: str, initial: str) -> bytes:
    """A square mark as PNG bytes."""
    return _png(logo_image(seed, initial))


def logo_image(seed: str, initial: str) -> Image.Image:
    """A square mark: a shape and the studio's initial."""
    ink, accent, paper, second = palette(seed)
    rng = random.Random(seed + ":logo")
    image = Image.new("RGB", (480, 480), paper)
    draw = ImageDraw.Draw(image)
    kind = rng.randrange(3)
    if kind == 0:
        draw.ellipse((60, 60, 420, 420), fill=accent)
    elif kind == 1:
        draw.rounded_rectangle((70, 70, 410, 410), radius=70, fill=ink)
    else:
        draw.polygon([(240, 50), (430, 410), (50, 410)], fill=second)
    draw.text((240, 250), initial[:1].upper(), fill=paper if kind != 0 else ink,
              font=_font(200), anchor="mm")  # fmt: skip
    return image


def _shapes(draw: ImageDraw.ImageDraw, rng: random.Random, box, colours, count: int) -> None:
    x0, y0, x1, y1 = box
    for _ in range(count):
        w, h = rng.randint(40, (x1 - x0) // 3), rng.randint(40, (y1 - y0) // 2)
        x, y = rng.randint(x0, x1 - w), rng.randint(y0, y1 - h)
        colour = rng.choice(colours)
        shape = rng.randrange(3)
        if shape == 0:
            draw.ellipse((x, y, x + w, y + w), fill=colour)
        elif shape == 1:
            draw.rounded_rectangle((x, y, x + w, y + h), radius=min(w, h) // 4, fill=colour)
        else:
            draw.polygon([(x, y + h), (x + w // 2, y), (x + w, y + h)], fill=colour)


def cover(seed: str) -> bytes:
    """A wide banner as PNG bytes."""
    return _png(cover_image(seed))


def cover_image(seed: str) -> Image.Image:
    """A wide banner of bands and shapes."""
    ink, accent, paper, second = palette(seed)
    rng = random.Random(seed + ":cover")
    image = Image.new("RGB", (1800, 600), ink)
    draw = ImageDraw.Draw(image)
    for i in range(6):
        x = i * 300 + rng.randint(-40, 40)
        draw.polygon([(x, 600), (x + 300, 0), (x + 420, 0), (x + 120, 600)], fill=second if i % 2
                     else "#2a3442")  # fmt: skip
    _shapes(draw, rng, (900, 80, 1760, 560), [accent, paper, second], 7)
    draw.text((40, 560), "Demo picture - fictional", fill=paper, font=_font(28), anchor="ls")
    return image


def work(seed: str, label: str, motif: str | None = None) -> bytes:
    """A project picture as PNG bytes."""
    return _png(work_image(seed, label, motif))


def work_image(seed: str, label: str, motif: str | None = None) -> Image.Image:
    """A project picture (4:3): the motif (demo_motifs) if given, else a 'product study' (a
    rounded body with controls, on a plain ground)."""
    ink, accent, paper, second = palette(seed)
    rng = random.Random(seed)
    image = Image.new("RGB", (1200, 900), paper)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 640, 1200, 900), fill="#e7e4dd")
    if motif is not None:
        demo_motifs.draw_motif(draw, motif, rng, (ink, accent, paper, second))
        draw.text((40, 860), f"{label} · 虚构演示 fictional demo", fill=ink, font=_font(30),
                  anchor="ls")  # fmt: skip
        return image
    body = (rng.randint(220, 320), rng.randint(180, 260), rng.randint(860, 980), 640)
    draw.rounded_rectangle(body, radius=rng.randint(30, 140), fill=rng.choice([ink, second]))
    _shapes(draw, rng, (body[0] + 40, body[1] + 40, body[2] - 40, body[3] - 40),
            [accent, paper, "#9aa5b1"], rng.randint(3, 6))  # fmt: skip
    draw.ellipse((body[0] + 30, 600, body[0] + 110, 680), fill="#333")
    draw.ellipse((body[2] - 110, 600, body[2] - 30, 680), fill="#333")
    draw.text((40, 860), f"{label} · 虚构演示 fictional demo", fill=ink, font=_font(30),
              anchor="ls")  # fmt: skip
    return image
