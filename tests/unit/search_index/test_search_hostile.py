"""Hostile and odd input: answered with a sensible result, never an exception."""

from __future__ import annotations

import random

import pytest

from search_index import MAX_QUERY_CHARS, MAX_QUERY_WORDS, SearchIndex, SearchQuery, clean_query

HOSTILE = [
    "",
    "   ",
    "(",
    ")",
    "((((battery",
    "battery))))",
    '"',
    '"battery enclosure',
    "AND",
    "OR OR OR",
    "battery AND",
    "NOT",
    "AND NOT OR ANDNOT ANDMAYBE",
    "*",
    "*:*",
    "?",
    "b*",
    "*ttery",
    "bat?ery",
    "title:clay",
    "kind:studio",
    "secret_field:x",
    "[a TO z]",
    "{a TO z}",
    "clay^1000",
    "'clay",
    "clay~2",
    "\\",
    "\x00\x01\x02clay\x7f",
    "clay\u200b\u202emodel",
    "\ud800",
    "ＣＬＡＹ（模型）",
    '电池包"（',
    "<script>alert(1)</script>",
    "%00%27--",
    "a" * 2000,
    "clay " * 400,
    "电" * 2000,
    "the of and",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_queries_never_raise(index: SearchIndex, text: str) -> None:
    results = index.search(SearchQuery(text=text))
    assert results.total >= 0
    assert len(results.query) <= MAX_QUERY_CHARS + 2
    for hit in results.hits:
        assert "<script>" not in hit.snippet
    assert index.suggest(text) is None or isinstance(index.suggest(text), str)


def test_random_garbage_never_raises(index: SearchIndex) -> None:
    pieces = [
        *"()\"*?:^~[]{}'+-!\\/ \t\n\x00",
        *["AND", "OR", "NOT", "ANDNOT", "TO", "clay", "电池", "the", "（", "）", "*:*"],
    ]
    rng = random.Random(20240601)
    for _ in range(400):
        text = "".join(
            rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(0, 30))
        )
        page = rng.randint(-3, 5)
        index.search(SearchQuery(text=text, page=page, per_page=rng.randint(-1, 500)))


def test_long_query_is_truncated_with_a_notice(index: SearchIndex) -> None:
    results = index.search("clay " + "x" * 1995)
    assert results.truncated and results.notices
    assert [h.key for h in results.hits] == ["studio:1"]  # "clay", then nothing findable


def test_control_characters_are_removed(index: SearchIndex) -> None:
    results = index.search("\x00clay\x07 \x1bmodels\u200b")
    assert [h.key for h in results.hits] == ["studio:1"]
    assert results.cleaned


def test_field_syntax_cannot_reach_other_fields(index: SearchIndex) -> None:
    # With field syntax on, "content_hash:..." or "key:studio:1" could probe internals.
    assert index.search("key:studio").total == index.search("key studio").total


def test_empty_query_browses_and_garbage_query_finds_nothing(index: SearchIndex) -> None:
    assert index.search("").total == 6
    garbage = index.search("((( ??? )))")
    assert garbage.total == 0 and garbage.notices


def test_only_stop_words(index: SearchIndex) -> None:
    results = index.search("the of and")
    assert results.total == 0 and results.notices


def test_page_and_per_page_are_clamped(index: SearchIndex) -> None:
    results = index.search(SearchQuery(text="", page=-5, per_page=0))
    assert (results.page, results.per_page, len(results.hits)) == (1, 1, 1)
    results = index.search(SearchQuery(text="", page="x", per_page=10**9))  # type: ignore[arg-type]
    assert results.page == 1 and results.per_page == 100


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("clay models", "clay models"),
        ("  clay\t\nmodels  ", "clay models"),
        ("((clay", "clay"),
        ("clay))", "clay"),
        ("(clay OR model", "clay OR model"),
        ("( clay OR model )", "( clay OR model )"),
        ("()", ""),
        ('"clay model', '"clay model"'),
        ('""', ""),
        ("clay AND", "clay"),
        ("AND clay", "clay"),
        ("clay AND OR model", "clay OR model"),
        ("NOT", ""),
        ("clay NOT", "clay"),
        ("NOT clay", "NOT clay"),
        ("and or not", "and or not"),  # lower case: plain words
        ("prot*", "prot*"),
        ("pr*", "pr"),
        ("*otype", "otype"),
        ("p?ot", "p ot"),
        ("title:clay", "title clay"),
        ("ＣＬＡＹ", "CLAY"),
        ("\x00\x1f", ""),
    ],
)
def test_clean_query(raw: str, cleaned: str) -> None:
    assert clean_query(raw).text == cleaned


def test_clean_query_limits() -> None:
    long = clean_query("word " * 1000)
    assert long.truncated and len(long.text.split()) <= MAX_QUERY_WORDS
    assert len(clean_query("x" * 5000).text) == MAX_QUERY_CHARS
    assert clean_query(None).text == ""  # type: ignore[arg-type]
    assert not clean_query("clay").changed and clean_query("clay?").changed
