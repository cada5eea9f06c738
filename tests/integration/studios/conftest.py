"""Fixtures for the studio import/export command: files to import and the rows they left."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

# A copy of ../shared/eval-sample/studios.jsonl, so the suite runs from a fresh clone.
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "eval-sample" / "studios.jsonl"
TEXT = (
    "We design battery enclosures, charging posts and electric two-wheelers for Chongqing "
    "suppliers, from styling and CMF to DFM engineering and prototypes."
)


def studio_line(**fields) -> dict:
    """A valid import line, with some fields changed (None removes one)."""
    row = {
        "ref": "CQ-IDC-001",
        "name": "Liangjiang Industrial Design Centre",
        "name_zh": "两江工业设计中心",
        "district": "yubei",
        "founded": 2012,
        "team_size": 85,
        "website": "https://ljidc.example.cn",
        "accreditation": "municipal",
        "industries": ["NEV", "EQUIP"],
        "disciplines": ["FORM", "ENG", "PROTO"],
        "text": TEXT,
    }
    row.update(fields)
    return {k: v for k, v in row.items() if v is not None}


@pytest.fixture
def write_jsonl(tmp_path):
    """Write rows (dicts or raw strings) as a JSON Lines file and return its path."""

    def _write(rows, name: str = "studios.jsonl") -> Path:
        path = tmp_path / name
        lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    return _write


@pytest.fixture
def sample_file() -> Path:
    """The matching evaluation's studio sample (it names the reference `id`)."""
    return SAMPLE
