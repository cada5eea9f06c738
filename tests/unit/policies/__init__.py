"""Policy tests: one table per domain; each module lists the policies it covers."""

from __future__ import annotations

import importlib
import pkgutil


def covered_elsewhere() -> set[str]:
    """Policy names covered by the other test modules of this package (their COVERS sets)."""
    names: set[str] = set()
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        names |= set(getattr(module, "COVERS", ()))
    return names
