"""Turn a matching Explanation into the stored JSON: parts, tags with sources, and plain reasons."""

from __future__ import annotations

from typing import Any

# Who each side of a ranking is, as the reader of that list sees it.
_VOICES = {
    "scenario": ("the scenario", "the scenario's"),
    "studio": ("the studio", "the studio's"),
    "you": ("you", "your"),
    "brief": ("the brief", "the brief's"),
}
# (query voice, candidate voice) per direction; "studio-scenario" is read by the studio itself.
DIRECTION_VOICES = {
    "scenario-studio": ("scenario", "studio"),
    "studio-scenario": ("you", "scenario"),
    "text-studio": ("brief", "studio"),
    "text-scenario": ("brief", "scenario"),
    "ref-scenario": ("studio", "scenario"),  # a studio's list read by someone else (CLI)
}
QUOTE_CHARS = 160


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "…"


def _source_phrase(source: str, voice: str) -> str | None:
    who, whose = _VOICES[voice]
    if source == "ticked":
        return f"{who} ticked it" if voice == "you" else f"ticked by {who}"
    if source == "predicted":
        return f"predicted from {whose} description"
    return None  # the catalogue's own tags need no comment


def tag_reason(what: str, tags: list[dict[str, Any]], query_voice: str, cand_voice: str) -> str:
    """'Same industry: X — ticked by the studio; predicted from the brief's description.'"""
    names = "; ".join(t["label"] for t in tags)
    first = tags[0]
    notes = [
        phrase
        for phrase in (
            _source_phrase(first["candidate_source"], cand_voice),
            _source_phrase(first["query_source"], query_voice),
        )
        if phrase
    ]
    return f"{what}: {names}" + (f" ({'; '.join(notes)})." if notes else ".")


def passage_reason(query_passage: str, candidate_passage: str, direction: str) -> str:
    """The best-matching sentence pair, in the reader's voice."""
    q_voice, c_voice = DIRECTION_VOICES[direction]
    q_whose, c_whose = _VOICES[q_voice][1], _VOICES[c_voice][1]
    return (
        f"Closest match: {c_whose} “{_quote(candidate_passage)}” "
        f"for {q_whose} “{_quote(query_passage)}”"
    )


def explanation_json(match: Any, direction: str) -> dict[str, Any]:
    """Everything pages and the CLI show about one Match, as plain JSON."""
    exp = match.explanation
    q_voice, c_voice = DIRECTION_VOICES[direction]
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
    reasons = []
    for facet, what in (("industry", "Same industry"), ("discipline", "Matching expertise")):
        tags = [t for t in shared if t["facet"] == facet]
        if tags:
            reasons.append(tag_reason(what, tags, q_voice, c_voice))
    reasons.append(passage_reason(exp.query_passage, exp.candidate_passage, direction))
    return {
        "reasons": reasons,
        "shared": shared,
        "query_passage": exp.query_passage,
        "candidate_passage": exp.candidate_passage,
        "passage_similarity": exp.passage_similarity,
        "parts": {k: round(float(v), 4) for k, v in match.parts.items()},
        "raw": {k: round(float(v), 4) for k, v in match.raw.items()},
        "contributions": dict(exp.contributions),
        "staff": list(exp.staff),
    }
