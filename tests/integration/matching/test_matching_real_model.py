"""The matcher with the real all-MiniLM-L6-v2 model and the real scenario catalogue."""

from pathlib import Path

import numpy as np
import pytest

from matching.evaluate import evaluate, read_jsonl, zh_ratios
from matching.store import encode_profiles
from matching.text import lexical_text
from matching.types import Profile

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[3]

COCKPIT_STUDIO = Profile(
    id="cockpit",
    title="Lumen Cockpit Lab",
    text=(
        "We design what drivers see and touch inside electric cars: centre screens, instrument "
        "clusters, head-up displays and the voice assistant's dialogue. We ride along with test "
        "drivers and count glances and taps per task, then hand engineers working screens."
    ),
)
PACKAGING_AGENCY = Profile(
    id="packaging",
    title="Jar & Cork Studio",
    text=(
        "Bottles, boxes and labels for grain spirits, fruit wines and teas are our specialty. We "
        "create label artwork, gift packs and limited editions for distilleries and tea estates."
    ),
)
OTHERS = [
    Profile(
        id="textile",
        text="We design summer garments and ramie fabric collections for fashion brands.",
    ),
    Profile(
        id="machines",
        text="Machine guarding, operator panels and sheet-metal enclosures for CNC machine tools.",
    ),
]
COCKPIT_BRIEF = Profile(
    id="need",
    title="Cockpit HMI for our next electric SUV",
    text=(
        "Our EV needs a new multi-screen cockpit interface: centre display, passenger screen and "
        "a voice assistant that understands Chongqing dialect. We want task flows, screen "
        "layouts and voice dialogues tested with drivers on the road."
    ),
)


def test_real_encoder_gives_unit_384d_vectors(real_encoder) -> None:
    vectors = real_encoder.encode(["cockpit screen", "座舱人机交互", "cockpit screen"])
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(vectors[0], vectors[2], atol=1e-6)


def test_cockpit_brief_ranks_cockpit_studio_above_packaging_agency(real_matcher) -> None:
    query, *studios = real_matcher.prepare([COCKPIT_BRIEF, COCKPIT_STUDIO, PACKAGING_AGENCY,
                                            *OTHERS])  # fmt: skip
    matches = real_matcher.rank(query, real_matcher.pool(studios), k=4)
    order = [m.id for m in matches]
    assert order[0] == "cockpit"
    assert order.index("cockpit") < order.index("packaging")
    exp = matches[0].explanation
    assert exp is not None
    assert "UX" in {t.code for t in exp.shared_disciplines}
    assert "cockpit" in exp.query_passage.lower() or "screen" in exp.query_passage.lower()


def test_studios_get_fitting_scenarios(real_matcher) -> None:
    cockpit, packaging = real_matcher.prepare([COCKPIT_STUDIO, PACKAGING_AGENCY])
    top = [m.id for m in real_matcher.rank(cockpit, real_matcher.catalogue, k=3)]
    assert {"NEV-02", "NEV-03", "DISP-02"} & set(top)  # cockpit HMI, AR-HUD, cockpit displays
    top = [m.id for m in real_matcher.rank(packaging, real_matcher.catalogue, k=3)]
    assert "FOOD-03" in top


def test_suggested_tags_for_an_untagged_studio(real_matcher) -> None:
    (studio,) = real_matcher.prepare([PACKAGING_AGENCY])
    suggestions = real_matcher.suggest_tags(studio)
    assert suggestions["industries"][0][0] == "FOOD"
    assert suggestions["disciplines"][0][0] == "BRAND"


