"""The Matcher: prepares profiles (vectors + tags) and ranks candidates for a query, explained.

Directions are symmetric: a need ranks studios, a studio ranks scenarios or needs. Candidates are
stacked once into a :class:`CandidatePool` so that ranking ~1000 of them is a few matrix products.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from matching.encoder import Encoder
from matching.explain import explain
from matching.fit import at_least, at_most, fit_level
from matching.fusion import (
    HAND_WEIGHTS,
    PARTS,
    PASSAGE_PARTS,
    WEIGHTS,
    WEIGHTS_BY_QUERY_LANGUAGE,
    fuse,
    normalise,
)
from matching.index import VectorIndex, top_k
from matching.lexical import LexicalScorer
from matching.passage_match import is_exclusion, own_exclusions
from matching.passage_vectors import PassageVectors
from matching.pool import CandidatePool, glossed_lexical_text
from matching.store import ProfileVectors, encode_profiles
from matching.tagger import TagClassifier, TagExample, one_hot
from matching.tags import DEFAULT_LABELS, DISCIPLINES, INDUSTRIES
from matching.text import language_of, lexical_text, passages
from matching.types import Match, Prepared, Profile, TagSource

logger = logging.getLogger(__name__)

# A candidate the query rules out in its own words ("we do not do body styling") is at most a
# possible fit, whatever its parts say.
RULED_OUT_CEILING = "possible"

PASSAGE_TRAIN_WEIGHT = 0.3  # catalogue passages as extra, down-weighted tagger examples
PRF_TOP, PRF_WEIGHT = 2, 0.25  # pseudo-relevance feedback: q + 0.25 · mean of the 2 nearest


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
        self.passages = PassageVectors(encoder)
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
            parts |= self.passages.parts(query, pool, pos, dense, affirm=affirm)
        else:
            parts |= {p: np.zeros(len(pos), dtype=np.float32) for p in PASSAGE_PARTS}
        return {name: np.asarray(parts[name], dtype=np.float32) for name in PARTS}

    def _glossed_part(self, query: Prepared, pool: CandidatePool, pos: np.ndarray) -> np.ndarray:
        if not self.gloss_scorer.fitted or not len(pos):
            return np.zeros(len(pos), dtype=np.float32)
        q = self.gloss_scorer.transform([glossed_lexical_text(lexical_text(query.profile))])
        rows = pool.glossed(self.gloss_scorer, self._lexical_version)[pos]
        return LexicalScorer.similarity(q, rows)

    def passage_vectors(self, items: Sequence[Prepared]) -> list[np.ndarray]:
        """Passage vectors of each item: stored ones, else encoded in one batch (cached by text)."""
        return self.passages.of(items)

    def known_passages(self, item: Prepared) -> np.ndarray | None:
        """The item's passage vectors when stored or already encoded here, else None (nothing
        is encoded): what a caller may keep so that another process need not encode them."""
        return self.passages.known(item)

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
        refused = self.own_exclusions(query, pool, chosen)
        levels = [fit_level(r) for r in raws]
        levels = [at_most(level, RULED_OUT_CEILING) if said else level
                  for level, said in zip(levels, refused, strict=True)]  # fmt: skip
        if min_fit is not None:  # a filter: the fused order is kept (fit levels are labels)
            keep = [i for i, level in enumerate(levels) if at_least(level, min_fit)]
            order, chosen = order[keep], [chosen[i] for i in keep]
            raws, levels = [raws[i] for i in keep], [levels[i] for i in keep]
            refused = [refused[i] for i in keep]
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
                    passage_vectors=(vectors[0], vectors[i + 1]), query_exclusion=refused[i],
                )  # fmt: skip
            matches.append(
                Match(candidate.id, float(scores[j]), parts, raws[i], explanation, levels[i])
            )
        return matches

    def own_exclusions(
        self, query: Prepared, pool: CandidatePool, chosen: Sequence[int]
    ) -> list[str]:
        """Per chosen candidate, the query's sentence ruling its subject out ("" when none):
        such a candidate's fit is at most RULED_OUT_CEILING, and its reasons say why."""
        if not chosen or not any(is_exclusion(p) for p in query.passages):
            return [""] * len(chosen)
        (vectors,) = self.passage_vectors([query])
        return own_exclusions(query.passages, vectors, pool.whole[list(chosen)])

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


def expected_overlap(query: np.ndarray, candidates: np.ndarray) -> np.ndarray:
    """P(at least one shared tag) for independent per-tag probabilities: 1 - prod(1 - p_q p_c)."""
    return (1.0 - np.prod(1.0 - candidates * query[None, :], axis=1)).astype(np.float32)
