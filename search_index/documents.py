"""The plain value the app hands to the index: one searchable row (scenario, studio or need)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

# Bump when the schema or the analysis changes: every stored hash then differs from the
# expected one, so `search check` reports every document stale and `search rebuild` fixes it.
INDEX_FORMAT = 3  # 2: Traditional folded to Simplified, pinyin field; 3: pinyin stretches

KINDS: tuple[str, ...] = ("scenario", "studio", "need")

_CODE = re.compile(r"^[A-Za-z0-9_]{1,32}$")


def make_key(kind: str, doc_id: str | int) -> str:
    """Return the index key "kind:id" used by upsert, delete and diffs."""
    return f"{kind}:{doc_id}"


def split_key(key: str) -> tuple[str, str]:
    """Split a "kind:id" key into (kind, id); raise ValueError on a malformed key."""
    kind, sep, doc_id = key.partition(":")
    if not sep or kind not in KINDS or not doc_id:
        raise ValueError(f"not a search key: {key!r}")
    return kind, doc_id


def _clean_codes(codes: Iterable[str], what: str) -> tuple[str, ...]:
    out = set()
    for code in codes:
        code = str(code).strip().upper()
        if not code:
            continue
        if not _CODE.match(code):
            raise ValueError(f"bad {what} code {code!r}")
        out.add(code)
    return tuple(sorted(out))


@dataclass(frozen=True)
class SearchDocument:
    """One searchable row; the app builds these from its models (no URLs: kind + id suffice)."""

    kind: str
    id: str
    title: str
    title_zh: str = ""
    body: str = ""
    body_zh: str = ""
    industries: Sequence[str] = ()
    disciplines: Sequence[str] = ()
    district: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, got {self.kind!r}")
        doc_id = str(self.id).strip()
        if not doc_id or ":" in doc_id:
            raise ValueError(f"bad document id {self.id!r}")
        # Normalise so that the content hash does not depend on list order or None vs "".
        object.__setattr__(self, "id", doc_id)
        for name in ("title", "title_zh", "body", "body_zh", "district"):
            object.__setattr__(self, name, (getattr(self, name) or "").strip())
        object.__setattr__(self, "industries", _clean_codes(self.industries, "industry"))
        object.__setattr__(self, "disciplines", _clean_codes(self.disciplines, "discipline"))

    @property
    def key(self) -> str:
        """The unique index key, "kind:id"."""
        return make_key(self.kind, self.id)

    def content_hash(self) -> str:
        """Hash of every field plus INDEX_FORMAT; stored in the index so check finds stale docs."""
        payload = asdict(self)
        payload["_format"] = INDEX_FORMAT
        raw = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]
