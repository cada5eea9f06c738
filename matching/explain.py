"""Explanations: shared tags, the best-matching passage pair and the score parts, in two voices.

``staff`` lines give the full breakdown (raw and normalised parts, weights, tag sources and
probabilities); ``reasons`` are short plain-language sentences for studios and manufacturers.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping

import numpy as np

from matching.glossary import gloss, has_chinese
from matching.passage_match import is_exclusion
from matching.reasons import quote, reasons
from matching.tags import DISCIPLINES, INDUSTRIES
from matching.text import clean
from matching.types import Explanation, Facet, Prepared, SharedTag

logger = logging.getLogger(__name__)

SHARED_MIN = 0.15  # p_query(tag) * p_candidate(tag) needed to call a tag shared
MAX_SHARED = 3


def shared_tags(
    query: Prepared, candidate: Prepared, labels: Mapping[str, str]
) -> tuple[tuple[SharedTag, ...], tuple[SharedTag, ...]]:
    """Tags both sides (probably) carry, most certain first: (industries, disciplines)."""
    out: list[tuple[SharedTag, ...]] = []
    facets: tuple[tuple[Facet, tuple[str, ...], str], ...] = (
        ("industry", INDUSTRIES, "industries"),
        ("discipline", DISCIPLINES, "disciplines"),
    )
    for facet, vocabulary, attr in facets:
        joint = getattr(query, attr) * getattr(candidate, attr)
        order = [j for j in np.argsort(-joint, kind="stable") if joint[j] >= SHARED_MIN]
        out.append(
            tuple(
                SharedTag(
                    code=vocabulary[j],
                    facet=facet,
                    label=labels.get(vocabulary[j], vocabulary[j]),
                    query_source=getattr(query, f"{facet}_source"),
                    candidate_source=getattr(candidate, f"{facet}_source"),
                    probability=round(float(joint[j]), 3),
                )
                for j in order[:MAX_SHARED]
            )
        )
    return out[0], out[1]


def _evidence_rows(prepared: Prepared) -> np.ndarray:
    """Passages that can be evidence: the body's, not a bare name or title, and not a sentence
    saying what the writer does not do ("不做车身造型" is no evidence of fit for body styling),
    falling back to what there is when nothing else remains."""
    title = clean(prepared.profile.title)
    body = [i for i, text in enumerate(prepared.passages) if not title or text != title]
    stated = [i for i in body if not is_exclusion(prepared.passages[i])]
    return np.asarray(stated or body or range(len(prepared.passages)), dtype=int)


def best_passages(
    query: Prepared,
    candidate: Prepared,
    vectors: tuple[np.ndarray, np.ndarray] | None = None,
) -> tuple[str, str, float]:
    """The query passage and candidate passage with the highest cosine, and that cosine.

    Titles are left out (a studio's name is no evidence of fit) unless a profile has nothing else.
    ``vectors``: the two sides' passage vectors when they are not stored in ``vectors.passages``.
    """
    q_vecs, c_vecs = vectors or (query.vectors.passages, candidate.vectors.passages)
    q_rows, c_rows = _evidence_rows(query), _evidence_rows(candidate)
    sims = q_vecs[q_rows] @ c_vecs[c_rows].T
    qi, ci = np.unravel_index(int(np.argmax(sims)), sims.shape)
    return query.passages[q_rows[qi]], candidate.passages[c_rows[ci]], float(sims[qi, ci])


_STOP = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "its", "of",
    "on", "or", "our", "the", "their", "this", "to", "we", "with", "you", "your", "design",
    "designs", "product", "products",
})  # fmt: skip


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z-]+", text.lower()) if w not in _STOP and len(w) > 2}


def aligned_sentence(english: str, chinese_text: str) -> str | None:
    """The sentence of the writer's Chinese text that says most of what an English passage says
    (content words of its gloss shared with the passage), or None when none shares two words.
    Lexicon-based, so it runs without the model; the sentence keeps the writer's punctuation."""
    if not english or not chinese_text or has_chinese(english):
        return None
    wanted = _content_words(english)
    best, best_overlap = None, 1
    for sentence in re.findall(r"[^。！？!?\n]+[。！？!?]?", chinese_text):
        sentence = sentence.strip()
        overlap = len(wanted & _content_words(gloss(sentence)))
        if overlap > best_overlap:
            best, best_overlap = sentence, overlap
    return best


def explain(
    query: Prepared,
    candidate: Prepared,
    raw: Mapping[str, float],
    parts: Mapping[str, float],
    weights: Mapping[str, float],
    labels: Mapping[str, str],
    *,
    passage_vectors: tuple[np.ndarray, np.ndarray] | None = None,
    query_exclusion: str = "",
) -> Explanation:
    """Build the explanation of one (query, candidate) pair from its scored parts
    (``query_exclusion``: the query's own sentence ruling the candidate out, if any)."""
    industries, disciplines = shared_tags(query, candidate, labels)
    q_text, c_text, sim = best_passages(query, candidate, passage_vectors)
    contributions = {
        name: round(weights.get(name, 0.0) * value, 4) for name, value in parts.items()
    }
    base = Explanation(
        shared_industries=industries,
        shared_disciplines=disciplines,
        query_passage=q_text,
        candidate_passage=c_text,
        passage_similarity=round(sim, 4),
        parts={name: round(value, 4) for name, value in parts.items()},
        contributions=contributions,
        query_passage_zh=aligned_sentence(q_text, query.profile.text_zh) or "",
        candidate_passage_zh=aligned_sentence(c_text, candidate.profile.text_zh) or "",
        query_exclusion=query_exclusion,
    )
    return Explanation(
        **{**base.__dict__, "staff": staff_lines(base, raw, weights), "reasons": reasons(base)}
    )


def staff_lines(
    exp: Explanation, raw: Mapping[str, float], weights: Mapping[str, float]
) -> tuple[str, ...]:
    """The full breakdown for commission staff."""
    total = sum(exp.contributions.values())
    terms = " + ".join(
        f"{name} {weights.get(name, 0.0):g}×{exp.parts[name]:+.2f}" for name in exp.parts
    )
    lines = [
        f"score {total:+.3f} = {terms}  (parts z-scored over the candidates)",
        "raw: "
        + ", ".join(f"{name} {value:.3f}" for name, value in raw.items())
        + "  (dense/passage/lexical: cosines; industry/discipline: P(shared))",
    ]
    for facet, tags in (
        ("industries", exp.shared_industries),
        ("disciplines", exp.shared_disciplines),
    ):
        if tags:
            lines.append(
                f"shared {facet}: "
                + "; ".join(
                    f"{t.code} (query {t.query_source}, candidate {t.candidate_source}, "
                    f"p={t.probability:.2f})"
                    for t in tags
                )
            )
        else:
            lines.append(f"shared {facet}: none")
    lines.append(
        f"best passages (cos {exp.passage_similarity:.2f}): "
        f"“{_quote(exp.query_passage)}” ↔ “{_quote(exp.candidate_passage)}”"
    )
    return tuple(lines)


def _quote(text: str) -> str:
    return quote(text)
