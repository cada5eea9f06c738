"""The one builder of plain-language reasons and of the JSON that pages and the CLI show.

Reasons are written in the reader's voice: a direction names who the query and the candidate are
("studio-scenario" is a studio reading its own list, so the query is "you"). ``direction=None``
gives the neutral voice used inside :class:`~matching.types.Explanation`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from typing import Any

from matching.types import Explanation, Match, SharedTag

logger = logging.getLogger(__name__)

QUOTE_CHARS = 160

# Who each side of a ranking is, as the reader of that list sees it: (who, whose).
VOICES: dict[str, tuple[str, str]] = {
    "scenario": ("the scenario", "the scenario's"),
    "studio": ("the studio", "the studio's"),
    "you": ("you", "your"),
    "brief": ("the brief", "the brief's"),
    "need": ("the need", "the need's"),
}
# (query voice, candidate voice) per direction.
DIRECTION_VOICES: dict[str, tuple[str, str]] = {
    "scenario-studio": ("scenario", "studio"),
    "studio-scenario": ("you", "scenario"),
    "text-studio": ("brief", "studio"),
    "text-scenario": ("brief", "scenario"),
    "ref-scenario": ("studio", "scenario"),  # a studio's list read by someone else (CLI)
    "need-studio": ("need", "studio"),  # read by the need's manufacturer or staff
    "studio-need": ("you", "need"),  # "Needs for you", read by the studio
}
FIT_WORDS = {"strong": "Strong fit", "good": "Good fit", "possible": "Possible fit"}


_HALF_TO_FULL = {",": "，", ".": "。", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（",
                 ")": "）"}  # fmt: skip
_CJK_PUNCT = re.compile(r"(?<=[\u3400-\u9fff])([,.;:?!)])|([(])(?=[\u3400-\u9fff])")
FILLER = ("A fictional demo project", "Fictional demo project", "虚构演示项目")  # demo dressing


def chinese_punctuation(text: str) -> str:
    """Half-width punctuation next to Chinese characters back to full width (the text was
    NFKC-normalised for matching; a quote shows it as a Chinese writer wrote it)."""
    return _CJK_PUNCT.sub(lambda m: _HALF_TO_FULL[m.group(1) or m.group(2)], text)


def is_filler(text: str | None) -> bool:
    """True for demo dressing text that must never be quoted as a reason."""
    return bool(text) and any(marker in text for marker in FILLER)


def quote(text: str) -> str:
    """Collapse whitespace, restore Chinese punctuation, cut to QUOTE_CHARS with an ellipsis."""
    text = chinese_punctuation(" ".join(text.split()))
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "…"


def _source_phrase(source: str, voice: str) -> str | None:
    who, whose = VOICES[voice]
    if source == "ticked":
        return f"{who} ticked it" if voice == "you" else f"ticked by {who}"
    if source == "predicted":
        return f"predicted from {whose} description"
    return None  # the catalogue's own tags need no comment


def _as_dict(tag: SharedTag | Mapping[str, Any]) -> Mapping[str, Any]:
    return tag if isinstance(tag, Mapping) else tag.__dict__


def tag_reason(
    what: str,
    tags: Sequence[SharedTag | Mapping[str, Any]],
    query_voice: str | None,
    cand_voice: str | None,
) -> str:
    """'Same industry: X (ticked by the studio; predicted from the brief's description).'"""
    rows = [_as_dict(t) for t in tags]
    names = "; ".join(str(t["label"]) for t in rows)
    if query_voice is None or cand_voice is None:
        guessed = any("predicted" in (t["query_source"], t["candidate_source"]) for t in rows)
        return f"{what}: {names}" + (" (inferred from the descriptions)." if guessed else ".")
    first = rows[0]
    notes = [
        phrase
        for phrase in (
            _source_phrase(first["candidate_source"], cand_voice),
            _source_phrase(first["query_source"], query_voice),
        )
        if phrase
    ]
    return f"{what}: {names}" + (f" ({'; '.join(notes)})." if notes else ".")


def passage_reason(query_passage: str, candidate_passage: str, direction: str | None) -> str:
    """The best-matching sentence pair, in the reader's voice."""
    if direction is None:
        return f"Closest match: “{quote(candidate_passage)}”, for “{quote(query_passage)}”."
    q_voice, c_voice = DIRECTION_VOICES[direction]
    q_whose, c_whose = VOICES[q_voice][1], VOICES[c_voice][1]
    return (
        f"Closest match: {c_whose} “{quote(candidate_passage)}” "
        f"for {q_whose} “{quote(query_passage)}”"
    )


def exclusion_reason(sentence: str, direction: str | None) -> str:
    """The query's own words ruling the candidate out, in the reader's voice."""
    whose = VOICES[DIRECTION_VOICES[direction][0]][1] if direction else "the query's"
    return f"Ruled out in {whose} own words: “{quote(sentence)}”"


def reasons(exp: Explanation, direction: str | None = None) -> tuple[str, ...]:
    """Plain-language reasons (no numbers): shared industry, shared expertise, closest passages,
    and the query's own words where they rule the candidate out."""
    q_voice, c_voice = DIRECTION_VOICES[direction] if direction else (None, None)
    out: list[str] = []
    for tags, what in ((exp.shared_industries, "Same industry"),
                       (exp.shared_disciplines, "Matching expertise")):  # fmt: skip
        if tags:
            out.append(tag_reason(what, tags, q_voice, c_voice))
    if (exp.query_passage or exp.candidate_passage) and not (
        is_filler(exp.query_passage) or is_filler(exp.candidate_passage)
    ):
        out.append(passage_reason(exp.query_passage, exp.candidate_passage, direction))
    if exp.query_exclusion:
        out.append(exclusion_reason(exp.query_exclusion, direction))
    return tuple(out)


def explanation_json(match: Match, direction: str) -> dict[str, Any]:
    """Everything pages and the CLI show about one Match, as plain JSON."""
    exp = match.explanation
    if exp is None:
        raise ValueError(f"match {match.id!r} was ranked without an explanation")
    shared = [
        {
            "code": t.code,
            "facet": t.facet,
            "label": t.label,
            "query_source": t.query_source,
            "candidate_source": t.candidate_source,
            "probability": t.probability,
        }
        for t in (*exp.shared_industries, *exp.shared_disciplines)
    ]
    return {
        "reasons": list(reasons(exp, direction)),
        "shared": shared,
        "query_passage": exp.query_passage,
        "candidate_passage": exp.candidate_passage,
        "query_passage_zh": exp.query_passage_zh,
        "candidate_passage_zh": exp.candidate_passage_zh,
        "passage_similarity": exp.passage_similarity,
        "query_exclusion": exp.query_exclusion,
        "parts": {k: round(float(v), 4) for k, v in match.parts.items()},
        "raw": {k: round(float(v), 4) for k, v in match.raw.items()},
        "contributions": dict(exp.contributions),
        "staff": list(exp.staff),
        "fit": match.fit,  # "strong" | "good" | "possible" | None (matching.fit)
    }
