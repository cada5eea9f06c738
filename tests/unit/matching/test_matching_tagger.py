"""Tag classifier: one-vs-rest over embeddings, self-training, suggestions."""

import numpy as np

from matching.tagger import TagClassifier, TagExample, one_hot
from matching.tags import DISCIPLINES, INDUSTRIES


def _examples(rng: np.random.Generator) -> tuple[list[TagExample], np.ndarray]:
    centres = np.eye(8, dtype=np.float32)
    examples = []
    for i in range(40):
        kind = i % 2
        vec = centres[kind] + 0.05 * rng.normal(size=8).astype(np.float32)
        tags = (("NEV",), ("UX",)) if kind == 0 else (("FOOD",), ("BRAND",))
        examples.append(TagExample(vec, *tags))
    examples.append(TagExample(centres[2], None, ("GREEN",)))  # a discipline-only example
    return examples, centres


def test_one_hot() -> None:
    v = one_hot(["UX", "AI", "UNKNOWN"], DISCIPLINES)
    assert v.sum() == 2 and v[DISCIPLINES.index("AI")] == 1


def test_predicts_each_facet() -> None:
    examples, centres = _examples(np.random.default_rng(0))
    tagger = TagClassifier().fit(examples)
    pred = tagger.predict(centres[:2])
    assert pred.industries.shape == (2, len(INDUSTRIES))
    assert INDUSTRIES[int(pred.industries[0].argmax())] == "NEV"
    assert INDUSTRIES[int(pred.industries[1].argmax())] == "FOOD"
    assert DISCIPLINES[int(pred.disciplines[1].argmax())] == "BRAND"
    assert pred.industries[:, INDUSTRIES.index("SOFT")].max() == 0.0  # never seen: always 0


def test_self_training_on_unlabelled_vectors() -> None:
    rng = np.random.default_rng(1)
    examples, centres = _examples(rng)
    unlabelled = centres[[0, 1] * 10] + 0.05 * rng.normal(size=(20, 8)).astype(np.float32)
    tagger = TagClassifier(max_unlabelled=10).fit(examples, unlabelled)
    assert INDUSTRIES[int(tagger.predict(centres[:1]).industries[0].argmax())] == "NEV"


def test_suggest_always_offers_something() -> None:
    examples, centres = _examples(np.random.default_rng(2))
    tagger = TagClassifier().fit(examples)
    got = tagger.suggest(centres[0], threshold=0.99)
    assert len(got["industries"]) == 1 and got["industries"][0][0] == "NEV"
