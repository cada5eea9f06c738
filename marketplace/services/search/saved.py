"""Saved searches and their alerts: save, list, delete, unsubscribe, and the job that tells each
owner about results that are new since the search last ran.

Alerts use the keyword search (BM25F with the glossary's cross-language expansion), the same
ranking the page shows without the vector part, so an alert never announces a result that only
resembles the query. Only public documents are in the index (listed studios, public needs,
scenarios), so an alert can never reveal anything its owner may not see.

Each saved search alerts at once or in one daily digest per account (`send_digests`, a job at
08:00 Beijing time). A studio can also save its own "Needs for you" at a fit level: new open
needs that its stored match rows rate at that level or better alert it the same way.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select

from marketplace.database import write_transaction
from marketplace.extensions import db
from marketplace.models import SavedSearch, User
from marketplace.models._types import utcnow
from marketplace.policies.actor import Actor, actor_of
from marketplace.policies.saved_searches import (
    can_manage_saved_search,
    can_save_search,
    can_watch_needs_for_you,
)
from marketplace.reference import DISCIPLINE_CODES, INDUSTRY_CODES
from marketplace.services.common.service_errors import NotFound, PermissionDenied, ValidationFailed
from marketplace.services.matching import need_matches
from marketplace.services.notifications.sending import notify
from marketplace.services.search.indexing import SEARCH_KINDS, box_text, get_index
from matching.fit import LEVELS, at_least
from search_index import SearchQuery
from search_index.cleaning import clean_query

log = logging.getLogger(__name__)

MAX_PER_ACCOUNT = 20
FREQUENCIES = ("immediate", "daily")  # alert at once, or one digest a day
NEEDS_FOR_YOU = "needs_for_you"  # a studio's own "Needs for you" list, at a chosen fit level
MAX_KEYS = 2000  # results remembered per saved search (the newest are what matter)
PAGE = 100
_SALT = "saved-search-unsubscribe"


@dataclass(frozen=True)
class SearchToSave:
    """A search to save: its words, optional kind, industry and discipline, alert frequency."""

    text: str
    kind: str | None = None
    industry: str | None = None
    discipline: str | None = None
    frequency: str | None = None


@dataclass(frozen=True)
class NeedsForYouAlert:
    """A studio's "Needs for you" alert: the lowest fit level that alerts, and how often."""

    min_fit: str
    frequency: str | None = None


def _needs_for_you(saved: SavedSearch) -> list[tuple[str, str]]:
    """(need key, title) of the owner's studio's open "Needs for you" at the fit level or better."""
    owner = db.session.get(User, saved.user_id)
    if owner is None or owner.studio_id is None:
        return []
    panel = need_matches.needs_for_studio(owner.studio_id, limit=MAX_KEYS)
    return [(f"need:{f.target.id}", f.target.title) for f in panel.fits
            if at_least(f.fit, saved.min_fit or "good")]  # fmt: skip


def _results(saved: SavedSearch) -> list[tuple[str, str]]:
    """(key, title) of every current result of a saved search, best first (bounded)."""
    if saved.kind == NEEDS_FOR_YOU:
        return _needs_for_you(saved)
    out: list[tuple[str, str]] = []
    page = 1
    while len(out) < MAX_KEYS:
        found = get_index().search(SearchQuery(
            text=saved.query, kinds=[saved.kind] if saved.kind else list(SEARCH_KINDS),
            industries=[saved.industry] if saved.industry else [],
            disciplines=[saved.discipline] if saved.discipline else [],
            page=page, per_page=PAGE,
        ))  # fmt: skip
        out.extend((h.key, h.title_zh or h.title) for h in found.hits)
        if not found.has_next:
            break
        page += 1
    return out


def _validate(text: str, kind: str | None, industry: str | None, discipline: str | None) -> str:
    errors = {}
    query = box_text(text or "")
    if len(query) > 300:
        errors["q"] = _("A saved search can be at most %(count)d characters.", count=300)
    elif query and clean_query(query).is_empty:
        errors["q"] = _("Your search had no words we could look for (very common words are "
                        "ignored).")  # fmt: skip
    if kind and kind not in SEARCH_KINDS:
        errors["kind"] = _("Unknown kind of result.")
    if industry and industry not in INDUSTRY_CODES:
        errors["industry"] = _("Unknown industry code.")
    if discipline and discipline not in DISCIPLINE_CODES:
        errors["discipline"] = _("Unknown discipline code.")
    if not errors and not (query or kind or industry or discipline):
        errors["q"] = _("Type some words or choose a filter before saving a search.")
    if errors:
        raise ValidationFailed(errors)
    return query


def _frequency(value: str | None) -> str:
    if (value or "immediate") not in FREQUENCIES:
        raise ValidationFailed({"frequency": _("Choose alerts at once or a daily digest.")})
    return value or "immediate"


