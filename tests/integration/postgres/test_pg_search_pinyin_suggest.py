"""PostgreSQL search behaves like the Whoosh index for pinyin names and "did you mean": the same
small corpus in both, the same queries, the same answers; hostile text never raises."""

from __future__ import annotations

from dataclasses import replace

import pytest
from flask_migrate import upgrade
from sqlalchemy import text

from marketplace.extensions import db
from marketplace.services.search import pg_search_suggest
from marketplace.services.search.pg_fulltext_backend import PostgresSearchIndex
from search_index import SearchIndex, SearchQuery
from tests.conftest import PASSWORD, make_app
from tests.unit.search_index.conftest import make_corpus

PINYIN = ["shancheng", "shan cheng", "ShanCheng", "yubei", "yubeiqu", "ybq", "shapingba",
          "sheji", "gongzuoshi", "nianfu", "zhineng zuocang", "qiche", "jiangbei gongcheng",
          "shancheng battery", "xinnengyuan qiche", "xnyqcdcbwksj", "changjiang"]  # fmt: skip
MISSPELT = ["prototypng", "clya models", "clay", "qqqqqqqq", "batery enclosure", "cokpit",
            "Mountian City", "smrat speakre", "prototypng cockpit", "yangzte", "AND prototypng",
            "ab prototypng", "simulaton 设计", "enginering", "Prototypng",
            "thermall runaway"]  # fmt: skip
HOSTILE = ["x" * 1000, "电" * 1000, "qiche " * 200, "!!! ??? ... ;;; ---", "（）【】。，",
           "🚗🔋🎨", "chongqing🚗设计", "Дизайн batery сервис", "قيادة", "\x00\x01\u200b",
           "'; DROP TABLE search_terms; --", "prototypng'", "\\", "%_%", "a", "  "]  # fmt: skip


@pytest.fixture
def both(tmp_path, postgres_url):
    """The library tests' corpus in a Whoosh index and in the PostgreSQL tables."""
    app = make_app(tmp_path, tmp_path / "unused.db", SQLALCHEMY_DATABASE_URI=postgres_url,
                   SEARCH_BACKEND="postgres")  # fmt: skip
    whoosh = SearchIndex(tmp_path / "whoosh", writer_timeout=5.0).open_or_create()
    whoosh.upsert(make_corpus())
    with app.app_context():
        upgrade()
        postgres = PostgresSearchIndex(lambda: db.engine).open_or_create()
        postgres.rebuild(make_corpus())
        yield whoosh, postgres
        db.session.remove()
        db.engine.dispose()
    whoosh.close()


def _keys(index, query: str) -> list[str]:
    return sorted(h.key for h in index.search(SearchQuery(text=query, per_page=50)).hits)


def test_pinyin_finds_chinese_names_as_in_whoosh(both):
    whoosh, postgres = both
    assert _keys(postgres, "shancheng") == ["studio:2"]  # 山城设计实验室
    assert "studio:1" in _keys(postgres, "yubei")  # district 渝北区
    assert _keys(postgres, "ybq") == ["studio:1"]  # initials of 渝北区
    assert _keys(postgres, "xinnengyuan qiche") == ["scenario:NEV-01"]  # 新能源汽车…
    for query in PINYIN:
        assert _keys(postgres, query) == _keys(whoosh, query), query


def test_a_chinese_name_outranks_a_body_mention_for_its_pinyin(both):
    _, postgres = both
    yangtze = make_corpus()[5]
    postgres.upsert([replace(yangtze, body=yangtze.body + " Founded in Shancheng.")])
    found = postgres.search("shancheng")
    assert [h.key for h in found.hits] == ["studio:2", "studio:3"]


def test_did_you_mean_as_in_whoosh(both):
    whoosh, postgres = both
    results = postgres.search("prototypng")
    assert results.total == 0 and results.suggestion == "prototyping"
    assert postgres.suggest("clya models") == "clay models"  # a transposition
    assert postgres.suggest("clay") is None  # every word is known
    assert postgres.suggest("qqqqqqqq") is None  # nothing close
    for query in MISSPELT:
        assert postgres.suggest(query) == whoosh.suggest(query), query
        assert postgres.search(query).suggestion == whoosh.search(query).suggestion, query


def test_a_suggestion_is_only_offered_when_it_finds_something(both):
    _, postgres = both
    # "cokpit" alone respells to "cockpit"; next to a word no document has, nothing is found
    assert postgres.suggest("cokpit") == "cockpit"
    assert postgres.suggest("cokpit motorcycle zebra") is None


