"""Plain value types that flow in and out of the matching library."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import numpy as np

    from matching.store import ProfileVectors

TagSource = Literal["ticked", "predicted", "catalogue"]
Facet = Literal["industry", "discipline"]


@dataclass(frozen=True)
class Profile:
    """One side of a match: a studio, a manufacturer's need or a catalogue scenario.

    ``industries`` / ``disciplines`` are the tags its owner ticked (or the catalogue's own tags);
    an empty tuple means "unknown" and the tag classifier fills it in with predictions.
    ``extra_texts`` are separately meaningful passages, e.g. portfolio items or deliverables.
    ``keywords`` only feed the lexical scorer (e.g. a Chinese title next to an English text; the
    encoder is English-only), so they never change the stored vectors.
    """

    id: str
    text: str
    title: str = ""
    industries: tuple[str, ...] = ()
    disciplines: tuple[str, ...] = ()
    extra_texts: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    tag_source: TagSource = "ticked"
    text_zh: str = ""  # the writer's own Chinese text, where it exists: quoted to Chinese readers

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, with_tags: bool = True) -> Profile:
        """Build a profile from a studio/need JSON line (``industry`` or ``industries``)."""
        industries: Sequence[str] = ()
        disciplines: Sequence[str] = ()
        if with_tags:
            industries = data.get("industries") or (
                [data["industry"]] if data.get("industry") else []
            )
            disciplines = data.get("disciplines") or ()
        return cls(
            id=str(data["id"]),
            text=str(data.get("text", "")),
            title=str(data.get("title", "")),
            industries=tuple(industries),
            disciplines=tuple(disciplines),
            extra_texts=tuple(str(t) for t in data.get("extra_texts", ()) if t),
        )

    @classmethod
    def from_scenario(cls, data: Mapping[str, Any]) -> Profile:
        """Build a catalogue profile from a scenario dict of ``industries/<CODE>.json``."""
        summary = str(data.get("summary", ""))
        description = str(data.get("description", ""))
        deliverables = data.get("deliverables") or ()
        if isinstance(deliverables, str):
            deliverables = [deliverables]
        text = " ".join(t for t in (summary, description) if t)
        extra = (
            ("Deliverables: " + "; ".join(str(d) for d in deliverables),) if deliverables else ()
        )
        return cls(
            id=str(data["code"]),
            text=text,
            title=str(data.get("title", "")),
            industries=(str(data["industry"]),) if data.get("industry") else (),
            disciplines=tuple(str(d) for d in data.get("disciplines", ())),
            extra_texts=extra,
            keywords=tuple(str(data[k]) for k in ("title_zh",) if data.get(k)),
            tag_source="catalogue",
            text_zh=" ".join(str(data[k]) for k in ("summary_zh", "description_zh") if data.get(k)),
        )


@dataclass(frozen=True)
class SharedTag:
    """A tag both sides carry, and where each side's tag came from."""

    code: str
    facet: Facet
    label: str
    query_source: TagSource
    candidate_source: TagSource
    probability: float


@dataclass(frozen=True)
class Explanation:
    """Why a candidate was recommended: shared tags, best passage pair and the score parts."""

    shared_industries: tuple[SharedTag, ...]
    shared_disciplines: tuple[SharedTag, ...]
    query_passage: str
    candidate_passage: str
    passage_similarity: float
    parts: Mapping[str, float]
    contributions: Mapping[str, float]
    staff: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    query_passage_zh: str = ""  # the writer's Chinese sentence saying the same, where it exists
    candidate_passage_zh: str = ""
    # the query's own sentence saying it does not do what the candidate is about (fit capped)
    query_exclusion: str = ""


@dataclass(frozen=True)
class Match:
    """One ranked candidate: id, fused score, normalised and raw part scores, explanation.

    ``score`` and ``parts`` are relative to the candidates ranked together (z-scores); ``raw``
    (cosines and tag-sharing probabilities) is comparable across rankings.
    """

    id: str
    score: float
    parts: Mapping[str, float] = field(default_factory=dict)
    raw: Mapping[str, float] = field(default_factory=dict)
    explanation: Explanation | None = None
    fit: str | None = None


@dataclass(frozen=True)
class Prepared:
    """A profile with its vectors, passages and tag probabilities (ticked/catalogue/predicted)."""

    profile: Profile
    vectors: ProfileVectors
    passages: tuple[str, ...]
    industries: np.ndarray
    disciplines: np.ndarray
    industry_source: TagSource
    discipline_source: TagSource

    @property
    def id(self) -> str:
        """The profile id."""
        return self.profile.id
