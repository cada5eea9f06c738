"""The graded set's systems side by side, in one run: plain cosine, the passage scorer, the app's
hybrid (``Matcher.rank``, fit tiers included) and a learned fusion, each per language pair, with
every weight and every choice made on the tune half only.

The learned fusion is a logistic regression (scikit-learn) over per-need z-scored features:
  cos, affirm, maxsim, needmax, negation     plain cosine and the passage parts (passage_match)
  app_dense/_lexical/_industry/_discipline/_passage   the app's hybrid parts (Matcher.raw_parts)
  prf            cosine of the need expanded with its two nearest studios (pseudo-relevance
                 feedback, q + 0.25 · mean of their vectors)
  neg_margin     how far the studio's best exclusion sentence beats its best capability sentence
  neg_over_affirm  the exclusion's cosine minus the profile's (−1 when it states none)
  lexg           TF-IDF cosine of the glossed texts (Chinese read through the lexicon, so it
                 reaches across languages; fitted on the set's own texts, no grades)
The feature set, C and the label threshold (grade ≥ 1 or ≥ 2) are chosen by mean tune-half
nDCG@10 over the four language pairs; one set of weights serves every pair.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from matching.evaluate import _setup, ndcg_at_k
from matching.fusion import WEIGHTS as APP_WEIGHTS
from matching.graded import GOOD, recall_at
from matching.graded_set import PAIRS, GradedSet, _need, _studio, _whole, figure_rows
from matching.passage_match import WEIGHTS as PASSAGE_WEIGHTS
from matching.passage_match import fuse_parts, need_pieces, score_parts, split_profile

Key = tuple[str, str]  # (language pair, need id)

BASE = ["cos", "affirm", "maxsim", "needmax", "negation",
        "app_lexical", "app_industry", "app_discipline", "app_passage"]  # fmt: skip
FEATURE_SETS: dict[str, list[str]] = {
    "base": BASE,
    "base+prf": [*BASE, "prf"],
    "base+exclusions": [*BASE, "neg_margin", "neg_over_affirm"],
    "base+prf+exclusions": [*BASE, "prf", "neg_margin", "neg_over_affirm"],
    "base+prf+exclusions+lexg": [*BASE, "prf", "neg_margin", "neg_over_affirm", "lexg"],
    "text only": ["cos", "affirm", "maxsim", "needmax", "negation", "app_lexical", "app_passage"],
}
C_GRID = (0.01, 0.1, 1.0)
LABEL_GRID = (1, 2)
SYSTEMS = ("cosine", "passages (tuned)", "app hybrid", "learned fusion")


def zscore(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    sd = x.std()
    return (x - x.mean()) / sd if sd > 1e-9 else np.zeros_like(x)


def features(
    data: GradedSet,
    encoder: Any,
    scenarios: Sequence[Mapping[str, Any]],
    *,
    industries: Sequence[Mapping[str, Any]] = (),
    disciplines: Sequence[Mapping[str, Any]] = (),
) -> tuple[dict[Key, dict[str, np.ndarray]], dict[Key, np.ndarray]]:
    """Every feature for every (pair, need) over the studios, and the app's ranking as scores
    (number of studios minus rank, so higher is better)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    feats: dict[Key, dict[str, np.ndarray]] = {}
    docs: dict[tuple[str, str, str], str] = {}
    for lang in ("en", "zh"):
        for s in data.studios:
            docs[("s", lang, s["id"])] = _whole(*_studio(s, lang))
        for n in data.needs:
            docs[("n", lang, n["id"])] = need_pieces(*_need(n, lang))[0]
    tfidf = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit(list(docs.values()))
    for pair in PAIRS:
        qlang, slang = pair.split("→")
        split = [split_profile(*_studio(s, slang)) for s in data.studios]
        svec = np.asarray(encoder.encode([docs[("s", slang, s["id"])] for s in data.studios]),
                          np.float32)  # fmt: skip
        smat = tfidf.transform([docs[("s", slang, s["id"])] for s in data.studios])
        for n in data.needs:
            q = need_pieces(*_need(n, qlang))
            qv = np.asarray(encoder.encode([q[0]]), np.float32)[0]
            f = {k: np.asarray(v, np.float64) for k, v in score_parts(q, split, encoder).items()}
            f["cos"] = (svec @ qv).astype(np.float64)
            top = np.argsort(-f["cos"], kind="stable")[:2]
            expanded = qv + 0.25 * svec[top].mean(axis=0)
            f["prf"] = (svec @ (expanded / np.linalg.norm(expanded))).astype(np.float64)
            stated = f["negation"] > 0
            f["neg_margin"] = np.where(stated, np.maximum(0.0, f["negation"] - f["maxsim"]), 0.0)
            f["neg_over_affirm"] = np.where(stated, f["negation"] - f["affirm"], -1.0)
            f["lexg"] = (smat @ tfidf.transform([docs[("n", qlang, n["id"])]]).T).toarray().ravel()
            feats[(pair, n["id"])] = f
    app = _app_hybrid(data, encoder, scenarios, industries, disciplines, feats)
    return feats, app