def test_the_vocabulary_follows_writes_and_deletes(both):
    _, postgres = both
    assert postgres.suggest("motorcyle") == "motorcycle"  # only studio:1 has it
    postgres.delete(["studio:1"])
    assert postgres.suggest("motorcyle") is None
    with postgres._engine().connect() as conn:
        keys = conn.execute(text("SELECT DISTINCT key FROM search_terms")).scalars().all()
    assert "studio:1" not in keys and "studio:2" in keys
    postgres.rebuild(make_corpus()[:1])
    assert postgres.suggest("motorcyle") is None and postgres.suggest("batery") == "battery"


def test_bad_input_never_raises(both):
    whoosh, postgres = both
    for query in HOSTILE:  # an exception fails the test
        results = postgres.search(SearchQuery(text=query))
        assert results.suggestion == whoosh.search(SearchQuery(text=query)).suggestion, query
    assert postgres.search("x" * 1000).truncated
    assert postgres.search("🚗🔋🎨").total == 0
    assert _keys(postgres, "shancheng🚗") == ["studio:2"]  # the emoji does not hide the name
    assert postgres.search("Дизайн batery").suggestion is None  # respelled, still nothing


def test_edit_distance_counts_a_transposition_once():
    distance = pg_search_suggest.edit_distance
    assert distance("clya", "clay") == 1
    assert distance("prototypng", "prototyping") == 1
    assert distance("abc", "xyz") == 3  # capped at the limit + 1
    assert distance("cokpit", "cockpit") == 1 and distance("a", "a") == 0


def test_the_search_page_offers_the_suggestion_and_pinyin_finds_a_studio(tmp_path, postgres_url):
    app = make_app(tmp_path, tmp_path / "unused.db", SQLALCHEMY_DATABASE_URI=postgres_url,
                   SEARCH_BACKEND="postgres")  # fmt: skip
    assert app.test_cli_runner().invoke(args=["init"]).exit_code == 0
    client = app.test_client()
    assert client.post("/register", data={
        "role": "studio", "organisation_name": "重庆汽车设计工作室",
        "email": "cq@example.com", "password": PASSWORD, "confirm": PASSWORD,
    }).status_code == 302  # fmt: skip
    assert client.post("/studio/profile", data={
        "name": "重庆汽车设计工作室", "district": "yubei", "capability_statement":
        "We design car interiors and cockpit screens. 我们设计汽车内饰和座舱屏幕。",
        "industry_codes": ["NEV"], "discipline_codes": ["UX"], "accreditation": "none",
    }).status_code == 302  # fmt: skip
    visitor = app.test_client()
    for query in ("chongqing", "qiche sheji", "Chongqing Qiche", "cqqcsjgzs"):
        page = visitor.get(f"/search?q={query}&kind=studio").get_data(as_text=True)
        assert "重庆汽车设计工作室" in page, query
    page = visitor.get("/search?q=prototypng").get_data(as_text=True)
    assert 'class="did-you-mean"' in page and "prototyping</a>" in page
    for query in HOSTILE[:6]:
        assert visitor.get("/search", query_string={"q": query}).status_code == 200
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_the_upgrade_marks_older_entries_stale_and_a_repair_adds_pinyin(tmp_path, postgres_url):
    app = make_app(tmp_path, tmp_path / "unused.db", SQLALCHEMY_DATABASE_URI=postgres_url,
                   SEARCH_BACKEND="postgres")  # fmt: skip
    lab = make_corpus()[4]  # 山城设计实验室, written as the earlier backend did (no pinyin)
    with app.app_context():
        upgrade(revision="c4e8a2f6d1b3")
        with db.engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO search_entries (key, kind, doc_id, title, title_zh, body, body_zh, "
                "body_words, body_zh_words, industries, disciplines, district, content_hash, "
                "lexemes, updated_at) VALUES (:key, 'studio', '2', :title, :title_zh, :body, '', "
                ":body, '', 'ELEC', 'FORM', :district, :hash, "
                "to_tsvector('english', :title || ' ' || :body), now())"
            ), {"key": lab.key, "title": lab.title, "title_zh": lab.title_zh, "body": lab.body,
                "district": lab.district, "hash": lab.content_hash()})  # fmt: skip
        upgrade()
        index = PostgresSearchIndex(lambda: db.engine).open_or_create()
        assert index.search("shancheng").total == 0
        diff = index.check({lab.key: lab.content_hash()})
        assert diff.stale == (lab.key,) and not diff.missing
        index.repair(diff, lambda keys: [lab])
        assert [h.key for h in index.search("shancheng").hits] == [lab.key]
        assert index.check({lab.key: lab.content_hash()}).is_clean
        db.session.remove()
        db.engine.dispose()
