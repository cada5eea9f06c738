"""The vector half of the site search: the query's embedding and the stored documents' vectors.

The encoder is the one matching uses (loaded once per process). A web worker loads it in a
background thread on its first search; until it is ready, or when the model is missing, the
search is BM25F alone (logged once). Query vectors are cached (LRU); the documents' vectors are
the whole-text rows matching already stores (`match_embeddings`), read into one table that is
re-read when those rows change (checked at most every few seconds).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np
from flask import current_app, g, has_request_context
from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.models import Embedding
from marketplace.services.matching.encoding import encoder as configured_encoder
from matching import crosslingual
from matching.encoder import Encoder
from matching.glossary import gloss
from matching.store import ProfileVectors
from search_index.cleaning import clean_query
from search_index.hybrid import VectorInput, VectorTable

log = logging.getLogger(__name__)

KINDS = ("scenario", "studio", "need")
QUERY_CACHE = 2048  # query vectors kept per process
TABLE_CHECK_SECONDS = 5.0  # how often the stored vectors are checked for changes

_lock = threading.Lock()
_queries: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
_table: tuple[tuple, VectorTable] | None = None
_table_checked = 0.0
_loading: threading.Thread | None = None
_ready: Encoder | None = None
_warned = False


def _warn_once(message: str, *args: object) -> None:
    global _warned
    if not _warned:
        _warned = True
        log.warning(message, *args)


def _load(app) -> None:
    global _ready
    started = time.perf_counter()
    try:
        with app.app_context():
            enc = configured_encoder()
            load = getattr(enc, "load", None)
            if load is not None:  # the model itself, even when the vector cache has "warm up"
                load()
            enc.encode(["warm up"])  # loads the model (seconds): never inside a request
        _ready = enc
        log.info("search: query encoder ready in %.1f s", time.perf_counter() - started)
    except Exception as exc:  # model missing or broken: keyword search carries on
        _warn_once("search: vector part unavailable (%s); searching with BM25 only", exc)


def ready_encoder(wait: bool = False) -> Encoder | None:
    """The encoder when loaded; starts loading it in the background on the first call."""
    global _loading
    if _ready is not None:
        return _ready
    with _lock:
        if _loading is None:
            app = current_app._get_current_object()  # type: ignore[attr-defined]
            _loading = threading.Thread(target=_load, args=(app,), name="search-encoder",
                                        daemon=True)  # fmt: skip
            _loading.start()
    if wait:
        _loading.join()
    return _ready


def query_text(text: str) -> str:
    """What the encoder reads for a query: cleaned, Traditional folded, Chinese glossed."""
    cleaned = clean_query(text).text
    words = " ".join(w for w in cleaned.replace('"', " ").split() if w not in
                     {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "(", ")"})  # fmt: skip
    return gloss(words.replace("*", "")).strip()


def query_vector(enc: Encoder, text: str) -> np.ndarray | None:
    """The query's unit vector (cached per process); None when there is nothing to encode."""
    prepared = query_text(text)
    if not prepared:
        return None
    key = (enc.name, prepared)
    with _lock:
        cached = _queries.get(key)
        if cached is not None:
            _queries.move_to_end(key)
            return cached
    # A Chinese query is shifted as stored Chinese profiles are (matching/crosslingual.py).
    share = crosslingual.chinese_share(text)
    vec = np.asarray(crosslingual.shift(enc.encode([prepared]), [share], enc.name)[0],
                     dtype=np.float32)  # fmt: skip
    with _lock:
        _queries[key] = vec
        while len(_queries) > QUERY_CACHE:
            _queries.popitem(last=False)
    return vec


def document_table(enc: Encoder) -> VectorTable:
    """Every stored whole-text vector of the encoder's model, as "kind:id" rows."""
    global _table, _table_checked
    now = time.monotonic()
    if _table is not None and now - _table_checked < TABLE_CHECK_SECONDS:
        return _table[1]
    where = (Embedding.kind.in_(KINDS), Embedding.model == enc.name)
    signature = tuple(db.session.execute(
        select(func.count(Embedding.id), func.max(Embedding.updated_at)).where(*where)
    ).one())  # fmt: skip
    _table_checked = now
    if _table is not None and _table[0] == signature:
        return _table[1]
    columns = (Embedding.kind, Embedding.key, Embedding.fingerprint, Embedding.vectors)
    rows = db.session.execute(select(*columns).where(*where))
    vectors = {}
    for kind, key, fp, blob in rows:
        try:
            pv = ProfileVectors.from_bytes(blob, fingerprint=fp, model=enc.name, dim=enc.dim)
        except ValueError:
            continue
        vectors[f"{kind}:{key}"] = pv.whole
    table = VectorTable.build(vectors)
    _table = (signature, table)
    return table


def vector_input(text: str, kinds: Sequence[str] = (), wait: bool = False) -> VectorInput | None:
    """The query's nearest documents, or None (BM25 alone) when vectors are off or unavailable."""
    if not current_app.config.get("SEARCH_HYBRID", True):
        return None
    enc = ready_encoder(wait=wait)
    if enc is None:
        return None
    try:
        vec = query_vector(enc, text)
        if vec is None:
            return None
        table = document_table(enc)
        hits = table.nearest(vec, kinds=kinds)
    except Exception:
        log.exception("search: the vector part failed; this search uses BM25 only")
        if has_request_context():
            g.page_not_cacheable = True  # a page cache must not keep this BM25-only page
        return None
    return VectorInput(hits)


def vector_state() -> tuple | None:
    """What the vector part searches with now: the model and the stored vectors' signature;
    None while searches are BM25 alone (off, model still loading or missing). For page caches."""
    if not current_app.config.get("SEARCH_HYBRID", True):
        return None
    enc = ready_encoder()
    if enc is None:
        return None
    try:
        document_table(enc)
    except Exception:
        log.exception("search: the stored vectors cannot be read")
        return None
    return None if _table is None else (enc.name, _table[0])


def reset() -> None:
    """Forget the loaded encoder, caches and table (tests, or after a model change)."""
    global _table, _loading, _ready, _warned, _table_checked
    with _lock:
        _queries.clear()
        _table, _loading, _ready, _warned, _table_checked = None, None, None, False, 0.0
