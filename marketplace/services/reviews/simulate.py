"""Simulated staff decisions from the labelled dev set (for `match learn --simulate` and tests).

For every need, the studios the current weights rank in its top `per_need` become proposals; a
simulated reviewer approves a studio that shares both an industry and a discipline label with the
need and rejects the rest.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from marketplace.services.reviews.learning import Example


def simulated_examples(
    studios: Sequence[Mapping[str, Any]],
    needs: Sequence[Mapping[str, Any]],
    scenarios: Sequence[Mapping[str, Any]],
    encoder,
    *,
    weights: Mapping[str, float] | None = None,
    per_need: int = 10,
) -> list[Example]:
    """Decisions on each need's top proposals, labelled by the dev set's industry/discipline."""
    from matching.engine import Matcher
    from matching.evaluate import relevance
    from matching.fusion import WEIGHTS, fuse, normalise
    from matching.store import encode_profiles
    from matching.text import lexical_text
    from matching.types import Profile

    weights = dict(WEIGHTS if weights is None else weights)
    studio_p = [Profile.from_dict(s, with_tags=False) for s in studios]
    need_p = [Profile.from_dict(n, with_tags=False) for n in needs]
    vectors, _ = encode_profiles(encoder, studio_p + need_p)
    matcher = Matcher.from_catalog(
        scenarios, encoder, corpus=[lexical_text(p) for p in studio_p + need_p], weights=weights
    )
    prepared = matcher.prepare(studio_p + need_p, vectors=vectors)
    pool = matcher.pool(prepared[: len(studio_p)])
    out = []
    for need, query in zip(needs, prepared[len(studio_p) :], strict=True):
        parts = normalise(matcher.raw_parts(query, pool))
        order = np.argsort(-fuse(parts, weights))[:per_need]
        for i in order:
            out.append(Example(
                group=f"need:{need['id']}",
                parts={k: round(float(v[i]), 4) for k, v in parts.items()},
                approved=relevance(need, studios[i]) == 2,
            ))  # fmt: skip
    return out
