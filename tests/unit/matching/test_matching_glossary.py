"""The bilingual glossary and the Chinese text preparation built on it."""

from __future__ import annotations

from matching.glossary import english_terms, gloss, has_chinese, load_glossary, prepare_text
from matching.store import fingerprint
from matching.text import build_text, encode_text, lexical_text
from matching.types import Profile


def test_glossary_is_clean_pairs_without_duplicates() -> None:
    pairs = load_glossary()
    assert len(pairs) >= 350
    assert all(zh and en and has_chinese(zh) and not has_chinese(en) for zh, en in pairs)
    zh_terms = [zh for zh, _ in pairs]
    assert len(zh_terms) == len(set(zh_terms))
    assert ("人机交互", "human-machine interaction HMI") in pairs


def test_chinese_brief_gets_its_english_terms_longest_first() -> None:
    terms = english_terms("我们想重新设计电动汽车的中控屏和语音助手，并做可用性测试。")
    assert "centre screen" in terms and "voice assistant" in terms
    assert "usability testing" in terms and "testing" not in terms  # the longer term wins


def test_english_text_is_left_exactly_as_it_was() -> None:
    text = "Cockpit HMI for an electric SUV."
    assert prepare_text(text) == gloss(text) == text and english_terms(text) == []
    profile = Profile(id="s", text=text)
    assert build_text(profile) == encode_text(profile) == "Cockpit HMI for an electric SUV."


def test_gloss_replaces_chinese_runs_in_order_and_keeps_english_words() -> None:
    assert gloss("火锅底料的包装设计 for export") == "hotpot base packaging design for export"


def test_mixed_profile_feeds_english_terms_to_lexical_and_encoder() -> None:
    profile = Profile(id="n", title="火锅底料包装", text="Rebrand for our factory.")
    assert "hotpot base" in build_text(profile) and "火锅底料" in build_text(profile)
    assert "hotpot base" in encode_text(profile) and "火锅" not in encode_text(profile)
    scenario = Profile(id="c", text="Packaging.", keywords=("火锅底料包装",))
    assert "hotpot base" in lexical_text(scenario)


def test_fingerprint_of_english_profiles_is_unchanged_by_the_glossary() -> None:
    profile = Profile(id="s", title="Seat lab", text="Seat comfort studies. Pressure maps.")
    assert fingerprint(profile, "m") == fingerprint(Profile(**profile.__dict__), "m")
    chinese = Profile(id="z", text="座椅舒适性研究。")
    assert fingerprint(chinese, "m") != fingerprint(Profile(id="z", text="座椅研究。"), "m")


def test_words_the_glossary_lacks_reach_the_encoder_through_the_general_lexicon() -> None:
    # 硬件 and 阳极 are not glossary terms; CC-CEDICT glosses them for the encoder only.
    assert "硬件" not in dict(load_glossary()) and "阳极" not in dict(load_glossary())
    assert gloss("只做软件，硬件莫找我们").count("hardware") == 1
    assert "anode" in gloss("阳极氧化")
    assert "hardware" not in english_terms("硬件")  # the lexical channel stays glossary-only


def test_phrasings_fitted_to_one_dev_text_are_gone_from_the_glossary() -> None:
    zh_terms = dict(load_glossary())
    for fitted in ("吃错药", "七座", "大腿", "果农", "认养"):
        assert fitted not in zh_terms
