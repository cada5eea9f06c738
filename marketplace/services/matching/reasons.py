"""Reasons and explanation JSON for pages and the CLI: a thin adapter over `matching.reasons`.

The library is the single builder; this module keeps the app's import path and names.
"""

from __future__ import annotations

from matching.reasons import (
    DIRECTION_VOICES,
    QUOTE_CHARS,
    explanation_json,
    passage_reason,
    tag_reason,
)

__all__ = [
    "DIRECTION_VOICES",
    "QUOTE_CHARS",
    "explanation_json",
    "passage_reason",
    "tag_reason",
]
