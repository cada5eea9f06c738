"""The app's ranking on the graded set, and how its frozen weights are chosen (tune half only).

The app ranks by ``fusion.WEIGHTS`` (data/ranking_weights.json): a weighted sum of the Matcher's
parts, each z-scored over the candidates of one query (``Matcher.rank``). The weights are a
logistic regression (scikit-learn) fitted on the TUNE half's (language pair, need, studio) rows,
the parts being exactly what ``Matcher.raw_parts`` computes in the app. Chosen by mean tune-half
nDCG@10 over the four language pairs, ties keeping the earlier (simpler) choice:

  feature set   which parts vote (FEATURE_SETS)
  C             the regression's inverse regularisation (C_GRID)
  label         a studio counts as relevant from grade 1 or from grade 2 (LABEL_GRID)
  languages     one set of weights, or one for queries written in Chinese and one for English

``learn_ranking`` chooses; ``write_ranking`` freezes the choice into the file, which bench
``--write`` does only when the choice beats the weights in force on the same tune half
(``tune_score``, ``keeps_incumbent``: champion/challenger); ``compare`` then
ranks every need with the app's own ``Matcher.rank`` (the code path the app uses) and reports it
next to plain MiniLM cosine, the passage scorer and the hand-set hybrid the app used before
(fit tiers first), per half (test first, then any holdout split, then tune).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from matching.evaluate import _setup, ndcg_at_k
from matching.fit import tier_order
from matching.fusion import HAND_WEIGHTS, PARTS, RANKING_PATH, WEIGHTS, WEIGHTS_BY_QUERY_LANGUAGE
from matching.graded import GOOD, recall_at
from matching.graded_set import PAIRS, GradedSet, _need, _studio, _whole, figure_rows
from matching.passage_match import WEIGHTS as PASSAGE_WEIGHTS
from matching.passage_match import fuse_parts, need_pieces, score_parts, split_profile

Key = tuple[str, str]  # (language pair, need id)

APP = ["dense", "lexical", "industry", "discipline"]
PASSAGES = ["passage", "maxsim", "needmax", "negation"]
FEATURE_SETS: dict[str, list[str]] = {
    "app parts": [*APP, "passage"],
    "app+passages": [*APP, *PASSAGES],
    "app+passages+prf": [*APP, *PASSAGES, "prf"],
    "app+passages+exclusions": [*APP, *PASSAGES, "neg_margin"],
    "app+passages+prf+exclusions": [*APP, *PASSAGES, "prf", "neg_margin"],
    # lexg was first tried after test-half figures had been seen (see README); it competes here
    # like any other set, on the tune half only.
    "app+passages+prf+exclusions+lexg": [*APP, *PASSAGES, "prf", "neg_margin", "lexg"],
    "app+passages+lexg": [*APP, *PASSAGES, "lexg"],
    # affirm (the text without its exclusion sentences) was added to the Matcher after the test
    # figures of the sets above had been seen (README): it competes on the tune half only.
    "app+affirm+passages+prf+exclusions": [*APP, "affirm", *PASSAGES, "prf", "neg_margin"],
    "app+affirm+passages+prf+exclusions+lexg": [*APP, "affirm", *PASSAGES, "prf", "neg_margin",
                                                "lexg"],
}
C_GRID = (0.01, 0.1, 1.0)
LABEL_GRID = (1, 2)
LANGUAGE_MODES = ("one", "by query language")
SYSTEMS = ("cosine", "passages (tuned)", "app before", "app ranking")
REGENERATE = "HF_HUB_OFFLINE=1 .venv/bin/python bench/match_graded.py --write"


def zscore(x: np.ndarray) -> np.ndarray:
    """As fusion.zscore (mean 0, sd 1 over one query's candidates; constant → 0)."""
    x = np.asarray(x, dtype=np.float64)
    sd = x.std()
    return (x - x.mean()) / sd if sd > 1e-6 else np.zeros_like(x)


def query_language(pair: str) -> str:
    return pair.split("→")[0]


@dataclass
class Setup:
    """The app's Matcher fitted on the catalogue plus the graded texts, and their profiles."""

    matcher: Any
    prepared: dict[str, Any]
    ids: list[str]
    pools: dict[str, Any]


def app_setup(
    data: GradedSet,
    encoder: Any,
    scenarios: Sequence[Mapping[str, Any]],
    *,
    industries: Sequence[Mapping[str, Any]] = (),
    disciplines: Sequence[Mapping[str, Any]] = (),
) -> Setup:
    """The app's Matcher (catalogue-fitted tagger and lexical scorers, texts only: tags are
    predicted, as for a profile without ticked tags) over the graded needs and studios."""
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
                   weights=WEIGHTS, normalisation="z", adapt=True, passages=True)  # fmt: skip
    matcher, ids = setup.matcher, [s["id"] for s in data.studios]
    pools = {
        lang: matcher.pool([setup.prepared[f"studio-{lang}:{i}"] for i in ids])
        for lang in ("en", "zh")
    }
    return Setup(matcher, setup.prepared, ids, pools)


