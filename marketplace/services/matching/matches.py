"""Matching in the app: the per-process Matcher, stored vectors and stored recommendations.

Vectors are kept per profile with their fingerprint and model name (see match_store), so only
new or edited texts are encoded. `refresh()` brings everything up to date; the event receivers
in matching_handlers call `update_studios`, `forget_studios` and `update_scenarios` after commits.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from flask import current_app

from marketplace.database import write_transaction
from marketplace.models import Studio
from marketplace.models.matching import SCENARIO_TO_STUDIO, STUDIO_TO_SCENARIO
from marketplace.policies.studios_policy import studio_is_public
from marketplace.services.matching import store
from marketplace.services.matching.encoding import encoder
from marketplace.services.matching.match_reasons import explanation_json
from matching.encoder import Encoder
from matching.engine import Matcher, Prepared
from matching.store import ProfileVectors, encode_profiles, fingerprint
from matching.text import lexical_text
from matching.types import Profile

log = logging.getLogger(__name__)

STORED_TOP = 10  # recommendations kept per scenario and per studio
MIN_FIT = "possible"  # stored lists end where the fit ends: fewer than ten when fewer fit
ENCODE_CHUNK = 32  # profiles per encoder call, so the progress bar moves
Progress = Callable[[int], None]

_lock = threading.RLock()
_matchers: dict[str, Matcher] = {}  # by catalogue signature (content + model), process-wide


@dataclass
class Engine:
    """The encoder and the Matcher fitted on the current catalogue."""

    encoder: Encoder
    matcher: Matcher
    signature: str


@dataclass
class RefreshReport:
    """What a refresh did: profiles encoded vs re-used, lists stored."""

    encoded: int = 0
    reused: int = 0
    scenario_lists: int = 0
    studio_lists: int = 0
    encoded_ids: list[str] = field(default_factory=list)


@dataclass
class Studios:
    """Every matchable studio with its profile and current vectors."""

    rows: list[Studio]
    profiles: list[Profile]
    vectors: dict[str, ProfileVectors]
    encoded: list[str]


def _noop(_n: int) -> None:
    return None


def _encode_chunked(
    enc: Encoder, profiles: Sequence[Profile], stored, kind: str, progress: Progress
) -> tuple[dict[str, ProfileVectors], list[str]]:
    """Vectors for profiles (stored ones re-used); new ones are saved chunk by chunk."""
    out: dict[str, ProfileVectors] = {}
    encoded: list[str] = []
    for start in range(0, len(profiles), ENCODE_CHUNK):
        chunk = profiles[start : start + ENCODE_CHUNK]
        vectors, done = encode_profiles(enc, chunk, stored)
        out.update({p.id: v for p, v in zip(chunk, vectors, strict=True)})
        if done:
            with write_transaction() as session:
                store.save_vectors(session, kind, {i: out[i] for i in done})
            encoded.extend(done)
        progress(len(chunk))
    return out, encoded


def load_studios(enc: Encoder, progress: Progress = _noop) -> Studios:
    """Matchable studios and their vectors, encoding (and saving) only new or edited ones."""
    rows = store.matchable_studios()
    profiles = [store.studio_profile(s) for s in rows]
    stored = store.load_vectors(["studio"], enc.name, enc.dim)
    vectors, encoded = _encode_chunked(enc, profiles, stored, "studio", progress)
    return Studios(rows, profiles, vectors, encoded)


def _build(enc: Encoder, docs: dict, studios: Studios | None) -> tuple[Matcher, list[str]]:
    stored = store.load_vectors(["scenario", "catalogue"], enc.name, enc.dim)
    corpus, unlabelled = [], None
    if studios is not None and studios.profiles:
        corpus = [lexical_text(p) for p in studios.profiles]
        unlabelled = np.vstack([studios.vectors[p.id].whole for p in studios.profiles])
    matcher = Matcher.from_catalog(
        docs["scenarios"], enc, industries=docs["industries"], disciplines=docs["disciplines"],
        corpus=corpus, unlabelled=unlabelled, stored=stored,
    )  # fmt: skip
    new = {k: v for k, v in matcher.catalogue_vectors.items() if stored.get(k) is not v}
    if new:
        with write_transaction() as session:
            store.save_vectors(session, "scenario", new)
    return matcher, list(new)


def _store_catalogue(enc: Encoder, matcher: Matcher) -> None:
    stored = store.load_vectors(["scenario", "catalogue"], enc.name, enc.dim)
    missing = {
        k: v
        for k, v in matcher.catalogue_vectors.items()
        if k not in stored or stored[k].fingerprint != v.fingerprint
    }
    if missing:
        with write_transaction() as session:
            store.save_vectors(session, "scenario", missing)


def engine(*, rebuild: bool = False, studios: Studios | None = None) -> Engine:
    """This process's Matcher for the current catalogue (built lazily, cached in app.extensions)."""
    enc = encoder()
    docs = store.catalogue_docs()
    version, weights = store.active_weights()
    signature = store.signature(docs, f"{enc.name}|{version}")  # adopted weights: a new Matcher
    state = current_app.extensions.get("matching")
    if not rebuild and state is not None and state.signature == signature:
        return state
    with _lock:
        matcher = None if rebuild else _matchers.get(signature)
        if matcher is None:
            if studios is None:
                studios = load_studios(enc)
            matcher, _ = _build(enc, docs, studios)
            _matchers.clear()
            _matchers[signature] = matcher
        else:  # built for another app of this process (tests): make sure this DB has the vectors
            _store_catalogue(enc, matcher)
    if not matcher.score_passages:  # passages are encoded only for explanations here
        weights = {**weights, "passage": 0.0}
    matcher.weights = dict(weights)  # the weights `match learn` adopted, else the defaults
    state = Engine(enc, matcher, signature)
    current_app.extensions["matching"] = state
    return state


