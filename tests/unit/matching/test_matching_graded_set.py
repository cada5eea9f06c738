"""The graded set: both languages, every pair graded, a split stored once in the data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from matching.glossary import has_chinese
from matching.graded_set import PAIRS, evaluate_set, format_result, read_graded_set
from matching.testing import HashingEncoder

GRADED = Path(__file__).resolve().parents[2] / "data" / "graded"


def test_thirty_needs_and_studios_in_both_languages_all_pairs_graded() -> None:
    data = read_graded_set(GRADED)
    assert len(data.needs) >= 30 and len(data.studios) >= 30
    for n in data.needs:
        assert (
            has_chinese(n["text_zh"]) and has_chinese(n["title_zh"]) and not has_chinese(n["text"])
        )
    for s in data.studios:
        assert has_chinese(s["text_zh"]) and not has_chinese(s["text"])
    for grades in data.grades.values():
        assert set(grades.values()) <= {0, 1, 2, 3} and len(grades) == len(data.studios)
    # Every need has a studio a manufacturer would shortlist, and hard negatives exist.
    assert all(max(g.values()) >= 2 for g in data.grades.values())
    assert data.grades["GN14"]["GS30"] == 0  # "we do not do consumer packaging"
    assert data.grades["GN04"]["GS05"] == 0  # two-wheeler stylist that takes no car projects


def test_the_split_is_stored_in_the_data_and_halves_the_needs() -> None:
    data = read_graded_set(GRADED)
    tune, test = data.ids("tune"), data.ids("test")
    assert len(tune) == len(test) == 40 and not set(tune) & set(test)
    lines = (GRADED / "needs.jsonl").read_text(encoding="utf-8").splitlines()
    stored = {json.loads(line)["id"]: json.loads(line)["split"] for line in lines}
    assert stored["GN01"] == "tune" and stored["GN04"] == "test"  # frozen: never redrawn
    assert stored["GN39"] == "tune" and stored["GN31"] == "test"  # v2 needs: their own draw
    assert stored["GN51"] == "tune" and stored["GN57"] == "test"  # v3 needs: their own draw


def test_a_malformed_graded_folder_is_named(tmp_path: Path) -> None:
    for name in ("needs.jsonl", "studios.jsonl", "judgments.jsonl"):
        (tmp_path / name).write_text((GRADED / name).read_text(encoding="utf-8"), encoding="utf-8")
    lines = (tmp_path / "needs.jsonl").read_text(encoding="utf-8").splitlines()
    row = json.loads(lines[0])
    row["split"] = "both"
    (tmp_path / "needs.jsonl").write_text(
        "\n".join([json.dumps(row), *lines[1:]]), encoding="utf-8"
    )
    with pytest.raises(ValueError, match="GN01: split"):
        read_graded_set(tmp_path)


def test_the_report_leads_with_the_test_half_for_every_language_pair() -> None:
    data = read_graded_set(GRADED)
    result = evaluate_set(
        data,
        HashingEncoder(dim=64),
        weights={"affirm": 1.0, "maxsim": 0.5, "needmax": 0.0, "negation": 0.0},
    )
    text = format_result(result)
    assert text.index("\ntest half") < text.index("\ntune half")
    for pair in PAIRS:
        nd, rc = result.figures[("test", pair, "cosine")]
        assert 0.0 <= nd <= 1.0 and 0.0 <= rc <= 1.0


def test_a_sealed_holdout_stays_unread_when_asked():
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "data" / "graded"
    sealed = read_graded_set(folder, holdout=False)
    opened = read_graded_set(folder)

    assert not any(str(n["split"]).startswith("holdout") for n in sealed.needs)
    assert any(str(n["split"]).startswith("holdout") for n in opened.needs)
