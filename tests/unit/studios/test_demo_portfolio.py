"""Demo portfolios fit the studio's work, and Chinese initials are drawn, not empty boxes."""

from __future__ import annotations

import random

from marketplace.services.studios import demo_pictures, studio_demo
from matching.reasons import is_filler


def _item(industry: str, disciplines: tuple[str, ...]) -> dict:
    statement = "We help drone and eVTOL developers to test aerodynamics before building aircraft."
    facts = studio_demo._Facts(1, "S074", "Airflow Scale Models", industry, disciplines, statement)
    fields, _stored = studio_demo._item(facts, 0, 0, random.Random(3))
    return fields


def test_a_drone_aerodynamics_firm_shows_drone_simulation_work() -> None:
    fields = _item("FUTURE", ("SIM",))
    assert "无人机" in fields["title"] or "eVTOL" in fields["title"]  # what its text names
    assert "服务机器人" not in fields["title"]  # the industry's other products are not its work
    assert "仿真分析" in fields["title"]
    assert "Handheld unit" not in fields["title"]
    assert "虚构演示项目" in fields["description"]  # written in Chinese, and says it is fictional
    assert is_filler(fields["description"])  # so a match reason never quotes it


def test_a_studio_whose_text_names_no_listed_product_gets_a_plain_client_project() -> None:
    facts = studio_demo._Facts(
        2, "S016", "Leaf & Fold", "FOOD", ("BRAND",), "We design tea packaging."
    )
    title = studio_demo._item(facts, 0, 0, random.Random(1))[0]["title"]
    assert "火锅" not in title and "品牌与包装" in title  # no hotpot work for a tea studio


def _glyph(font, text: str) -> bytes:
    mask = font.getmask(text)
    return bytes(mask)


def test_a_chinese_initial_is_drawn_as_a_character() -> None:
    font = demo_pictures._font(200)
    # The font has real glyphs: 山 and 城 differ from each other and from a missing glyph's box.
    shan, cheng, missing = _glyph(font, "山"), _glyph(font, "城"), _glyph(font, "\U0010fffd")
    assert shan and shan != cheng and shan != missing
    assert demo_pictures.logo("S003", "山城造型")[:8] == b"\x89PNG\r\n\x1a\n"
