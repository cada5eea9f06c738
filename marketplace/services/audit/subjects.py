"""What an audit row or a decision is about, by title and name with a page to link to, instead
of its internal key ("need:13 > studio:19" reads "SUV styling brief → Seat Comfort Co")."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from flask_babel import get_locale
from sqlalchemy import select

from marketplace.extensions import db
from marketplace.models import Need, Scenario, Studio, User
from marketplace.models.matching import split_key


@dataclass(frozen=True)
class Part:
    """One named object: its words and, when it has a page, the endpoint and arguments."""

    text: str
    endpoint: str | None = None
    args: dict = field(default_factory=dict)


def _zh() -> bool:
    locale = get_locale()
    return bool(locale and locale.language == "zh")


def _names(keys: set[str]) -> dict[str, Part]:
    by_kind: dict[str, set[str]] = {}
    for key in keys:
        kind, value = split_key(key)
        by_kind.setdefault(kind, set()).add(value)
    out: dict[str, Part] = {}
    ids = lambda kind: [int(v) for v in by_kind.get(kind, ()) if v.isdigit()]  # noqa: E731
    for s in db.session.scalars(select(Studio).where(Studio.id.in_(ids("studio")))):
        name = s.name_zh if _zh() and s.name_zh else s.name
        out[f"studio:{s.id}"] = Part(name, "studios.detail", {"studio_id": s.id})
    for n in db.session.scalars(select(Need).where(Need.id.in_(ids("need")))):
        out[f"need:{n.id}"] = Part(n.title, "needs.detail", {"need_id": n.id})
    codes = list(by_kind.get("scenario", ()))
    for sc in db.session.scalars(select(Scenario).where(Scenario.code.in_(codes))):
        title = sc.title_zh if _zh() and sc.title_zh else sc.title
        out[f"scenario:{sc.code}"] = Part(title, "catalog.scenario", {"code": sc.code})
    users = ids("user") + ids("manufacturer")
    for u in db.session.scalars(select(User).where(User.id.in_(users))):
        part = Part(u.organisation_name or u.email)
        out[f"user:{u.id}"] = out[f"manufacturer:{u.id}"] = part
    return out


def describe(subjects: Iterable[str | None]) -> dict[str, list[Part]]:
    """Each subject as the parts it names (a pair "a>b" names two), missing ones as their key."""
    wanted = {s for s in subjects if s}
    keys = {k for s in wanted for k in s.split(">") if ":" in k and not k.startswith("/")}
    names = _names(keys)
    out = {}
    for subject in wanted:
        if subject.startswith("/"):  # a refused address: the path itself is what a person reads
            out[subject] = [Part(subject)]
            continue
        out[subject] = [names.get(k) or Part(_fallback(k)) for k in subject.split(">")]
    return out


def _fallback(key: str) -> str:
    kind, value = split_key(key)
    if kind == "weights":
        return value
    return f"#{value}" if value.isdigit() else (value or key)