def suggestion(eng: Engine, prepared: Prepared) -> dict[str, list[list]]:
    """Predicted tags of a studio's text, JSON-ready: {"industries": [[code, p]], ...}."""
    return {
        facet: [[code, round(p, 3)] for code, p in pairs]
        for facet, pairs in eng.matcher.suggest_tags(prepared).items()
    }


def prepare_studios(eng: Engine, studios: Studios) -> list[Prepared]:
    """Vectors plus tag probabilities (ticked or predicted) of every matchable studio."""
    vectors = [studios.vectors[p.id] for p in studios.profiles]
    return eng.matcher.prepare(studios.profiles, vectors=vectors)


def listed(studios: Studios, prepared: list[Prepared]) -> list[Prepared]:
    """Only the listed, unsuspended ones: the studios that may be recommended."""
    return [
        p
        for p, row in zip(prepared, studios.rows, strict=True)
        if studio_is_public(row)
    ]


def _ranked(eng: Engine, query: Prepared, pool, direction: str, k: int) -> list:
    return [
        (m.id, m.score, explanation_json(m, direction))
        for m in eng.matcher.rank(query, pool, k=k, min_fit=MIN_FIT)
    ]


def scenario_lists(eng: Engine, listed: list[Prepared], progress: Progress = _noop) -> dict:
    """Every scenario's best listed studios."""
    pool = eng.matcher.pool(listed)
    out = {}
    for query in eng.matcher.catalogue.items:
        out[query.id] = _ranked(eng, query, pool, SCENARIO_TO_STUDIO, STORED_TOP)
        progress(1)
    return out


def studio_lists(eng: Engine, prepared: list[Prepared], progress: Progress = _noop) -> dict:
    """Each given studio's best scenarios."""
    out = {}
    for query in prepared:
        out[query.id] = _ranked(eng, query, eng.matcher.catalogue, STUDIO_TO_SCENARIO, STORED_TOP)
        progress(1)
    return out


def kept_passages(eng: Engine, prepared: Sequence[Prepared]) -> dict[str, ProfileVectors]:
    """Passage vectors that explanations encoded for studios stored without them, to be saved
    with the studio's vectors: the next process (a command, the consumer) re-uses them."""
    out = {}
    for p in prepared:
        if len(p.vectors.passages):
            continue
        rows = eng.matcher.known_passages(p)
        if rows is not None and len(rows):
            v = p.vectors
            out[p.id] = ProfileVectors(v.fingerprint, v.model, v.whole, rows)
    return out


