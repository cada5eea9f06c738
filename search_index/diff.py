"""Compare what the database says should be indexed with what the index holds."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class IndexDiff:
    """Keys missing from the index, indexed with an old hash, or indexed but not expected."""

    missing: tuple[str, ...] = ()
    stale: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()

    @property
    def is_clean(self) -> bool:
        """True when the index matches the database exactly."""
        return not (self.missing or self.stale or self.extra)

    @property
    def keys(self) -> tuple[str, ...]:
        """Every key that needs a refresh (write or delete) to repair the index."""
        return tuple(sorted(set(self.missing) | set(self.stale) | set(self.extra)))

    def summary(self) -> str:
        """One line for logs and the `search check` command."""
        return f"{len(self.missing)} missing, {len(self.stale)} stale, {len(self.extra)} extra"


def diff_index(expected: Mapping[str, str], actual: Mapping[str, str]) -> IndexDiff:
    """Diff {key: content_hash} from the database (expected) against the index (actual)."""
    return IndexDiff(
        missing=tuple(sorted(k for k in expected if k not in actual)),
        stale=tuple(sorted(k for k, h in expected.items() if k in actual and actual[k] != h)),
        extra=tuple(sorted(k for k in actual if k not in expected)),
    )