def test_chinese_need_is_ranked_and_explained(real_matcher) -> None:
    """MiniLM is English-only (Chinese becomes [UNK]); the lexical part carries Chinese text."""
    need = Profile(
        id="zh", title="智能座舱交互设计", text="我们需要电动汽车的中控屏和语音助手设计。"
    )
    studio = Profile(id="zh-studio", text="我们专注于汽车座舱：中控屏、仪表和语音助手的交互设计。")
    query, *studios = real_matcher.prepare([need, studio, PACKAGING_AGENCY])
    real_matcher.refit_lexical([lexical_text(p.profile) for p in [query, *studios]])
    matches = {m.id: m for m in real_matcher.rank(query, real_matcher.pool(studios), k=2)}
    assert matches["zh-studio"].raw["lexical"] > matches["packaging"].raw["lexical"]
    explanation = matches["zh-studio"].explanation
    assert explanation is not None
    assert explanation.candidate_passage.endswith("。")


def test_unchanged_profiles_are_not_reencoded(real_encoder) -> None:
    first, encoded = encode_profiles(real_encoder, [COCKPIT_STUDIO])
    _, encoded_again = encode_profiles(real_encoder, [COCKPIT_STUDIO], {"cockpit": first[0]})
    assert encoded == ["cockpit"] and encoded_again == []


@pytest.mark.parametrize(
    ("studios", "needs"),
    [
        ("tests/data/dev_studios.jsonl", "tests/data/dev_needs.jsonl"),
        ("tests/data/eval-sample/studios.jsonl", "tests/data/eval-sample/needs.jsonl"),
    ],
)
def test_hybrid_beats_both_baselines(real_encoder, catalogue, studios, needs) -> None:
    """The hand weights (label-measured; they still rank the scenario directions) on the
    label-based sets. The learned need↔studio ranking is judged on the graded set instead
    (README, "Ranking (issue 20)"); on these labels it beats both baselines too, but need→studio
    at 1.083×, under this test's 1.10× label goal."""
    from matching.fusion import HAND_WEIGHTS

    studio_file, need_file = ROOT / studios, ROOT / needs
    results = evaluate(
        read_jsonl(studio_file),
        read_jsonl(need_file),
        catalogue["scenarios"],
        real_encoder,
        industries=catalogue["industries"],
        disciplines=catalogue["disciplines"],
        weights=HAND_WEIGHTS,
    )
    for direction in ("need→studio", "studio→scenario"):
        assert results[direction].scores["hybrid"] > results[direction].best_baseline, direction
    if "dev_" in studios:  # the labelled dev set: both need directions at the 1.10x goal
        for direction in ("need→studio", "studio→need"):
            assert results[direction].ratio >= 1.10, direction


def test_chinese_needs_and_studios_rank_almost_as_well_as_english(
    real_encoder, catalogue
) -> None:
    data = ROOT / "tests" / "data"
    results = evaluate(
        read_jsonl(data / "dev_studios.jsonl"), read_jsonl(data / "dev_needs.jsonl"),
        catalogue["scenarios"], real_encoder,
        industries=catalogue["industries"], disciplines=catalogue["disciplines"],
        zh_needs=read_jsonl(data / "dev_needs_zh.jsonl"),
        zh_studios=read_jsonl(data / "dev_studios_zh.jsonl"),
    )  # fmt: skip
    ratios = zh_ratios(results)
    assert set(ratios) == {"need→studio", "studio→need"}
    assert all(r >= 0.90 for r in ratios.values()), ratios
    # strong matches are nearly always fully relevant (both industry and discipline shared)
    strong = results["need→studio"].fit["strong"]
    assert strong[0] >= 20 and strong[2] >= 0.75


def test_a_chinese_brief_finds_the_english_cockpit_studio(real_matcher) -> None:
    need = Profile(
        id="zh", title="智能座舱人机交互设计",
        text="我们是新能源车企，需要重新设计中控屏界面和语音助手的对话，并做可用性测试。",
    )  # fmt: skip
    query, *studios = real_matcher.prepare([need, COCKPIT_STUDIO, PACKAGING_AGENCY, *OTHERS])
    (matches,) = real_matcher.rank_many([query], studios, top_k=4)
    assert matches[0].id == "cockpit" and matches[0].fit is not None
    assert "packaging" not in [m.id for m in matches[:1]]
