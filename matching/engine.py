"""The Matcher: prepares profiles (vectors + tags) and ranks candidates for a query, explained.

Directions are symmetric: a need ranks studios, a studio ranks scenarios or needs. Candidates are
stacked once into a :class:`CandidatePool` so that ranking ~1000 of them is a few matrix products.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
from scipy import sparse

from matching import crosslingual
from matching.encoder import Encoder
from matching.explain import explain
from matching.fit import at_least, fit_level
from matching.fusion import (
    HAND_WEIGHTS,
    PARTS,
    PASSAGE_PARTS,
    WEIGHTS,
    WEIGHTS_BY_QUERY_LANGUAGE,
    fuse,
    normalise,
)
from matching.glossary import gloss
from matching.index import ExactIndex, VectorIndex, top_k
from matching.lexical import LexicalScorer
from matching.passage_match import is_exclusion
from matching.store import ProfileVectors, encode_profiles
from matching.tagger import TagClassifier, TagExample, one_hot
from matching.tags import DEFAULT_LABELS, DISCIPLINES, INDUSTRIES
from matching.text import language_of, lexical_text, passages
from matching.types import Match, Prepared, Profile, TagSource

logger = logging.getLogger(__name__)

PASSAGE_TRAIN_WEIGHT = 0.3  # catalogue passages as extra, down-weighted tagger examples
PASSAGE_CACHE = 50_000  # passage vectors kept per matcher (encoded lazily, keyed by text)
PRF_TOP, PRF_WEIGHT = 2, 0.25  # pseudo-relevance feedback: q + 0.25 · mean of the 2 nearest


@lru_cache(maxsize=50_000)
def glossed_lexical_text(text: str) -> str:
    """A lexical text with its Chinese read through the glossary and lexicon (cached: jieba)."""
    return gloss(text)


class CandidatePool:
    """Prepared candidates stacked for vectorised scoring, with a vector index for shortlists."""

    def __init__(self, items: Sequence[Prepared], index: VectorIndex | None = None) -> None:
        self.items = list(items)
        self.ids = [p.id for p in self.items]
        self._positions = {id_: i for i, id_ in enumerate(self.ids)}
        self.whole = _stack([p.vectors.whole for p in self.items])
        counts = [len(p.passages) for p in self.items]
        self.starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        complete = all(_has_passages(p) for p in self.items)
        self.passages: np.ndarray | None = (
            _stack([p.vectors.passages for p in self.items]) if complete else None
        )
        self.industries = _stack([p.industries for p in self.items])
        self.disciplines = _stack([p.disciplines for p in self.items])
        self._index = index
        self._lexical: sparse.csr_matrix | None = None
        self._lexical_version = -1
        self._glossed: sparse.csr_matrix | None = None
        self._glossed_version = -1
        # Which stacked passage rows state an exclusion ("we do not do hardware").
        self.exclusions = np.array(
            [is_exclusion(t) for p in self.items for t in p.passages], dtype=bool
        )
        self.affirm: np.ndarray | None = None  # whole vectors without the exclusion passages

    @property
    def index(self) -> VectorIndex:
        """The index used for shortlists (an ExactIndex over ``whole`` unless one was given)."""
        if self._index is None:
            self._index = ExactIndex(self.whole.shape[1])
            self._index.add(self.ids, self.whole)
        return self._index

    def __len__(self) -> int:
        return len(self.items)

    def shortlist(self, vector: np.ndarray, n: int) -> np.ndarray:
        """Pool positions of the n nearest candidates by whole-text vector (unknown ids skipped)."""
        hits, _ = self.index.search(vector, n)
        found = [self._positions.get(self.index.ids[h]) for h in hits]
        return np.array([p for p in found if p is not None], dtype=np.int64)

    def lexical(self, scorer: LexicalScorer, version: int) -> sparse.csr_matrix:
        """TF-IDF rows of the candidates, recomputed when the scorer was refitted."""
        if self._lexical is None or self._lexical_version != version:
            self._lexical = scorer.transform([lexical_text(p.profile) for p in self.items])
            self._lexical_version = version
        return self._lexical

    def glossed(self, scorer: LexicalScorer, version: int) -> sparse.csr_matrix:
        """TF-IDF rows of the candidates' glossed lexical texts (the lexg part)."""
        if self._glossed is None or self._glossed_version != version:
            texts = [glossed_lexical_text(lexical_text(p.profile)) for p in self.items]
            self._glossed = scorer.transform(texts)
            self._glossed_version = version
        return self._glossed