def app_features(data: GradedSet, setup: Setup) -> dict[Key, dict[str, np.ndarray]]:
    """Every part ``Matcher.raw_parts`` computes, for every (pair, need) over all studios."""
    feats: dict[Key, dict[str, np.ndarray]] = {}
    for pair in PAIRS:
        qlang, slang = pair.split("→")
        for n in data.needs:
            query = setup.prepared[f"need-{qlang}:{n['id']}"]
            raw = setup.matcher.raw_parts(query, setup.pools[slang])
            feats[(pair, n["id"])] = {k: np.asarray(v, np.float64) for k, v in raw.items()}
    return feats


def baselines(
    data: GradedSet, encoder: Any, *, passages: bool = True
) -> dict[Key, dict[str, np.ndarray]]:
    """Plain MiniLM cosine of the glossed whole texts and (``passages``) the passage scorer's
    parts."""
    out: dict[Key, dict[str, np.ndarray]] = {}
    for pair in PAIRS:
        qlang, slang = pair.split("→")
        split = [split_profile(*_studio(s, slang)) for s in data.studios]
        svec = np.asarray(encoder.encode([_whole(*_studio(s, slang)) for s in data.studios]),
                          np.float32)  # fmt: skip
        for n in data.needs:
            q = need_pieces(*_need(n, qlang))
            qv = np.asarray(encoder.encode([q[0]]), np.float32)[0]
            f = (
                {k: np.asarray(v, np.float64) for k, v in score_parts(q, split, encoder).items()}
                if passages
                else {}
            )
            f["cos"] = (svec @ qv).astype(np.float64)
            out[(pair, n["id"])] = f
    return out


@dataclass
class Ranking:
    """A learned ranking: weights per part (and per query language where chosen)."""

    feature_set: str
    c: float
    label: int
    languages: str
    weights: dict[str, float]
    by_language: dict[str, dict[str, float]] = field(default_factory=dict)
    tune_score: float = 0.0

    def weights_for(self, pair: str) -> dict[str, float]:
        return self.by_language.get(query_language(pair), self.weights)

    def score(self, pair: str, f: Mapping[str, np.ndarray]) -> np.ndarray:
        weights = self.weights_for(pair)
        return sum(w * zscore(f[k]) for k, w in weights.items() if w)


def _fit(feats, grades, keys: Sequence[Key], cols: Sequence[str], c: float, label: int):
    from sklearn.linear_model import LogisticRegression

    x = np.vstack([np.column_stack([zscore(feats[key][k]) for k in cols]) for key in keys])
    y = np.concatenate([grades[key[1]] >= label for key in keys]).astype(int)
    coef = LogisticRegression(C=c, max_iter=2000).fit(x, y).coef_[0]
    return {k: round(float(w), 4) for k, w in zip(cols, coef, strict=True)}


def _mean_ndcg(score: Callable[[Key], np.ndarray], grades, ids: Sequence[str]) -> float:
    return float(np.mean([ndcg_at_k(score((p, i)), grades[i]) for p in PAIRS for i in ids]))


