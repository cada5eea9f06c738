"""A proposal's score in a reviewer's words: shared text, product words, tags, runner-ups."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _

WORD = re.compile(r"[A-Za-z][A-Za-z\-]{3,}")
CJK = re.compile(r"[\u4e00-\u9fff]+")
STOP = frozenset((
    "this", "that", "with", "from", "have", "will", "your", "their", "they", "them", "what",
    "when", "where", "which", "while", "into", "also", "more", "most", "such", "than", "then",
    "these", "those", "been", "being", "over", "under", "about", "design", "designs",
    "product", "products", "studio", "studios", "work", "works", "using", "used", "make",
    "makes", "made", "need", "needs", "other", "each", "very", "some", "only", "both",
    "across", "through", "between", "for", "the", "and", "our",
))
MAX_WORDS = 8


@dataclass(frozen=True)
class Point:
    """One heading and what it says about the proposal."""

    heading: str
    text: str


def _level(z: float | None) -> str:
    """How a part of this studio's score compares with the other studios ranked."""
    if z is None:
        return _("not measured")
    if z >= 1.0:
        return _("much stronger than for most studios ranked")
    if z >= 0.3:
        return _("stronger than for most studios ranked")
    if z > -0.3:
        return _("about average among the studios ranked")
    return _("weaker than for most studios ranked")


def _words(text: str) -> set[str]:
    words = {w.lower().strip("-") for w in WORD.findall(text or "")}
    words = {w for w in words if w not in STOP and len(w) >= 4}
    chunks = CJK.findall(text or "")
    if chunks:
        import jieba

        for chunk in chunks:
            words.update(t for t in jieba.cut(chunk) if len(t) >= 2)
    return words


def shared_words(source_text: str, studio_text: str) -> list[str]:
    """Words both texts use, longest (most specific) first."""
    common = _words(source_text) & _words(studio_text)
    return sorted(common, key=lambda w: (-len(w), w))[:MAX_WORDS]


def _tag_text(shared: list[dict[str, Any]], facet: str) -> str | None:
    tags = [t for t in shared if t.get("facet") == facet]
    if not tags:
        return None
    parts = []
    for t in tags:
        how = {
            "ticked": _("the studio ticked it"),
            "predicted": _("read from the studio's description"),
        }.get(t.get("candidate_source", ""), _("from the catalogue"))
        parts.append(f"{t.get('label') or t.get('code')} ({how})")
    return "; ".join(parts)


def _gap(score: float, other: float) -> str:
    gap = score - other
    if gap >= 0.5:
        return _("well ahead of")
    if gap >= 0.15:
        return _("ahead of")
    if gap > -0.15:
        return _("level with")
    return _("behind")


def explain_for_reviewer(
    explanation: dict[str, Any],
    *,
    rank: int | None,
    score: float,
    listed: int,
    source_text: str,
    studio_text: str,
    next_name: str | None = None,
    next_score: float | None = None,
    prev_name: str | None = None,
    prev_score: float | None = None,
) -> list[Point]:
    """The score of one proposal told as four points a reviewer can check."""
    parts = explanation.get("parts") or {}
    points: list[Point] = []
    text = _("How close the two descriptions are: %(level)s.", level=_level(parts.get("dense")))
    if explanation.get("candidate_passage"):
        text += " " + _(
            "Closest passages: the studio's “%(studio)s” for “%(source)s”.",
            studio=explanation.get("candidate_passage", ""),
            source=explanation.get("query_passage", ""),
        )
    points.append(Point(_("What the texts share"), text))
    words = shared_words(source_text, studio_text)
    lexical = _level(parts.get("lexical"))
    points.append(Point(
        _("Product words"),
        (_("Both use: %(words)s.", words=", ".join(words)) if words
         else _("No specific product word in common.")) + " " + _("Word overlap: %(level)s.",
                                                                   level=lexical),
    ))  # fmt: skip
    shared = explanation.get("shared") or []
    industry, expertise = _tag_text(shared, "industry"), _tag_text(shared, "discipline")
    tags = []
    tags.append(_("Same industry: %(tags)s.", tags=industry) if industry
                else _("No industry in common."))  # fmt: skip
    tags.append(_("Matching expertise: %(tags)s.", tags=expertise) if expertise
                else _("No design expertise in common."))  # fmt: skip
    points.append(Point(_("Industry and expertise"), " ".join(tags)))
    ranking = [_("Ranked %(rank)s of %(total)s studios in this list.", rank=rank or "–",
                 total=listed)]  # fmt: skip
    if prev_name is not None and prev_score is not None:
        ranking.append(_("It is %(gap)s the studio above it (%(name)s).",
                         gap=_gap(score, prev_score), name=prev_name))  # fmt: skip
    if next_name is not None and next_score is not None:
        ranking.append(_("It is %(gap)s the runner-up below it (%(name)s).",
                         gap=_gap(score, next_score), name=next_name))  # fmt: skip
    points.append(Point(_("Against the runner-ups"), " ".join(ranking)))
    return points


def part_levels(explanation: dict[str, Any]) -> list[tuple[str, str]]:
    """The score parts as (what it measures, how this studio compares): the staff breakdown."""
    names = {
        "dense": _("Overall meaning of the descriptions"),
        "passage": _("Best-matching sentence pair"),
        "lexical": _("Specific words in common"),
        "industry": _("Same industry"),
        "discipline": _("Matching design expertise"),
        "affirm": _("Text without what it does not do"),
        "maxsim": _("Best sentence for the whole brief"),
        "needmax": _("Each sentence of the brief covered"),
        "negation": _("Stated exclusion close to the brief"),
        "neg_margin": _("Exclusion stronger than its best sentence"),
        "prf": _("Close to the nearest matches"),
        "lexg": _("Words in common, Chinese read in English"),
    }
    parts = explanation.get("parts") or {}
    return [(names.get(k, k), _level(v)) for k, v in parts.items()]
