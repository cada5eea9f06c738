"""The vector cache: a new process reads the vectors an earlier one encoded, and a broken cache
file never stops encoding."""

from __future__ import annotations

import logging
import multiprocessing

import numpy as np

from matching.testing import HashingEncoder
from matching.vector_cache import CachedEncoder, VectorCache

TEXTS = ["hotpot base packaging", "火锅底料包装", "cockpit HMI for an SUV"]


def encoded_texts(encoder: HashingEncoder) -> int:
    return sum(encoder.calls)


def test_a_second_process_reads_the_vectors_instead_of_encoding_them(tmp_path):
    path = tmp_path / "vectors.sqlite"
    first = CachedEncoder(HashingEncoder(dim=32), VectorCache(path))
    expected = first.encode(TEXTS)

    model = HashingEncoder(dim=32)  # a new process: empty memory, same file
    again = CachedEncoder(model, VectorCache(path)).encode(TEXTS)

    np.testing.assert_array_equal(again, expected)
    assert encoded_texts(model) == 0


def test_only_unknown_texts_reach_the_model_and_rows_keep_the_callers_order(tmp_path):
    model = HashingEncoder(dim=32)
    encoder = CachedEncoder(model, VectorCache(tmp_path / "vectors.sqlite"))
    encoder.encode(TEXTS[:2])

    vectors = encoder.encode([TEXTS[2], TEXTS[0], TEXTS[2], "新的文本"])

    assert model.calls == [2, 2]  # the first call, then the two texts it had not seen
    np.testing.assert_array_equal(vectors, HashingEncoder(dim=32).encode(
        [TEXTS[2], TEXTS[0], TEXTS[2], "新的文本"]))  # fmt: skip
    assert encoder.encoded == 4


def test_another_model_does_not_read_the_first_models_vectors(tmp_path):
    path = tmp_path / "vectors.sqlite"
    CachedEncoder(HashingEncoder(dim=32, name="model-a"), VectorCache(path)).encode(TEXTS)
    other = HashingEncoder(dim=32, name="model-b")

    CachedEncoder(other, VectorCache(path)).encode(TEXTS)

    assert encoded_texts(other) == len(TEXTS)


def test_past_its_size_the_cache_drops_its_oldest_vectors(tmp_path):
    cache = VectorCache(tmp_path / "vectors.sqlite", max_rows=40)
    encoder = CachedEncoder(HashingEncoder(dim=16), cache, memory_rows=0)
    for i in range(100):
        encoder.encode([f"text number {i}"])

    assert len(cache) <= 40 + 2  # pruned every max_rows // 20 writes
    model = HashingEncoder(dim=16)
    reread = CachedEncoder(model, cache, memory_rows=0)
    reread.encode(["text number 99"])
    reread.encode(["text number 0"])
    assert model.calls == [1]  # the newest was kept, the oldest was dropped


def test_a_corrupt_cache_file_is_set_aside_and_encoding_goes_on(tmp_path, caplog):
    path = tmp_path / "vectors.sqlite"
    cache = VectorCache(path)
    encoder = CachedEncoder(HashingEncoder(dim=32), cache)
    path.write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"vectors.sqlite{suffix}").unlink(missing_ok=True)

    with caplog.at_level(logging.WARNING, logger="matching.vector_cache"):
        vectors = encoder.encode(TEXTS)

    assert vectors.shape == (3, 32)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
    assert "unusable" in caplog.text and encoder.cache is None


def _open_and_encode(path: str, n: int) -> int:
    encoder = CachedEncoder(HashingEncoder(dim=16), VectorCache(path))
    return len(encoder.encode([f"process {n} text {i}" for i in range(20)] + TEXTS))


def test_processes_opening_a_new_cache_file_at_once_all_get_their_vectors(tmp_path):
    path = str(tmp_path / "fresh.sqlite")
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        sizes = pool.starmap(_open_and_encode, [(path, n) for n in range(8)])

    assert sizes == [23] * 8
    assert len(VectorCache(path)) == 8 * 20 + len(TEXTS)