def learn_ranking(
    feats: Mapping[Key, Mapping[str, np.ndarray]],
    grades: Mapping[str, np.ndarray],
    tune_ids: Sequence[str],
    tried: list[Ranking] | None = None,
) -> Ranking:
    """Logistic regression on the tune needs' rows; the feature set, C, label threshold and
    language mode with the best mean tune nDCG@10 over the four pairs win (ties: the earlier)."""
    best: Ranking | None = None
    keys = [(p, i) for p in PAIRS for i in tune_ids]
    grid = itertools.product(LANGUAGE_MODES, FEATURE_SETS.items(), C_GRID, LABEL_GRID)
    for mode, (name, cols), c, label in grid:
        ranking = Ranking(name, c, label, mode, _fit(feats, grades, keys, cols, c, label))
        if mode == "by query language":
            for lang in ("en", "zh"):
                mine = [k for k in keys if query_language(k[0]) == lang]
                ranking.by_language[lang] = _fit(feats, grades, mine, cols, c, label)
        ranking.tune_score = _mean_ndcg(
            lambda key, r=ranking: r.score(key[0], feats[key]), grades, tune_ids
        )
        if tried is not None:
            tried.append(ranking)
        if best is None or ranking.tune_score > best.tune_score + 1e-9:
            best = ranking
    assert best is not None
    return best


def tune_score(ranking: Ranking, feats, grades, tune_ids: Sequence[str]) -> float:
    """A ranking's mean nDCG@10 over the given (tune) needs and the four pairs."""
    return _mean_ndcg(lambda key: ranking.score(key[0], feats[key]), grades, tune_ids)


def keeps_incumbent(challenger: Ranking, incumbent_score: float) -> bool:
    """Whether the weights in force stay: the grid's best must beat them on the tune half
    (their score on the same features and needs) to replace them; ties keep them."""
    return challenger.tune_score <= incumbent_score + 1e-9


