"""Staying in step with the database: content hashes, diffs, check, repair and rebuild."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import jieba
import pytest
from whoosh import index as whoosh_index
from whoosh.fields import ID, TEXT, Schema

from search_index import (
    IndexDiff,
    SearchDocument,
    SearchIndex,
    SearchIndexError,
    diff_index,
    make_key,
    split_key,
    warm_up,
)


def expected_of(docs: list[SearchDocument]) -> dict[str, str]:
    return {doc.key: doc.content_hash() for doc in docs}


def test_diff_reports_missing_stale_and_extra() -> None:
    expected = {"studio:1": "h1", "studio:2": "h2", "scenario:A": "ha"}
    actual = {"studio:1": "h1", "studio:2": "old", "studio:9": "h9"}
    diff = diff_index(expected, actual)
    assert diff == IndexDiff(missing=("scenario:A",), stale=("studio:2",), extra=("studio:9",))
    assert diff.keys == ("scenario:A", "studio:2", "studio:9")
    assert not diff.is_clean and diff.summary() == "1 missing, 1 stale, 1 extra"
    assert diff_index(expected, dict(expected)).is_clean


def test_content_hash_covers_every_field_and_ignores_code_order(corpus) -> None:
    doc = corpus[0]
    assert doc.content_hash() == dataclasses.replace(doc).content_hash()
    for name, value in [
        ("title", "x"),
        ("title_zh", "x"),
        ("body", "x"),
        ("body_zh", "x"),
        ("district", "x"),
        ("industries", ["ELEC"]),
        ("disciplines", ["UX"]),
    ]:
        assert dataclasses.replace(doc, **{name: value}).content_hash() != doc.content_hash()
    reordered = dataclasses.replace(doc, disciplines=list(reversed(doc.disciplines)))
    assert reordered.content_hash() == doc.content_hash()


def test_documents_validate_and_keys_round_trip() -> None:
    doc = SearchDocument("studio", 42, "Name", industries=["nev", " ELEC "])  # type: ignore[arg-type]
    assert doc.key == make_key("studio", 42) == "studio:42"
    assert split_key(doc.key) == ("studio", "42")
    assert doc.industries == ("ELEC", "NEV")
    with pytest.raises(ValueError):
        SearchDocument("user", "1", "x")
    with pytest.raises(ValueError):
        SearchDocument("studio", "a:b", "x")
    with pytest.raises(ValueError):
        SearchDocument("studio", "1", "x", disciplines=["no spaces"])
    with pytest.raises(ValueError):
        split_key("nonsense")


def test_check_against_the_index(index: SearchIndex, corpus) -> None:
    assert index.check(expected_of(corpus)).is_clean
    changed = dataclasses.replace(corpus[0], title="Battery housing")
    new = SearchDocument("studio", "99", "New studio")
    database = [changed, *corpus[1:4], new]  # studio 2 and 3 were deleted in the database
    diff = index.check(expected_of(database))
    assert diff.missing == ("studio:99",)
    assert diff.stale == ("scenario:NEV-01",)
    assert diff.extra == ("studio:2", "studio:3")


def test_repair_refreshes_exactly_what_the_diff_names(index: SearchIndex, corpus) -> None:
    changed = dataclasses.replace(corpus[0], title="Battery housing")
    database = {doc.key: doc for doc in [changed, *corpus[1:4]]}
    diff = index.check({k: d.content_hash() for k, d in database.items()})
    loaded: list[list[str]] = []

    def load(keys: list[str]) -> list[SearchDocument]:
        loaded.append(keys)
        return [database[k] for k in keys if k in database]

    assert index.repair(diff, load) == (1, 2)
    assert loaded == [["scenario:NEV-01", "studio:2", "studio:3"]]
    assert index.check({k: d.content_hash() for k, d in database.items()}).is_clean
    assert [h.key for h in index.search("housing").hits] == ["scenario:NEV-01"]


def test_refresh_writes_what_the_loader_returns_and_deletes_the_rest(index: SearchIndex) -> None:
    upserted, deleted = index.refresh(
        ["studio:1", "studio:2"], lambda keys: [SearchDocument("studio", "1", "Renamed")]
    )
    assert (upserted, deleted) == (1, 1)
    assert index.search("renamed").total == 1 and "studio:2" not in index.stored_hashes()
    with pytest.raises(ValueError):
        index.refresh(["bad-key"], lambda keys: [])


def test_rebuild_replaces_everything_and_reports_progress(index: SearchIndex, corpus) -> None:
    docs = [SearchDocument("studio", str(i), f"Studio {i}", body="clay") for i in range(250)]
    steps: list[int] = []
    assert index.rebuild(iter(docs), progress=steps.append) == 250
    assert sum(steps) == 250 and len(steps) >= 3
    assert index.doc_count() == 250 and index.search("battery").total == 0
    assert index.check(expected_of(docs)).is_clean


def test_failed_rebuild_keeps_the_old_index(index: SearchIndex, corpus) -> None:
    def broken():
        yield SearchDocument("studio", "x", "X")
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        index.rebuild(broken())
    with pytest.raises(SearchIndexError):
        index.rebuild([corpus[0], corpus[0]])
    assert index.check(expected_of(corpus)).is_clean


def test_readers_keep_the_old_index_during_a_rebuild(index: SearchIndex, corpus) -> None:
    reader = SearchIndex(index.path)

    def docs():
        # Mid-rebuild (write lock held, nothing committed): another process still sees it all.
        assert reader.search("battery").total == 2
        assert reader.doc_count() == len(corpus)
        yield SearchDocument("studio", "only", "Only one")

    index.rebuild(docs())
    assert reader.doc_count() == 1 and reader.search("battery").total == 0


def test_open_or_create_creates_once_and_reopens(index_dir: Path, corpus) -> None:
    first = SearchIndex(index_dir).open_or_create()
    first.upsert(corpus)
    second = SearchIndex(index_dir).open_or_create()  # must not wipe the existing index
    assert second.doc_count() == len(corpus) and second.schema_is_current()


def test_rebuild_migrates_an_index_with_an_old_schema(index_dir: Path, corpus) -> None:
    index_dir.mkdir()
    old = whoosh_index.create_in(str(index_dir), Schema(key=ID(stored=True), title=TEXT()))
    writer = old.writer()
    writer.add_document(key="studio:old", title="old")
    writer.commit()
    index = SearchIndex(index_dir).open_or_create()
    assert not index.schema_is_current()
    index.rebuild(corpus)
    assert index.schema_is_current()
    assert index.check(expected_of(corpus)).is_clean


def test_jieba_dictionary_loads_once_per_process(index: SearchIndex, monkeypatch) -> None:
    warm_up()
    assert jieba.dt.initialized
    calls: list[int] = []
    monkeypatch.setattr(jieba.dt, "initialize", lambda *a, **k: calls.append(1))
    for text in ("电池包", "黏土模型", "渝北"):
        assert index.search(text).total >= 1
    index.upsert([SearchDocument("studio", "zh", "Z", title_zh="重庆设计")])
    assert calls == [] and warm_up() == 0.0


def test_a_failing_loader_cancels_the_write_and_releases_the_lock(index: SearchIndex) -> None:
    def load(keys: list[str]) -> list[SearchDocument]:
        raise ConnectionError("database down")

    with pytest.raises(ConnectionError):
        index.refresh(["studio:1"], load)
    assert index.try_refresh(["studio:1"], load) is False
    no_wait = SearchIndex(index.path, writer_timeout=0.0)
    assert no_wait.upsert([SearchDocument("studio", "1", "Still writable")]) == 1
