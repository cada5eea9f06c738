"""Turn cleaned query text into a Whoosh query over the text fields, never raising."""

from __future__ import annotations

import logging
import re

from whoosh import qparser, query
from whoosh.fields import Schema

from search_index.cleaning import CleanedQuery
from search_index.schema import FIELD_BOOSTS, TEXT_FIELDS, UNPOSITIONED_FIELDS

logger = logging.getLogger(__name__)

# Syntax the text box does not offer: field:value, [ranges], ^boosts, 'single quotes', *:*.
_DISABLED_PLUGINS = (
    qparser.FieldsPlugin,
    qparser.RangePlugin,
    qparser.BoostPlugin,
    qparser.SingleQuotePlugin,
    qparser.EveryPlugin,
)
_PLAIN_WORD = re.compile(r"\w+")


def make_parser(schema: Schema, match_all_words: bool = True) -> qparser.QueryParser:
    """Return the multi-field parser: English and Chinese fields, titles boosted."""
    group = qparser.AndGroup if match_all_words else qparser.OrGroup.factory(0.9)
    parser = qparser.MultifieldParser(
        list(TEXT_FIELDS), schema, fieldboosts=dict(FIELD_BOOSTS), group=group
    )
    for plugin in _DISABLED_PLUGINS:
        parser.remove_plugin_class(plugin)
    return parser


def make_plain_parser(schema: Schema, match_all_words: bool = True) -> qparser.QueryParser:
    """Return a parser that knows no syntax at all: every token is a word."""
    parser = make_parser(schema, match_all_words)
    for plugin in (
        qparser.WildcardPlugin,
        qparser.PhrasePlugin,
        qparser.GroupPlugin,
        qparser.OperatorsPlugin,
    ):
        parser.remove_plugin_class(plugin)
    return parser


def _unphrase_chinese(q: query.Query) -> query.Query:
    """Chinese and pinyin fields keep no positions: a phrase there becomes "all of these words"."""
    if isinstance(q, query.Phrase) and q.fieldname in UNPOSITIONED_FIELDS:
        terms = [query.Term(q.fieldname, word, boost=q.boost) for word in q.words]
        return query.And(terms) if len(terms) > 1 else (terms[0] if terms else query.NullQuery)
    return q.apply(_unphrase_chinese)


def parse_text(
    schema: Schema, cleaned: CleanedQuery, match_all_words: bool = True
) -> tuple[query.Query, bool]:
    """Parse cleaned text, falling back to plain words if the parser fails: (query, fell_back)."""
    if cleaned.is_empty:
        return query.NullQuery, False
    try:
        parsed = make_parser(schema, match_all_words).parse(cleaned.text)
        return _unphrase_chinese(parsed).normalize(), False  # NullQuery: only stop words
    except Exception:  # the parser has many odd corners; plain words are always fine
        logger.info("query syntax fell back to plain words: %r", cleaned.text, exc_info=True)
    return parse_plain(schema, cleaned, match_all_words), True


def parse_plain(schema: Schema, cleaned: CleanedQuery, match_all_words: bool = True) -> query.Query:
    """The query's words with every piece of syntax ignored (NullQuery if that fails too)."""
    plain = " ".join(_PLAIN_WORD.findall(cleaned.text))
    try:
        return make_plain_parser(schema, match_all_words).parse(plain).normalize()
    except Exception:
        logger.warning("plain query failed to parse: %r", plain, exc_info=True)
        return query.NullQuery
