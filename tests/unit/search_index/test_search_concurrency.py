"""Several processes writing one index directory: they queue on the lock, nothing is lost."""

from __future__ import annotations

import logging
import multiprocessing as mp
import time
from pathlib import Path

import pytest
from search_mp_workers import die_holding_lock, slow_refresh

from search_index import IndexBusyError, SearchDocument, SearchIndex

CTX = mp.get_context("spawn")  # fresh interpreters, like separate gunicorn workers


def _run_pair(path: Path, hold: float, timeouts: tuple[float, float]) -> dict[str, tuple]:
    start, out = CTX.Event(), CTX.Queue()
    procs = [
        CTX.Process(target=slow_refresh, args=(str(path), name, 5, hold, timeout, start, out))
        for name, timeout in zip(("a", "b"), timeouts, strict=True)
    ]
    for proc in procs:
        proc.start()
    time.sleep(0.5)  # let both children import and open the index
    start.set()
    reports = {}
    for _ in procs:
        report = out.get(timeout=60)
        reports[report[0]] = report
    for proc in procs:
        proc.join(30)
        assert proc.exitcode == 0
    return reports


def test_two_processes_writing_at_once_both_land(empty_index: SearchIndex) -> None:
    reports = _run_pair(empty_index.path, hold=1.0, timeouts=(30.0, 30.0))
    assert all(report[1] for report in reports.values()), reports
    # The loaders (run under the lock) did not overlap: the second waited for the first.
    first, second = sorted(reports.values(), key=lambda r: r[2])
    assert second[2] - first[2] >= 1.0 - 0.01
    stored = empty_index.stored_hashes()
    assert {f"studio:{p}-{i}" for p in "ab" for i in range(5)} <= set(stored)
    assert empty_index.search("clay").total == 10


def test_writer_timeout_makes_a_busy_index_fail_fast(empty_index: SearchIndex) -> None:
    reports = _run_pair(empty_index.path, hold=3.0, timeouts=(0.3, 0.3))
    outcomes = sorted((r[1], r[4]) for r in reports.values())
    assert outcomes == [(False, "IndexBusyError"), (True, "")]


def test_a_worker_killed_while_writing_leaves_a_usable_index(empty_index: SearchIndex) -> None:
    empty_index.upsert([SearchDocument("studio", "keep", "Keeper")])
    locked = CTX.Event()
    proc = CTX.Process(target=die_holding_lock, args=(str(empty_index.path), locked))
    proc.start()
    assert locked.wait(30)
    proc.join(30)
    assert proc.exitcode == -9
    # The kernel released the flock with the process; nothing half-written is visible.
    no_wait = SearchIndex(empty_index.path, writer_timeout=0.0).open_or_create()
    no_wait.upsert([SearchDocument("studio", "after", "After")])
    assert set(empty_index.stored_hashes()) == {"studio:keep", "studio:after"}


def test_busy_index_in_this_process_raises_and_try_refresh_logs(
    empty_index: SearchIndex, caplog: pytest.LogCaptureFixture
) -> None:
    other = SearchIndex(empty_index.path, writer_timeout=0.2).open_or_create()
    holder = empty_index.ix.writer()  # another writer holds the lock
    try:
        with pytest.raises(IndexBusyError):
            other.upsert([SearchDocument("studio", "x", "X")])
        with caplog.at_level(logging.ERROR, logger="search_index.index"):
            load = lambda keys: [SearchDocument("studio", "x", "X")]  # noqa: E731
            assert other.try_refresh(["studio:x"], load) is False
        assert "search check" in caplog.text
    finally:
        holder.cancel()
    assert other.try_refresh(["studio:x"], load) is True
    assert "studio:x" in empty_index.stored_hashes()


def test_threads_share_an_index_object_safely(index: SearchIndex) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def work(i: int) -> int:
        if i % 5 == 0:
            index.upsert([SearchDocument("studio", f"t{i}", f"Threaded clay {i}")])
        return index.search("clay").total

    with ThreadPoolExecutor(max_workers=4) as pool:
        totals = list(pool.map(work, range(40)))
    assert min(totals) >= 1
    assert index.search("clay").total == 1 + 8


def test_a_forked_child_opens_its_own_searcher(index: SearchIndex) -> None:
    assert index.search("clay").total == 1  # the parent now caches a searcher
    ctx = mp.get_context("fork")
    out = ctx.Queue()

    def child() -> None:
        index.upsert([SearchDocument("studio", "forked", "Forked clay")])
        out.put(index.search("clay").total)

    proc = ctx.Process(target=child)
    proc.start()
    assert out.get(timeout=30) == 2
    proc.join(30)
    assert proc.exitcode == 0
    assert index.search("clay").total == 2