def write_ranking(ranking: Ranking, data: GradedSet, path: Path = RANKING_PATH) -> None:
    """Freeze a ranking into the file ``fusion`` loads (every part named, 0 where unused)."""
    complete = lambda w: {p: float(w.get(p, 0.0)) for p in PARTS}  # noqa: E731
    body = {
        "chosen_on": f"tune half of tests/data/graded: {len(data.ids('tune'))} needs × "
        f"{len(data.studios)} studios × 4 language pairs ({', '.join(PAIRS)})",
        "regenerate": REGENERATE,
        "model": "logistic regression (scikit-learn) on per-query z-scored parts",
        "feature_set": ranking.feature_set,
        "C": ranking.c,
        "label": f"grade >= {ranking.label}",
        "languages": ranking.languages,
        "tune_mean_ndcg10": round(ranking.tune_score, 4),
        "weights": complete(ranking.weights),
    }
    if ranking.by_language:
        body["by_query_language"] = {k: complete(v) for k, v in ranking.by_language.items()}
        body["weights"] = complete(ranking.by_language["en"])
    path.write_text(json.dumps(body, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def frozen_ranking() -> Ranking:
    """The ranking the app uses (fusion.WEIGHTS, per-language overrides)."""
    return Ranking("frozen", 0.0, 0, "frozen", dict(WEIGHTS),
                   {k: dict(v) for k, v in WEIGHTS_BY_QUERY_LANGUAGE.items()})  # fmt: skip


def app_rankings(
    data: GradedSet,
    setup: Setup,
    weights: Mapping[str, float] | None = None,
    language_weights: Mapping[str, Mapping[str, float]] | None = None,
    *,
    tiers: bool = False,
) -> dict[Key, np.ndarray]:
    """Each need's studios ranked by the app's own ``Matcher.rank`` (all studios, no fit
    filter), as scores (number of studios minus rank). ``weights`` None: the frozen ranking
    the app uses; ``tiers``: reordered by fit level as the app did before (for comparison)."""
    matcher = setup.matcher
    saved = matcher.weights, matcher.language_weights
    if weights is not None:
        matcher.weights, matcher.language_weights = dict(weights), dict(language_weights or {})
    else:
        matcher.weights = dict(WEIGHTS)
        matcher.language_weights = {k: dict(v) for k, v in WEIGHTS_BY_QUERY_LANGUAGE.items()}
    out: dict[Key, np.ndarray] = {}
    try:
        for pair in PAIRS:
            qlang, slang = pair.split("→")
            position = {f"studio-{slang}:{i}": j for j, i in enumerate(setup.ids)}
            for n in data.needs:
                query = setup.prepared[f"need-{qlang}:{n['id']}"]
                ranked = matcher.rank(query, setup.pools[slang], k=len(setup.ids),
                                      explain_matches=False)  # fmt: skip
                if tiers:
                    ranked = [ranked[i] for i in tier_order([m.fit for m in ranked])]
                scores = np.zeros(len(setup.ids))
                for r, match in enumerate(ranked):
                    scores[position[match.id]] = len(setup.ids) - r
                out[(pair, n["id"])] = scores
    finally:
        matcher.weights, matcher.language_weights = saved
    return out


@dataclass
class Comparison:
    """Per half, pair and system: (mean graded nDCG@10, mean recall@5 of grade ≥ 2)."""

    ranking: Ranking
    passage_weights: dict[str, float]
    sizes: dict[str, int]
    figures: dict[tuple[str, str, str], tuple[float, float]] = field(default_factory=dict)


def grades_of(data: GradedSet) -> dict[str, np.ndarray]:
    return {n["id"]: np.array([data.grades[n["id"]][s["id"]] for s in data.studios], float)
            for n in data.needs}  # fmt: skip


def score_systems(
    data: GradedSet, scorers: Mapping[str, Callable[[Key], np.ndarray]]
) -> dict[tuple[str, str, str], tuple[float, float]]:
    """nDCG@10 and recall@5 (grade ≥ 2) of each system, per half present and pair."""
    grades = grades_of(data)
    figures = {}
    for half in data.halves():
        ids = data.ids(half)
        for pair, (name, score) in itertools.product(PAIRS, scorers.items()):
            nd = float(np.mean([ndcg_at_k(score((pair, i)), grades[i]) for i in ids]))
            rc = [recall_at(score((pair, i)), grades[i], 5, GOOD) for i in ids]
            rc_mean = float(np.nanmean(rc)) if not np.all(np.isnan(rc)) else float("nan")
            figures[(half, pair, name)] = (nd, rc_mean)
    return figures


def compare(
    data: GradedSet,
    base: Mapping[Key, Mapping[str, np.ndarray]],
    setup: Setup,
    passage_weights: Mapping[str, float] = PASSAGE_WEIGHTS,
    ranking: Ranking | None = None,
    systems: Sequence[str] = SYSTEMS,
) -> Comparison:
    """Cosine, the passage scorer, the app before (hand weights, fit tiers first) and the app's
    ranking now (``Matcher.rank`` with the frozen weights), every half present."""
    if ranking is None or ranking.feature_set == "frozen":
        wired = app_rankings(data, setup)
    else:  # just learned (bench --write): the same Matcher.rank with the new weights
        wired = app_rankings(data, setup, ranking.weights, ranking.by_language)
    before = app_rankings(data, setup, HAND_WEIGHTS, tiers=True) if "app before" in systems else {}
    every: dict[str, Callable[[Key], np.ndarray]] = {
        "cosine": lambda key: base[key]["cos"],
        "passages (tuned)": lambda key: fuse_parts(base[key], passage_weights),
        "app before": lambda key: before[key],
        "app ranking": lambda key: wired[key],
    }
    scorers = {name: every[name] for name in systems}
    sizes = {h: len(data.ids(h)) for h in data.halves()} | {"studios": len(data.studios)}
    out = Comparison(ranking or frozen_ranking(), dict(passage_weights), sizes)
    out.figures = score_systems(data, scorers)
    return out


def format_comparison(c: Comparison, systems: Sequence[str] = SYSTEMS) -> str:
    """One table: test half first, each system's nDCG@10, recall@5, × cosine and × en→en."""
    r = c.ranking
    halves = " + ".join(f"{n} {h}" for h, n in c.sizes.items() if h != "studios")
    lines = [
        f"graded set: {halves} needs × {c.sizes['studios']} studios; every choice made on the "
        "tune half",
        "app ranking = Matcher.rank with the frozen weights (matching/data/ranking_weights.json"
        + (f": features '{r.feature_set}', C {r.c:g}, label grade ≥ {r.label}, {r.languages}"
           if r.feature_set != "frozen" else "") + ")",
        "  weights (z-scored parts): "
        + ", ".join(f"{k} {w:+.2f}" for k, w in r.weights.items() if w),
    ]
    for lang, w in r.by_language.items():
        lines.append(f"  {lang} queries: " + ", ".join(f"{k} {v:+.2f}" for k, v in w.items() if v))
    if "passages (tuned)" in systems:
        lines.append("passage weights: "
                     + ", ".join(f"{k} {v:g}" for k, v in c.passage_weights.items()))  # fmt: skip
    lines += figure_rows(c.figures, systems, 18)
    return "\n".join(lines)