def refresh(progress: Progress = _noop, *, rebuild: bool = True) -> RefreshReport:
    """Bring every vector and stored list up to date (encodes only what changed)."""
    enc = encoder()
    docs = store.catalogue_docs()
    studios = load_studios(enc, progress)
    cat_stored = store.load_vectors(["scenario"], enc.name, enc.dim)
    scenario_profiles = [Profile.from_scenario(d) for d in docs["scenarios"]]
    _, cat_encoded = _encode_chunked(enc, scenario_profiles, cat_stored, "scenario", progress)
    eng = engine(rebuild=rebuild, studios=studios)
    prepared = prepare_studios(eng, studios)
    eng.matcher.passage_vectors(prepared)  # every studio's list quotes its passages: one batch
    by_scenario = scenario_lists(eng, listed(studios, prepared), progress)
    by_studio = studio_lists(eng, prepared, progress)
    with write_transaction() as session:
        store.save_vectors(session, "studio", kept_passages(eng, prepared))
        store.save_predicted_tags(session, {p.id: suggestion(eng, p) for p in prepared})
        n_scen = store.upsert_lists(
            session, SCENARIO_TO_STUDIO, by_scenario, model=enc.name, replace_all=True
        )
        n_stud = store.upsert_lists(
            session, STUDIO_TO_SCENARIO, by_studio, model=enc.name, replace_all=True
        )
    encoded = studios.encoded + cat_encoded
    total = len(studios.profiles) + len(scenario_profiles)
    log.info("match refresh: %d encoded, %d lists", len(encoded), len(by_scenario) + len(by_studio))
    return RefreshReport(
        encoded=len(encoded), reused=total - len(encoded), scenario_lists=n_scen,
        studio_lists=n_stud, encoded_ids=encoded,
    )  # fmt: skip


def refresh_needed() -> bool:
    """True when some studio has a statement but vectors or lists are missing or out of date."""
    rows = store.matchable_studios()
    if not rows:
        return False
    enc = encoder()
    stored = store.load_vectors(["studio", "scenario"], enc.name, enc.dim)
    docs = store.catalogue_docs()
    profiles = [store.studio_profile(s) for s in rows]
    profiles += [Profile.from_scenario(d) for d in docs["scenarios"]]
    if any(
        p.id not in stored or stored[p.id].fingerprint != fingerprint(p, enc.name) for p in profiles
    ):
        return True
    has_listed = any(studio_is_public(s) for s in rows)
    return store.lists_missing(
        [d["code"] for d in docs["scenarios"]] if has_listed else [], [str(s.id) for s in rows]
    )


def update_studios(ids: Sequence[int], studios: Studios | None = None) -> None:
    """After studios changed: re-encode those that changed, recompute their lists and all
    scenarios' lists (a studio that lost its statement loses its list). `studios`: already
    loaded by the caller (so one event loads every studio once)."""
    studios = studios or load_studios(encoder())
    eng = engine(studios=studios)
    prepared = prepare_studios(eng, studios)
    changed = {str(i) for i in ids}
    mine = [p for p in prepared if p.id in changed]
    eng.matcher.passage_vectors(mine)  # their own lists quote their passages: one batch
    own_lists = {key: [] for key in changed} | studio_lists(eng, mine)
    by_scenario = scenario_lists(eng, listed(studios, prepared))
    with write_transaction() as session:
        store.save_vectors(session, "studio", kept_passages(eng, prepared))
        store.save_predicted_tags(session, {p.id: suggestion(eng, p) for p in mine})
        store.upsert_lists(session, STUDIO_TO_SCENARIO, own_lists, model=eng.encoder.name)
        store.upsert_lists(
            session, SCENARIO_TO_STUDIO, by_scenario, model=eng.encoder.name, replace_all=True
        )
    shown = ", ".join(sorted(changed)[:10]) + (" …" if len(changed) > 10 else "")
    log.info("matching updated for %d studios (%s); %d encoded", len(changed), shown,
             len(studios.encoded))  # fmt: skip


def forget_studios(ids: Sequence[int]) -> None:
    """After studios were deleted: forget their vectors and lists (then update_studios)."""
    with write_transaction() as session:
        store.forget_studios(session, [str(i) for i in ids])


def remove_studios(ids: Sequence[int]) -> None:
    """After studios were deleted: forget their vectors and lists, recompute scenario lists."""
    forget_studios(ids)
    update_studios(ids)


def update_scenarios(codes: Sequence[str]) -> None:
    """After the catalogue changed: rebuild the Matcher and every list (none without studios)."""
    if not store.matchable_studios():
        log.info("catalogue changed (%d scenarios); no studios to match yet", len(codes))
        return
    refresh()
