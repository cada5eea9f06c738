"""Reasons and explanation JSON for pages and the CLI: a thin adapter over `matching.reasons`.

The library is the single builder of the stored JSON and of the English reasons. For a reader in
another language, `reader_reasons` rebuilds the same reasons from the JSON's structured fields
(shared tags, quoted passages) through Flask-Babel, with industry and expertise names localised.
"""

from __future__ import annotations

from typing import Any

from flask_babel import get_locale, gettext
from flask_babel import lazy_gettext as _l

from matching.reasons import (
    DIRECTION_VOICES,
    QUOTE_CHARS,
    explanation_json,
    is_filler,
    passage_reason,
    quote,
    tag_reason,
)

__all__ = [
    "DIRECTION_VOICES",
    "QUOTE_CHARS",
    "explanation_json",
    "passage_reason",
    "reader_reasons",
    "tag_reason",
]

_WHO = {
    "scenario": (_l("the scenario"), _l("the scenario's")),
    "studio": (_l("the studio"), _l("the studio's")),
    "you": (_l("you"), _l("your")),
    "brief": (_l("the brief"), _l("the brief's")),
    "need": (_l("the need"), _l("the need's")),
}
_WHAT = {
    "industry": _l("Same industry: %(names)s"),
    "discipline": _l("Matching expertise: %(names)s"),
}


def _names() -> dict[tuple[str, str], str]:
    from marketplace.services.catalog import scenario_catalogue

    chinese = get_locale().language == "zh"
    out = {}
    for facet, rows in (("industry", scenario_catalogue.all_industries()),
                        ("discipline", scenario_catalogue.all_disciplines())):  # fmt: skip
        for row in rows:
            out[(facet, row.code)] = row.name_zh if chinese and row.name_zh else row.name
    return out


def _source(source: str, voice: str | None) -> str | None:
    if voice is None:
        return None
    who, whose = _WHO[voice]
    if source == "ticked":
        if voice == "you":
            return gettext("%(who)s ticked it", who=str(who))
        return gettext("ticked by %(who)s", who=str(who))
    if source == "predicted":
        return gettext("predicted from %(whose)s description", whose=str(whose))
    return None


def reader_reasons(explanation: dict[str, Any], direction: str | None) -> list[str]:
    """The reasons of a stored match in the reader's language (the library's English as is)."""
    stored = list(explanation.get("reasons", []))
    if get_locale().language == "en" or "shared" not in explanation:
        return stored
    q_voice, c_voice = DIRECTION_VOICES.get(direction or "", (None, None))
    names, out = _names(), []
    for facet in ("industry", "discipline"):
        tags = [t for t in explanation["shared"] if t.get("facet") == facet]
        if not tags:
            continue
        listed = "；".join(names.get((facet, t["code"]), t.get("label", t["code"])) for t in tags)
        notes = [
            n for n in (_source(tags[0].get("candidate_source", ""), c_voice),
                        _source(tags[0].get("query_source", ""), q_voice)) if n
        ]  # fmt: skip
        text = str(_WHAT[facet]) % {"names": listed}
        out.append(text + (f"（{'；'.join(notes)}）" if notes else "") + "。")
    cand, query = explanation.get("candidate_passage"), explanation.get("query_passage")
    if not (is_filler(cand) or is_filler(query)):
        out.extend(_passage_reasons(explanation, cand, query, q_voice, c_voice))
    if ruled_out := explanation.get("query_exclusion"):
        whose = _WHO[q_voice][1] if q_voice else _l("the query's")
        out.append(gettext("Ruled out in %(whose)s own words: “%(sentence)s”",
                           whose=str(whose), sentence=quote(ruled_out)))  # fmt: skip
    return out


def _passage_reasons(
    explanation: dict[str, Any], cand: str | None, query: str | None,
    q_voice: str | None, c_voice: str | None,
) -> list[str]:
    """The closest-passages reason for a reader in another language ([] when nothing to quote)."""
    out: list[str] = []
    # A Chinese reader is quoted the writer's own Chinese sentence where one says the same.
    cand = explanation.get("candidate_passage_zh") or cand
    query = explanation.get("query_passage_zh") or query
    if (cand or query) and not (is_filler(cand) or is_filler(query)):
        if q_voice and c_voice:
            out.append(gettext(
                "Closest match: %(cwhose)s “%(cand)s” for %(qwhose)s “%(query)s”",
                cwhose=str(_WHO[c_voice][1]), cand=quote(cand or ""),
                qwhose=str(_WHO[q_voice][1]), query=quote(query or ""),
            ))  # fmt: skip
        else:
            out.append(gettext("Closest match: “%(cand)s”, for “%(query)s”.",
                               cand=quote(cand or ""), query=quote(query or "")))  # fmt: skip
    return out
