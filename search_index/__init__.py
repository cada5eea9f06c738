"""Full-text search over scenarios, studios and needs: a Whoosh adapter with plain inputs/outputs.

Never imports the Flask app. See search_index/README.md for how the app wires it in.
"""

from search_index.analysis import warm_up
from search_index.cleaning import (
    MAX_QUERY_CHARS,
    MAX_QUERY_TERMS,
    MAX_QUERY_WORDS,
    CleanedQuery,
    clean_query,
)
from search_index.diff import IndexDiff, diff_index
from search_index.documents import INDEX_FORMAT, KINDS, SearchDocument, make_key, split_key
from search_index.expansion import Glossary
from search_index.index import IndexBusyError, SearchIndex, SearchIndexError
from search_index.results import Hit, SearchQuery, SearchResults

__all__ = [
    "INDEX_FORMAT",
    "KINDS",
    "MAX_QUERY_CHARS",
    "MAX_QUERY_TERMS",
    "MAX_QUERY_WORDS",
    "CleanedQuery",
    "Glossary",
    "Hit",
    "IndexBusyError",
    "IndexDiff",
    "SearchDocument",
    "SearchIndex",
    "SearchIndexError",
    "SearchQuery",
    "SearchResults",
    "clean_query",
    "diff_index",
    "make_key",
    "split_key",
    "warm_up",
]
