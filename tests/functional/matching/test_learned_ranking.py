"""The app ranks studios for a need by the frozen learned ranking (Σ weight · z-scored part), not
by fit level: a fit level is a label and a filter. Hashing encoder, dev-set studios."""

from __future__ import annotations

import numpy as np

from marketplace.services.matching import live_queries, matches
from matching import fusion
from matching.types import Profile
from tests.functional.matching.conftest import import_dev_studios

BRIEF = ("Our Chongqing hotpot brand needs gift boxes and shelf packaging for a new spicy base; "
         "we do not need a website.")  # fmt: skip


def test_studios_for_a_need_follow_the_fused_score_of_the_frozen_weights(app):
    import_dev_studios(app, 12)
    with app.app_context():
        found = live_queries.studios_for_texts([live_queries.Query("q", BRIEF)], top=8)["q"]
        eng = matches.engine()
        assert eng.matcher.weights == fusion.WEIGHTS  # no weights adopted: the frozen file
        studios = matches.load_studios(eng.encoder)
        listed = matches.listed(studios, matches.prepare_studios(eng, studios))
        (query,) = eng.matcher.prepare([Profile(id="query:q", text=BRIEF)])
        raw = eng.matcher.raw_parts(query, eng.matcher.pool(listed))
        weights = eng.matcher.weights_for(query)
        fused = sum(w * fusion.zscore(raw[p]) for p, w in weights.items() if w)
        rows = {str(s.id): s.ref for s in studios.rows}
        expected = [rows[listed[i].id] for i in np.argsort(-fused, kind="stable")[:8]]
    assert [item["ref"] for item in found] == expected
    scores = [item["score"] for item in found]
    assert scores == sorted(scores, reverse=True)
    assert all(item["reasons"] for item in found)  # every match is still explained