def _app_hybrid(data, encoder, scenarios, industries, disciplines, feats) -> dict[Key, np.ndarray]:
    """The app's Matcher (catalogue-fitted tagger and lexical scorer, default weights) ranking
    each need's studios in full, fit tiers included; its raw parts go into ``feats``."""
    groups: dict[str, list[dict[str, str]]] = {}
    for lang in ("en", "zh"):
        groups[f"need-{lang}"] = [
            {"id": n["id"], "title": _need(n, lang)[0], "text": _need(n, lang)[1]}
            for n in data.needs
        ]
        groups[f"studio-{lang}"] = [
            {"id": s["id"], "title": _studio(s, lang)[0], "text": _studio(s, lang)[1]}
            for s in data.studios
        ]
    setup = _setup(groups, scenarios, encoder, industries=industries, disciplines=disciplines,
                   weights=APP_WEIGHTS, normalisation="z", adapt=True, passages=True)  # fmt: skip
    matcher, ids = setup.matcher, [s["id"] for s in data.studios]
    out: dict[Key, np.ndarray] = {}
    for pair in PAIRS:
        qlang, slang = pair.split("→")
        pool = matcher.pool([setup.prepared[f"studio-{slang}:{i}"] for i in ids])
        position = {f"studio-{slang}:{i}": j for j, i in enumerate(ids)}
        for n in data.needs:
            query = setup.prepared[f"need-{qlang}:{n['id']}"]
            for part, values in matcher.raw_parts(query, pool).items():
                feats[(pair, n["id"])][f"app_{part}"] = np.asarray(values, np.float64)
            ranked = matcher.rank(query, pool, k=len(ids), explain_matches=False)
            scores = np.zeros(len(ids))
            for r, match in enumerate(ranked):
                scores[position[match.id]] = len(ids) - r
            out[(pair, n["id"])] = scores
    return out


@dataclass
class Fusion:
    """The learned fusion chosen on the tune half."""

    feature_set: str
    c: float
    label: int
    weights: dict[str, float]
    tune_score: float

    def score(self, f: Mapping[str, np.ndarray]) -> np.ndarray:
        return sum(w * zscore(f[k]) for k, w in self.weights.items())


def _mean_ndcg(score: Callable[[Key], np.ndarray], grades, ids: Sequence[str]) -> float:
    return float(np.mean([ndcg_at_k(score((p, i)), grades[i]) for p in PAIRS for i in ids]))


def learn_fusion(
    feats: Mapping[Key, Mapping[str, np.ndarray]],
    grades: Mapping[str, np.ndarray],
    tune_ids: Sequence[str],
) -> Fusion:
    """Logistic regression on the tune needs' (pair, need, studio) rows; the feature set, C and
    label threshold with the best mean tune nDCG@10 win (ties keep the earlier)."""
    from sklearn.linear_model import LogisticRegression

    best: Fusion | None = None
    for (name, cols), c, label in itertools.product(FEATURE_SETS.items(), C_GRID, LABEL_GRID):
        x = np.vstack([np.column_stack([zscore(feats[(p, i)][k]) for k in cols])
                       for p in PAIRS for i in tune_ids])  # fmt: skip
        y = np.concatenate([grades[i] >= label for p in PAIRS for i in tune_ids]).astype(int)
        coef = LogisticRegression(C=c, max_iter=2000).fit(x, y).coef_[0]
        fusion = Fusion(name, c, label, dict(zip(cols, map(float, coef), strict=True)), 0.0)
        fusion.tune_score = _mean_ndcg(lambda key, f=fusion: f.score(feats[key]), grades, tune_ids)
        if best is None or fusion.tune_score > best.tune_score + 1e-9:
            best = fusion
    assert best is not None
    return best


@dataclass
class Comparison:
    """Per half, pair and system: (mean graded nDCG@10, mean recall@5 of grade ≥ 2)."""

    fusion: Fusion
    passage_weights: dict[str, float]
    sizes: dict[str, int]
    figures: dict[tuple[str, str, str], tuple[float, float]] = field(default_factory=dict)


def compare(
    data: GradedSet,
    feats: Mapping[Key, Mapping[str, np.ndarray]],
    app: Mapping[Key, np.ndarray],
    passage_weights: Mapping[str, float] = PASSAGE_WEIGHTS,
) -> Comparison:
    """All four systems on both halves; ``passage_weights`` as chosen on the tune half."""
    grades = {n["id"]: np.array([data.grades[n["id"]][s["id"]] for s in data.studios], float)
              for n in data.needs}  # fmt: skip
    fusion = learn_fusion(feats, grades, data.ids("tune"))
    scorers: dict[str, Callable[[Key], np.ndarray]] = {
        "cosine": lambda key: feats[key]["cos"],
        "passages (tuned)": lambda key: fuse_parts(feats[key], passage_weights),
        "app hybrid": lambda key: app[key],
        "learned fusion": lambda key: fusion.score(feats[key]),
    }
    out = Comparison(
        fusion,
        dict(passage_weights),
        {
            "tune": len(data.ids("tune")),
            "test": len(data.ids("test")),
            "studios": len(data.studios),
        },
    )
    for half in ("test", "tune"):
        ids = data.ids(half)
        for pair, (name, score) in itertools.product(PAIRS, scorers.items()):
            nd = float(np.mean([ndcg_at_k(score((pair, i)), grades[i]) for i in ids]))
            rc = float(np.nanmean([recall_at(score((pair, i)), grades[i], 5, GOOD) for i in ids]))
            out.figures[(half, pair, name)] = (nd, rc)
    return out


def format_comparison(c: Comparison) -> str:
    """One table: test half first, each system's nDCG@10, recall@5, × cosine and × en→en."""
    f = c.fusion
    lines = [
        f"graded set: {c.sizes['tune']} tune + {c.sizes['test']} test needs × "
        f"{c.sizes['studios']} studios; every choice below made on the tune half",
        "passage weights: " + ", ".join(f"{k} {v:g}" for k, v in c.passage_weights.items()),
        f"learned fusion: features '{f.feature_set}', C {f.c:g}, label grade ≥ {f.label}, "
        f"tune mean nDCG@10 {f.tune_score:.3f}",
        "  weights (z-scored features): "
        + ", ".join(f"{k} {w:+.2f}" for k, w in f.weights.items()),
    ]
    lines += figure_rows(c.figures, SYSTEMS, 18)
    return "\n".join(lines)