class Matcher:
    """Ranks candidates for a query with fused dense, passage, lexical and tag scores."""

    def __init__(
        self,
        encoder: Encoder,
        tagger: TagClassifier,
        lexical: LexicalScorer,
        *,
        weights: Mapping[str, float] | None = None,
        labels: Mapping[str, str] | None = None,
        normalisation: str = "z",
        language_weights: Mapping[str, Mapping[str, float]] | None = None,
    ) -> None:
        self.encoder = encoder
        self.tagger = tagger
        self.lexical_scorer = lexical
        self.weights = dict(WEIGHTS if weights is None else weights)
        # Per query language ("zh": a query written mostly in Chinese), chosen on the tune half;
        # only with the default weights (a caller's own weights apply to every query).
        if language_weights is None:
            language_weights = WEIGHTS_BY_QUERY_LANGUAGE if weights is None else {}
        self.language_weights = {k: dict(v) for k, v in language_weights.items()}
        # Scenario directions (a studio's scenarios, a scenario's studios) are not in the graded
        # set, which judges needs against studios: they keep the label-measured hand weights.
        self.scenario_weights = dict(HAND_WEIGHTS if weights is None else weights)
        # The lexg part: TF-IDF over the glossed texts, fitted with the lexical scorer.
        self.gloss_scorer = LexicalScorer()
        self.labels = {**DEFAULT_LABELS, **(labels or {})}
        self.normalisation = normalisation
        self.catalogue: CandidatePool = CandidatePool([])
        self.catalogue_vectors: dict[str, ProfileVectors] = {}
        self.catalogue_texts: list[str] = []
        self._lexical_version = 0
        # The passage part is scored only when it has a weight (or an evaluation asks for it);
        # otherwise passages are encoded lazily, for the explanations that quote them.
        self._passage_cache: dict[str, np.ndarray] = {}
        self._score_passages: bool | None = None

    @property
    def score_passages(self) -> bool:
        """Whether the passage parts are scored: when one has a weight (or an evaluation asks
        for them); otherwise passages are encoded lazily, for the explanations that quote them."""
        if self._score_passages is not None:
            return self._score_passages
        every = [self.weights, *self.language_weights.values()]
        return any(w.get(p) for w in every for p in PASSAGE_PARTS)

    @score_passages.setter
    def score_passages(self, value: bool) -> None:
        self._score_passages = bool(value)

    def weights_for(self, query: Prepared, pool: CandidatePool | None = None) -> dict[str, float]:
        """The weights a query is ranked with: the scenario weights when the query or the pool
        is the catalogue's, else its language's where chosen, else the default."""
        if query.industry_source == "catalogue" or (
            pool is not None and len(pool) and pool.items[0].industry_source == "catalogue"
        ):
            return self.scenario_weights
        if self.language_weights:
            language = language_of(" ".join((query.profile.title, query.profile.text)))
            if language in self.language_weights:
                return self.language_weights[language]
        return self.weights

    @classmethod
    def from_catalog(
        cls,
        scenarios: Sequence[Mapping[str, Any]],
        encoder: Encoder,
        *,
        industries: Sequence[Mapping[str, Any]] = (),
        disciplines: Sequence[Mapping[str, Any]] = (),
        corpus: Sequence[str] = (),
        unlabelled: np.ndarray | None = None,
        stored: Mapping[str, ProfileVectors] | None = None,
        labels: Mapping[str, str] | None = None,
        **options: Any,
    ) -> Matcher:
        """Fit the tagger and lexical scorer on the catalogue and prepare the scenario pool.

        ``scenarios``: the scenario dicts of ``industries/<CODE>.json``; ``industries``: the
        industry dicts (code, name, trend); ``disciplines``: the discipline dicts (code, name);
        ``corpus``: profile texts added to the lexical vocabulary; ``unlabelled``: whole-text
        vectors of studio/need profiles the tagger self-trains on (texts only, never labels);
        ``stored``: vectors the app kept, keyed by profile id (scenario code, and the
        pseudo-profiles ``industry:<CODE>`` / ``discipline:<CODE>``). The vectors used are in
        ``matcher.catalogue_vectors`` afterwards, for the app to persist.
        """
        scenario_profiles = [Profile.from_scenario(s) for s in scenarios]
        side_profiles = [
            Profile(
                id=f"industry:{i['code']}",
                title=str(i.get("name", "")),
                text=str(i.get("trend", "")),
                industries=(str(i["code"]),),
                keywords=(str(i.get("name_zh") or ""),),
            )
            for i in industries
        ] + [
            Profile(
                id=f"discipline:{d['code']}",
                text=str(d.get("name", "")),
                disciplines=(str(d["code"]),),
                keywords=(str(d.get("name_zh") or ""),),
            )
            for d in disciplines
        ]
        everything = scenario_profiles + side_profiles
        # Catalogue passages are tagger training examples, so the catalogue keeps them (once).
        vectors, encoded = encode_profiles(encoder, everything, stored, with_passages=True)
        n = len(scenario_profiles)
        examples = [
            TagExample(v.whole, p.industries or None, p.disciplines or None)
            for p, v in zip(everything, vectors, strict=True)
        ]
        for p, v in zip(scenario_profiles, vectors[:n], strict=True):
            examples.extend(
                TagExample(row, p.industries, p.disciplines, PASSAGE_TRAIN_WEIGHT)
                for row in v.passages
            )
        tagger = TagClassifier().fit(examples, unlabelled)
        catalogue_texts = [lexical_text(p) for p in everything if p.text]
        lexical = LexicalScorer().fit(catalogue_texts + list(corpus))
        if labels is None:
            labels = {str(x["code"]): str(x.get("name", x["code"])) for x in industries}
            labels |= {str(x["code"]): str(x.get("name", x["code"])) for x in disciplines}
        matcher = cls(encoder, tagger, lexical, labels=labels, **options)
        matcher.catalogue_texts = catalogue_texts
        matcher.gloss_scorer.fit(glossed_lexical_text(t) for t in catalogue_texts + list(corpus))
        matcher.catalogue_vectors = {p.id: v for p, v in zip(everything, vectors, strict=True)}
        matcher.catalogue = matcher.pool(matcher.prepare(scenario_profiles, vectors=vectors[:n]))
        logger.info("matcher ready: %d scenarios, %d encoded", n, len(encoded))
        return matcher

    def refit_lexical(self, corpus: Sequence[str]) -> None:
        """Refit the TF-IDF vocabulary (catalogue + current profile texts); pools follow lazily."""
        self.lexical_scorer.fit(self.catalogue_texts + list(corpus))
        self.gloss_scorer.fit(glossed_lexical_text(t) for t in self.catalogue_texts + list(corpus))
        self._lexical_version += 1

    def prepare(
        self,
        profiles: Sequence[Profile],
        *,
        stored: Mapping[str, ProfileVectors] | None = None,
        vectors: Sequence[ProfileVectors] | None = None,
    ) -> list[Prepared]:
        """Vectors (re-using current stored ones) and tag probabilities for each profile."""
        if vectors is None:
            vectors, _ = encode_profiles(self.encoder, profiles, stored)
        if not profiles:
            return []
        predicted = self.tagger.predict(np.vstack([v.whole for v in vectors]))
        out = []
        for i, (profile, vec) in enumerate(zip(profiles, vectors, strict=True)):
            known: TagSource = "catalogue" if profile.tag_source == "catalogue" else "ticked"
            ind = one_hot(profile.industries, INDUSTRIES) if profile.industries else None
            disc = one_hot(profile.disciplines, DISCIPLINES) if profile.disciplines else None
            out.append(
                Prepared(
                    profile=profile,
                    vectors=vec,
                    passages=tuple(passages(profile)),
                    industries=predicted.industries[i] if ind is None else ind,
                    disciplines=predicted.disciplines[i] if disc is None else disc,
                    industry_source="predicted" if ind is None else known,
                    discipline_source="predicted" if disc is None else known,
                )
            )
        return out

    def pool(self, items: Sequence[Prepared], index: VectorIndex | None = None) -> CandidatePool:
        """Stack prepared candidates; pass an HnswIndex (already filled) for very large sets."""
        return CandidatePool(items, index)

    def raw_parts(
        self,
        query: Prepared,
        pool: CandidatePool,
        positions: np.ndarray | None = None,
        *,
        affirm: bool = True,
    ) -> dict[str, np.ndarray]:
        """Un-normalised part scores of query against the pool (or the given positions of it),
        one array per name in fusion.PARTS. ``affirm=False``: that part is left at 0 (its texts
        are encoded per process, so a ranking that gives it no weight skips them)."""
        pos = np.arange(len(pool)) if positions is None else np.asarray(positions, np.int64)
        whole = pool.whole[pos]
        dense = whole @ query.vectors.whole
        lex_query = self.lexical_scorer.transform([lexical_text(query.profile)])
        lex = LexicalScorer.similarity(
            lex_query, pool.lexical(self.lexical_scorer, self._lexical_version)[pos]
        )
        parts = {
            "dense": dense,
            "lexical": lex,
            "industry": expected_overlap(query.industries, pool.industries[pos]),
            "discipline": expected_overlap(query.disciplines, pool.disciplines[pos]),
            "prf": _prf(query.vectors.whole, whole, dense),
            "lexg": self._glossed_part(query, pool, pos),
        }
        if self.score_passages and len(pos):
            parts |= self._passage_parts(query, pool, pos, dense, affirm=affirm)
        else:
            parts |= {p: np.zeros(len(pos), dtype=np.float32) for p in PASSAGE_PARTS}
        return {name: np.asarray(parts[name], dtype=np.float32) for name in PARTS}

    def _glossed_part(self, query: Prepared, pool: CandidatePool, pos: np.ndarray) -> np.ndarray:
        if not self.gloss_scorer.fitted or not len(pos):
            return np.zeros(len(pos), dtype=np.float32)
        q = self.gloss_scorer.transform([glossed_lexical_text(lexical_text(query.profile))])
        rows = pool.glossed(self.gloss_scorer, self._lexical_version)[pos]
        return LexicalScorer.similarity(q, rows)

    def _passage_parts(
        self,
        query: Prepared,
        pool: CandidatePool,
        pos: np.ndarray,
        dense: np.ndarray,
        *,
        affirm: bool = True,
    ) -> dict[str, np.ndarray]:
        """The passage parts per candidate (encodes missing passages once): best passage pair,
        maxsim, needmax, negation and neg_margin (see fusion.PARTS)."""
        if pool.passages is None:
            pool.passages = _stack(self.passage_vectors(pool.items))
        (q_passages,) = self.passage_vectors([query])
        q_caps = np.array([not is_exclusion(t) for t in query.passages], dtype=bool)
        if not q_caps.any():
            q_caps[:] = True
        if len(pos) == len(pool) and np.array_equal(pos, np.arange(len(pool))):
            vectors, excluded, heads = pool.passages, pool.exclusions, pool.starts[:-1]
        else:
            counts = pool.starts[pos + 1] - pool.starts[pos]
            rows = np.concatenate([np.arange(pool.starts[i], pool.starts[i + 1]) for i in pos])
            heads = np.concatenate([[0], np.cumsum(counts)[:-1]])
            vectors, excluded = pool.passages[rows], pool.exclusions[rows]
        # One product: each candidate passage against the query's whole text and its passages.
        sims = vectors @ np.vstack([query.vectors.whole[None, :], q_passages]).T
        to_whole, pair = sims[:, 0], sims[:, 1:]
        best = np.maximum.reduceat(pair.max(axis=1), heads)
        capable = np.where(excluded[:, None], -np.inf, sims[:, np.r_[True, q_caps]])
        top = np.maximum.reduceat(capable, heads, axis=0)  # candidate × (whole, query passages)
        maxsim, per_sentence = top[:, 0], top[:, 1:]
        negation = np.maximum.reduceat(np.where(excluded, to_whole, -np.inf), heads)
        stated = np.isfinite(negation)
        has_caps = np.isfinite(maxsim)
        if not affirm:
            affirmed = np.zeros(len(pos), dtype=np.float32)
        else:
            if pool.affirm is None:
                pool.affirm = self._affirm_vectors(pool)
            affirmed = pool.affirm[pos] @ query.vectors.whole
        needmax = np.where(has_caps, per_sentence.mean(axis=1), dense)
        maxsim = np.where(has_caps, maxsim, dense)
        negation = np.where(stated, negation, 0.0)
        margin = np.where(stated, np.maximum(0.0, negation - maxsim), 0.0)
        return {"passage": best, "maxsim": maxsim, "needmax": needmax, "negation": negation,
                "neg_margin": margin, "affirm": affirmed}  # fmt: skip

    def _affirm_vectors(self, pool: CandidatePool) -> np.ndarray:
        """Per candidate, the vector of its text without the passages that state an exclusion
        (its whole vector when it states none); the few texts needed are encoded once, cached."""
        out = pool.whole.copy()
        texts: dict[int, str] = {}
        for i, item in enumerate(pool.items):
            flags = pool.exclusions[pool.starts[i] : pool.starts[i + 1]]
            if flags.any() and not flags.all():
                kept = [t for t, f in zip(item.passages, flags, strict=True) if not f]
                texts[i] = " ".join(kept)
        needed = sorted({t for t in texts.values() if t not in self._passage_cache})
        if needed:
            rows = crosslingual.embed(self.encoder, needed)
            self._passage_cache.update(zip(needed, rows, strict=True))
        for i, text in texts.items():
            out[i] = self._passage_cache[text]
        return out

    def passage_vectors(self, items: Sequence[Prepared]) -> list[np.ndarray]:
        """Passage vectors of each item: stored ones, else encoded in one batch (cached by text)."""
        lacking = [p for p in items if not _has_passages(p)]
        needed = {t for p in lacking for t in p.passages if t not in self._passage_cache}
        if len(self._passage_cache) + len(needed) > PASSAGE_CACHE:
            self._passage_cache.clear()
            needed = {t for p in lacking for t in p.passages}
        if needed:
            texts = sorted(needed)
            rows = crosslingual.embed(self.encoder, texts)
            for text, row in zip(texts, rows, strict=True):
                self._passage_cache[text] = row
        return [
            p.vectors.passages
            if _has_passages(p)
            else np.vstack([self._passage_cache[t] for t in p.passages]).astype(np.float32)
            for p in items
        ]

    def known_passages(self, item: Prepared) -> np.ndarray | None:
        """The item's passage vectors when stored or already encoded here, else None (nothing
        is encoded): what a caller may keep so that another process need not encode them."""
        if _has_passages(item):
            return item.vectors.passages
        if item.passages and all(t in self._passage_cache for t in item.passages):
            return np.vstack([self._passage_cache[t] for t in item.passages]).astype(np.float32)
        return None

    def rank(
        self,
        query: Prepared,
        pool: CandidatePool,
        k: int = 10,
        *,
        shortlist: int | None = None,
        exclude: Sequence[str] = (),
        explain_matches: bool = True,
        min_fit: str | None = None,
    ) -> list[Match]:
        """Top-k candidates for query, best first, each with score, parts, fit and explanation.

        With ``min_fit`` ("strong", "good" or "possible") the list stops where the fit ends, so
        it may hold fewer than k; by default every top-k candidate is kept (``Match.fit`` may
        then be None).

        With ``shortlist`` set, only that many nearest candidates by whole-text vector (from the
        pool's index) are scored, which is how very large pools stay fast.
        """
        if not len(pool):
            return []
        positions = None
        if shortlist is not None and shortlist < len(pool):
            positions = pool.shortlist(query.vectors.whole, shortlist)
        weights = self.weights_for(query, pool)
        raw = self.raw_parts(query, pool, positions, affirm=bool(weights.get("affirm")))
        norm = normalise(raw, self.normalisation)
        scores = fuse(norm, weights)
        if exclude:
            ids = pool.ids if positions is None else [pool.ids[i] for i in positions]
            banned = set(exclude)
            scores = np.where([i in banned for i in ids], -np.inf, scores).astype(np.float32)
        order = top_k(scores, k)
        order = order[np.isfinite(scores[order])]
        chosen = [int(j if positions is None else positions[j]) for j in order]
        raws = [{name: float(raw[name][j]) for name in PARTS} for j in order]
        levels = [fit_level(r) for r in raws]
        if min_fit is not None:  # a filter: the fused order is kept (fit levels are labels)
            keep = [i for i, level in enumerate(levels) if at_least(level, min_fit)]
            order, chosen = order[keep], [chosen[i] for i in keep]
            raws, levels = [raws[i] for i in keep], [levels[i] for i in keep]
        vectors: list[np.ndarray] = []
        if explain_matches and chosen:
            vectors = self.passage_vectors([query, *(pool.items[c] for c in chosen)])
        matches = []
        for i, j in enumerate(order):
            candidate = pool.items[chosen[i]]
            parts = {name: float(norm[name][j]) for name in PARTS}
            explanation = None
            if explain_matches:
                explanation = explain(
                    query, candidate, raws[i], parts, weights, self.labels,
                    passage_vectors=(vectors[0], vectors[i + 1]),
                )  # fmt: skip
            matches.append(
                Match(candidate.id, float(scores[j]), parts, raws[i], explanation, levels[i])
            )
        return matches

    def rank_many(
        self,
        queries: Sequence[Prepared],
        pool: CandidatePool | Sequence[Prepared],
        top_k: int = 10,
        *,
        min_fit: str | None = "possible",
        exclude: Mapping[str, Sequence[str]] | None = None,
        shortlist: int | None = None,
        explain_matches: bool = True,
    ) -> list[list[Match]]:
        """Per query, its top_k candidates with score, parts, fit level and explanation.

        In the style of ``sentence_transformers.util.semantic_search``: prepared queries against a
        prepared pool (any direction: need->studio, studio->need, studio->scenario, ...). Lists
        stop where the fit ends: only candidates of at least ``min_fit`` are returned (``None``
        keeps top_k whatever the fit). A query's own id is never its own match; ``exclude`` maps
        a query id to more ids to leave out.
        """
        if not isinstance(pool, CandidatePool):
            pool = self.pool(pool)
        exclude = exclude or {}
        options = {"shortlist": shortlist, "explain_matches": explain_matches, "min_fit": min_fit}
        return [
            self.rank(q, pool, top_k, exclude=[q.id, *exclude.get(q.id, ())], **options)
            for q in queries
        ]

    def suggest_tags(self, prepared: Prepared) -> dict[str, list[tuple[str, float]]]:
        """Predicted tags to offer as suggestions on the profile form (code, probability)."""
        return self.tagger.suggest(prepared.vectors.whole)


def _prf(query: np.ndarray, whole: np.ndarray, dense: np.ndarray) -> np.ndarray:
    """Cosine with the query moved towards its PRF_TOP nearest candidates."""
    if len(dense) == 0:
        return np.zeros(0, dtype=np.float32)
    top = np.argsort(-dense, kind="stable")[:PRF_TOP]
    expanded = query + PRF_WEIGHT * whole[top].mean(axis=0)
    norm = float(np.linalg.norm(expanded))
    return whole @ (expanded / norm if norm > 0 else expanded)


def _has_passages(prepared: Prepared) -> bool:
    return len(prepared.vectors.passages) == len(prepared.passages) > 0


def _stack(rows: Sequence[np.ndarray]) -> np.ndarray:
    return np.vstack(rows).astype(np.float32) if rows else np.zeros((0, 0), dtype=np.float32)


def expected_overlap(query: np.ndarray, candidates: np.ndarray) -> np.ndarray:
    """P(at least one shared tag) for independent per-tag probabilities: 1 - prod(1 - p_q p_c)."""
    return (1.0 - np.prod(1.0 - candidates * query[None, :], axis=1)).astype(np.float32)