def save(actor: Actor, data: SearchToSave) -> SavedSearch:
    """Save a search for the actor; today's results count as seen, so only new ones alert.
    Saving the same search twice returns the one already saved (with the new frequency)."""
    actor = actor_of(actor)
    text, kind, industry, discipline = data.text, data.kind, data.industry, data.discipline
    frequency = data.frequency
    if not can_save_search(actor):
        raise PermissionDenied("only studios and manufacturers save searches")
    query = _validate(text, kind, industry, discipline)
    how = _frequency(frequency)
    with write_transaction() as session:
        mine = list(session.scalars(select(SavedSearch).where(
            SavedSearch.user_id == actor.user_id)))  # fmt: skip
        for saved in mine:
            if (saved.query, saved.kind, saved.industry, saved.discipline) == (
                query, kind, industry, discipline
            ):
                saved.alerts = True
                if frequency:
                    saved.frequency = how
                return saved
        if len(mine) >= MAX_PER_ACCOUNT:
            raise ValidationFailed({"q": _(
                "You can keep at most %(count)d saved searches; delete one first.",
                count=MAX_PER_ACCOUNT)})  # fmt: skip
        saved = SavedSearch(user_id=actor.user_id, query=query, kind=kind, industry=industry,
                            discipline=discipline, frequency=how, pending=[])  # fmt: skip
        saved.seen_keys = [key for key, _title in _results(saved)]
        saved.checked_at = utcnow()
        session.add(saved)
    return saved


def save_needs_for_you(actor: Actor, data: NeedsForYouAlert) -> SavedSearch:
    """A studio saves its "Needs for you" at a fit level: new needs at that level or better
    alert it (today's count as seen). Saving again changes the level of the one saved."""
    actor, min_fit = actor_of(actor), data.min_fit
    if not can_watch_needs_for_you(actor):
        raise PermissionDenied("only a studio has needs for it")
    if min_fit not in LEVELS:
        raise ValidationFailed({"fit": _("Choose a fit level: strong, good or possible.")})
    how = _frequency(data.frequency)
    with write_transaction() as session:
        mine = (SavedSearch.user_id == actor.user_id, SavedSearch.kind == NEEDS_FOR_YOU)
        saved = session.scalars(select(SavedSearch).where(*mine)).first()
        if saved is None:
            saved = SavedSearch(user_id=actor.user_id, query="", kind=NEEDS_FOR_YOU, pending=[])
            session.add(saved)
        saved.min_fit, saved.frequency, saved.alerts = min_fit, how, True
        saved.seen_keys = [key for key, _title in _results(saved)]
        saved.checked_at = utcnow()
    return saved


def list_for(actor: Actor) -> list[SavedSearch]:
    """The actor's saved searches, newest first."""
    if actor.user_id is None:
        return []
    return list(db.session.scalars(
        select(SavedSearch).where(SavedSearch.user_id == actor.user_id)
        .order_by(SavedSearch.created_at.desc(), SavedSearch.id.desc())
    ))  # fmt: skip


def delete(actor: Actor, saved_id: int) -> None:
    """Delete one of the actor's saved searches (another account's, or none: NotFound)."""
    with write_transaction() as session:
        saved = session.get(SavedSearch, saved_id)
        if not can_manage_saved_search(actor, saved):
            raise NotFound("saved search")
        session.delete(saved)


def set_alerts(actor: Actor, saved_id: int, on: bool) -> SavedSearch:
    """Turn a saved search's alerts on or off."""
    with write_transaction() as session:
        saved = session.get(SavedSearch, saved_id)
        if not can_manage_saved_search(actor, saved):
            raise NotFound("saved search")
        saved.alerts = on
    return saved


def set_frequency(actor: Actor, saved_id: int, frequency: str) -> SavedSearch:
    """Alerts at once or as a daily digest; results already waiting go out with the next digest."""
    how = _frequency(frequency)
    with write_transaction() as session:
        saved = session.get(SavedSearch, saved_id)
        if not can_manage_saved_search(actor, saved):
            raise NotFound("saved search")
        saved.frequency = how
    return saved


def unsubscribe_token(saved: SavedSearch | list[SavedSearch]) -> str:
    """The signed token of a one-click unsubscribe link: one saved search, or several of one
    account (a digest's "stop all")."""
    serializer = URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)
    if isinstance(saved, SavedSearch):
        return serializer.dumps([saved.id, saved.user_id])
    return serializer.dumps([[s.id for s in saved], saved[0].user_id])


def _token_ids(token: str) -> tuple[list[int], int] | None:
    try:
        named, user_id = URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT).loads(
            token
        )
    except (BadSignature, ValueError, TypeError):
        return None
    ids = named if isinstance(named, list) else [named]
    if not all(isinstance(i, int) for i in ids) or not isinstance(user_id, int):
        return None
    return ids, user_id


