"""The sealed holdout of the graded set is whole: plain json only, no matcher and no encoder."""

from __future__ import annotations

import json
from pathlib import Path

GRADED = Path(__file__).resolve().parents[2] / "data" / "graded"


def rows(name: str) -> list[dict]:
    with (GRADED / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def test_every_holdout_need_is_written_in_both_languages() -> None:
    needs = rows("holdout_needs.jsonl")
    assert needs
    for need in needs:
        for field in ("title", "title_zh", "text", "text_zh"):
            assert isinstance(need.get(field), str) and need[field].strip(), (need["id"], field)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in need["text_zh"]), need["id"]
        assert need["split"] == "holdout", need["id"]


def test_holdout_ids_are_unique_and_new() -> None:
    ids = [need["id"] for need in rows("holdout_needs.jsonl")]
    tuned = {need["id"] for need in rows("needs.jsonl")}
    assert len(ids) == len(set(ids))
    assert not set(ids) & tuned


def test_judgments_grade_every_holdout_need_against_every_studio_once() -> None:
    needs = [need["id"] for need in rows("holdout_needs.jsonl")]
    studios = {studio["id"] for studio in rows("studios.jsonl")}
    judged = [row["need"] for row in rows("holdout_judgments.jsonl")]
    assert sorted(judged) == sorted(needs)  # one row per need, no need missing or repeated
    for row in rows("holdout_judgments.jsonl"):
        assert set(row["grades"]) == studios, row["need"]
        assert all(grade in (0, 1, 2, 3) for grade in row["grades"].values()), row["need"]


def test_every_holdout_need_has_a_studio_worth_shortlisting() -> None:
    for row in rows("holdout_judgments.jsonl"):
        assert max(row["grades"].values()) >= 2, row["need"]
