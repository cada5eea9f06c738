"""The gloss offset: Chinese rows shifted and renormalised; English rows, other models not."""

from __future__ import annotations

import json

import numpy as np
import pytest

from matching import crosslingual


@pytest.fixture
def offset_file(tmp_path, monkeypatch):
    path = tmp_path / "offset.json"
    offset = [0.5, 0.0, 0.0, 0.0]
    path.write_text(json.dumps({"model": "m", "offset": offset, "english_mean": [0.0] * 4}))
    monkeypatch.setattr(crosslingual, "OFFSET_PATH", path)
    monkeypatch.setattr(crosslingual, "ALPHA", 1.0)
    crosslingual._load.cache_clear()
    yield path
    crosslingual._load.cache_clear()


def test_chinese_share():
    assert crosslingual.chinese_share("Interaction design for cars") == 0.0
    assert crosslingual.chinese_share("我们做智能座舱的交互") == 1.0
    assert 0.5 < crosslingual.chinese_share("交付Figma稿和Kanzi工程，团队十来个人") < 1.0


def test_shift_moves_only_chinese_rows(offset_file):
    rows = np.array([[1, 0, 0, 0], [0.6, 0.8, 0, 0]], dtype=np.float32)
    out = crosslingual.shift(rows, [0.0, 1.0], "m")
    assert np.allclose(out[0], rows[0])
    expected = np.array([0.1, 0.8, 0, 0]) / np.linalg.norm([0.1, 0.8])
    assert np.allclose(out[1], expected, atol=1e-6)
    assert crosslingual.tag("m").startswith("gloss-offset:1:")


def test_other_model_is_not_shifted(offset_file):
    rows = np.array([[0.6, 0.8, 0, 0]], dtype=np.float32)
    assert np.allclose(crosslingual.shift(rows, [1.0], "other"), rows)
    assert crosslingual.tag("other") == ""