def unsubscribe(token: str) -> bool:
    """Stop the alerts a signed link names; True when the link is valid (again: harmless)."""
    found = _token_ids(token)
    if found is None:
        return False
    ids, user_id = found
    with write_transaction() as session:
        for saved_id in ids:
            saved = session.get(SavedSearch, saved_id)
            if saved is not None and saved.user_id == user_id:
                saved.alerts = False
    return True


def search_link(saved: SavedSearch) -> str:
    """The site path of the saved search's results page."""
    if saved.kind == NEEDS_FOR_YOU:
        return "/dashboard"
    params: dict[str, Any] = {"q": saved.query or None, "kind": saved.kind,
                              "industry": saved.industry, "discipline": saved.discipline}
    return "/search?" + urlencode({k: v for k, v in params.items() if v})


def unsubscribe_link(saved: SavedSearch | list[SavedSearch]) -> str:
    """The one-click unsubscribe link, absolute under SITE_URL (built without a request)."""
    path = f"/saved-searches/unsubscribe/{quote(unsubscribe_token(saved))}"
    return current_app.config.get("SITE_URL", "").rstrip("/") + path


def check_one(saved_id: int) -> int:
    """Run one saved search; notify its owner of results not seen before; returns how many.

    The notification and the updated seen list are written in one transaction, so a retried
    job never announces the same result twice.
    """
    saved = db.session.get(SavedSearch, saved_id)
    if saved is None or not saved.alerts:
        return 0
    current = _results(saved)
    with write_transaction() as session:
        saved = session.get(SavedSearch, saved_id)
        if saved is None or not saved.alerts:
            return 0
        seen = set(saved.seen_keys or [])
        new = [(key, title) for key, title in current if key not in seen]
        saved.checked_at = utcnow()
        if new:
            saved.seen_keys = ([k for k, _t in new] + list(saved.seen_keys or []))[:MAX_KEYS]
        if new and saved.frequency == "daily":  # kept for the digest, seen all the same
            saved.pending = ([[k, t] for k, t in new] + list(saved.pending or []))[:MAX_KEYS]
        elif new:
            saved.last_alert_at = utcnow()
            notify([saved.user_id], "saved_search", link=search_link(saved),
                   query=saved.query or "…", count=len(new), title=new[0][1],
                   unsubscribe=unsubscribe_link(saved))  # fmt: skip
    return len(new)


def check_all() -> tuple[int, int]:
    """Run every saved search with alerts on: (searches run, new results announced)."""
    ids = list(db.session.scalars(select(SavedSearch.id).where(SavedSearch.alerts.is_(True))))
    announced = 0
    for saved_id in ids:
        try:
            announced += check_one(saved_id)
        except Exception:
            log.exception("saved search %s could not be checked; the next run retries", saved_id)
    return len(ids), announced


def send_digest(user_id: int) -> int:
    """One digest for an account: every daily saved search with results waiting, in one
    notification (and so one e-mail); returns how many results it announced.

    The notification and the emptied waiting lists are written in one transaction: a job that
    fails before the commit retries with the same waiting results, one that committed has none
    left, so the same results are never e-mailed twice.
    """
    with write_transaction() as session:
        waiting = [s for s in session.scalars(
            select(SavedSearch).where(SavedSearch.user_id == user_id,
                                      SavedSearch.frequency == "daily",
                                      SavedSearch.alerts.is_(True))
            .order_by(SavedSearch.id)) if s.pending]  # fmt: skip
        if not waiting:
            return 0
        lines, entries, total, first = [], [], 0, ""
        for saved in waiting:
            pending = list(saved.pending or [])
            total += len(pending)
            first = first or pending[0][1]
            lines.append(f"“{saved.query or '…'}” ({len(pending)}): {search_link(saved)}")
            # each search its own one-click link; the message's closing link stops them all
            entries.append([saved.query or "…", len(pending), search_link(saved),
                            unsubscribe_link(saved)])  # fmt: skip
            saved.pending = []
            saved.last_alert_at = utcnow()
        notify([user_id], "saved_search_digest", link="/saved-searches", count=total,
               searches=len(waiting), title=first, lines="\n".join(lines), entries=entries,
               unsubscribe=unsubscribe_link(waiting))  # fmt: skip
    return total


def send_digests() -> tuple[int, int]:
    """The daily job: a digest for every account with waiting results (accounts, results)."""
    users = sorted(set(db.session.scalars(
        select(SavedSearch.user_id).where(SavedSearch.frequency == "daily",
                                          SavedSearch.alerts.is_(True)))))  # fmt: skip
    sent = announced = 0
    for user_id in users:
        count = send_digest(user_id)
        sent += bool(count)
        announced += count
    return sent, announced


def on_index_changed(events: Sequence[Any]) -> None:
    """After studios or needs changed (and the index took them): tell owners what is new."""
    if any(getattr(e, "ids", None) for e in events):
        check_all()
