"""The demo looks like Chongqing: its studios and needs are mostly Chinese, every studio shows its
own projects with pictures that fit them and a logo, and every later demo step finds its studio."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sqlalchemy import select

from marketplace.extensions import db
from marketplace.models import Studio
from marketplace.services.studios import demo_motifs

DATA = Path(__file__).resolve().parents[1] / "data"
HAN = re.compile(r"[\u4e00-\u9fff]")


def _lines(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines()]


def _chinese(text: str) -> bool:
    return len(HAN.findall(text)) > len(text) / 3


def test_demo_studios_are_mostly_chinese_and_keep_the_dev_refs_and_labels() -> None:
    demo, dev = _lines("demo_studios.jsonl"), {r["id"]: r for r in _lines("dev_studios.jsonl")}
    assert [r["ref"] for r in demo] == sorted(dev)
    for row in demo:  # the same industries and disciplines as the studio it stands for
        assert row["industries"] == dev[row["ref"]]["industries"]
        assert row["disciplines"] == dev[row["ref"]]["disciplines"]
        assert 2 <= len(row["portfolio"]) <= 4
    chinese = [r for r in demo if _chinese(r["text"])]
    assert 70 <= len(chinese) <= 80  # about 15 of 90 write English (foreign-run or exporting)
    english = [r for r in demo if not _chinese(r["text"])]
    assert all(not _chinese(item["title"]) for r in english for item in r["portfolio"])
    assert sum(1 for r in demo if r.get("name_zh")) >= 40  # bilingual names where a studio has one


def test_every_studio_the_other_demo_files_name_is_a_demo_studio() -> None:
    refs = {r["ref"] for r in _lines("demo_studios.jsonl")}
    named = {b["studio"] for b in _lines("demo_bids.jsonl")}
    for work in _lines("demo_engagements.jsonl"):
        named |= {b["studio"] for b in work["bids"]} | {work["winner"]}
    named |= {e["studio"] for e in _lines("demo_events.jsonl") if "studio" in e}
    assert named and named <= refs


def test_demo_needs_are_two_thirds_chinese() -> None:
    needs = _lines("demo_needs.jsonl")
    chinese = [n for n in needs if _chinese(n["title"] + n["description"])]
    assert len(chinese) / len(needs) >= 0.6 and len(chinese) < len(needs)  # English ones remain


def test_a_project_picture_shows_what_the_project_is_about() -> None:
    assert demo_motifs.motif_for("物流无人机整机设计") == "drone"
    assert demo_motifs.motif_for("牛油火锅底料礼盒") == "package"
    assert demo_motifs.motif_for("Rotor-duct CFD study") == "drone"
    assert demo_motifs.motif_for("Seasonal colour report", "", "AMAT") == "swatch"
    assert demo_motifs.motif_for("Smart reply feature for a field-service app") == "screen"
    assert demo_motifs.motif_for("可视空气炸锅") == "appliance"  # not "app" inside a word
    assert demo_motifs.motif_for("Untitled", "", "FUTURE") == "drone"  # the industry's motif


def test_the_demo_chain_imports_cleanly_with_portfolios_pictures_and_logos(app, runner, tmp_path):
    part = tmp_path / "studios.jsonl"
    lines = (DATA / "demo_studios.jsonl").read_text(encoding="utf-8").splitlines()
    part.write_text("\n".join(lines[:6]) + "\n", encoding="utf-8")  # S001-S006: all bid or meet
    for args in (["studios", "import", str(part)], ["demo", "images"],
                 ["users", "import", str(DATA / "demo_manufacturers.jsonl")],
                 ["needs", "import", str(DATA / "demo_needs.jsonl")]):  # fmt: skip
        result = runner.invoke(args=args)
        assert result.exit_code == 0, result.output
    file = {r["ref"]: r for r in map(json.loads, lines[:6])}
    with app.app_context():
        studios = db.session.scalars(select(Studio).order_by(Studio.ref)).all()
        assert len(studios) == 6
        for studio in studios:
            titles = sorted(i.title for i in studio.portfolio)
            assert titles == sorted(i["title"] for i in file[studio.ref]["portfolio"])  # no others
            assert all(item.images for item in studio.portfolio)
            assert studio.logo_key  # never an empty square on its card or page
        shancheng = next(s for s in studios if s.ref == "S003")
        assert shancheng.name_zh == "山城造型" and shancheng.district == "jiulongpo"
    again = runner.invoke(args=["studios", "import", str(part)])
    assert again.exit_code == 0, again.output
    with app.app_context():  # re-importing neither duplicates nor removes a project
        counts = [len(s.portfolio) for s in db.session.scalars(select(Studio).order_by(Studio.ref))]
        assert counts == [len(file[ref]["portfolio"]) for ref in sorted(file)]


def test_a_bad_portfolio_item_imports_nothing_and_names_line_and_field(app, runner, tmp_path):
    row = _lines("demo_studios.jsonl")[0]
    bad = dict(row, ref="X1", portfolio=[{"title": "好项目", "year": 2024, "description": "太短"}])
    worse = dict(row, ref="X2", portfolio="not a list")
    file = tmp_path / "bad.jsonl"
    file.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (row, bad, worse)) + "\n",
                    encoding="utf-8")  # fmt: skip
    result = runner.invoke(args=["studios", "import", str(file)])
    assert result.exit_code != 0
    assert "line 2: portfolio[1].description" in result.output
    assert "line 3: portfolio" in result.output
    with app.app_context():
        assert db.session.scalar(select(Studio.id)) is None
