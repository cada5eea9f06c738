"""Text building: sentence splitting (English and Chinese), passages, lexical tokens."""

from matching.text import build_text, passages, split_sentences, tokenize
from matching.types import Profile


def test_english_sentences_keep_abbreviations_and_decimals() -> None:
    text = "We design e.g. scooters. Walls are 2.5 mm thick! Next one? Yes."
    assert split_sentences(text) == [
        "We design e.g. scooters.",
        "Walls are 2.5 mm thick!",
        "Next one?",
        "Yes.",
    ]


def test_chinese_sentences_split_on_chinese_punctuation() -> None:
    text = "我们是设计工作室。专注于汽车座舱；也做包装！可以吗？好"
    assert split_sentences(text) == [
        "我们是设计工作室。",
        "专注于汽车座舱;",
        "也做包装!",
        "可以吗?",
        "好",
    ]


def test_mixed_text_and_line_breaks() -> None:
    assert split_sentences("First line\nSecond line. 第三句。Fourth") == [
        "First line",
        "Second line.",
        "第三句。",
        "Fourth",
    ]


def test_passages_title_sentences_and_extra_texts() -> None:
    profile = Profile(
        id="s1",
        title="Cockpit Lab",
        text="We design cockpit screens for cars. Team of 8.",
        extra_texts=("Portfolio: HUD arrows for an EV start-up",),
    )
    got = passages(profile)
    assert got[0] == "Cockpit Lab"
    assert "We design cockpit screens for cars. Team of 8." in got  # short sentence merged
    assert got[-1] == "Portfolio: HUD arrows for an EV start-up"


def test_passages_never_empty() -> None:
    assert passages(Profile(id="x", text="")) == ["x"]


def test_build_text_joins_title_text_and_extras() -> None:
    profile = Profile(id="n", title="Pouch refresh", text="New pouches", extra_texts=("Budget",))
    assert build_text(profile) == "Pouch refresh. New pouches. Budget."


def test_tokenize_english_and_chinese_bigrams() -> None:
    assert tokenize("Smart 座舱 HMI") == ["smart", "座", "舱", "座舱", "hmi"]
