"""How a Chinese word the glossary lacks reaches the English-only encoder: CC-CEDICT senses
chosen by the catalogue's English, single content characters, unknown compounds split."""

from __future__ import annotations

import pytest

from matching import glossary, lexicon
from matching.engine import glossed_lexical_text


@pytest.fixture
def restore_lexicon():
    saved = (lexicon.SENSE_CHOICE, lexicon.SENSES, lexicon.SINGLE_CHARS, glossary.SPLIT_UNKNOWN)
    yield
    lexicon.SENSE_CHOICE, lexicon.SENSES, lexicon.SINGLE_CHARS, glossary.SPLIT_UNKNOWN = saved
    lexicon.clear_caches()
    glossed_lexical_text.cache_clear()


def test_the_sense_a_product_designer_means_wins_over_the_dictionary_first_one(
    restore_lexicon,
) -> None:
    # CC-CEDICT lists "to affix a seal" first for 打印 and "goods" first for 产品.
    assert lexicon.lookup("打印") == "print out"
    assert lexicon.lookup("产品") == "product"
    assert lexicon.lookup("开发") == "develop"
    assert "print out" in glossary.gloss("样品要3D打印")
    lexicon.SENSE_CHOICE = "first"
    lexicon.clear_caches()
    assert lexicon.lookup("打印") == "affix a seal"
    assert lexicon.lookup("产品") == "goods"


def test_two_senses_are_joined_when_asked(restore_lexicon) -> None:
    lexicon.SENSES = 2
    lexicon.clear_caches()
    assert lexicon.lookup("产品").split(" ")[0] == "product" and lexicon.lookup("产品") != "product"


def test_single_characters_carry_content_words_but_not_grammar() -> None:
    assert lexicon.lookup("厂") == "factory"  # not the "cliff" radical entry listed first
    assert lexicon.lookup("焊") == "weld"
    for function_word in "的和都不是在把":
        assert lexicon.lookup(function_word) is None
    glossed = glossary.gloss("我们厂的焊接线")
    assert "factory" in glossed and " of " not in f" {glossed} "


def test_a_compound_nobody_lists_is_read_through_its_parts(restore_lexicon) -> None:
    # 血糖仪 (glucose meter) is in neither the glossary nor CC-CEDICT; 血糖 is.
    assert "血糖仪" not in dict(glossary.load_glossary()) and lexicon.lookup("血糖仪") is None
    assert glossary.gloss("血糖仪外壳").startswith("blood sugar")
    glossary.SPLIT_UNKNOWN = False
    assert "blood" not in glossary.gloss("血糖仪外壳")


def test_english_text_never_touches_the_lexicon() -> None:
    text = "Print out the product sheet."
    assert glossary.gloss(text) == text


def test_catalogue_vocabulary_is_small_and_has_the_designers_words() -> None:
    counts = lexicon.vocabulary()
    assert 1000 < len(counts) < 20000
    assert counts["product"] > counts.get("goods", 0)
    assert lexicon.VOCABULARY_PATH.stat().st_size < 200_000
