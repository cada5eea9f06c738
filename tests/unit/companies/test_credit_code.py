"""The unified social credit code check (GB 32100-2015) and mainland mobile numbers."""

from __future__ import annotations

import pytest

from marketplace.services.common.service_errors import ValidationFailed
from marketplace.services.companies.codes import check_character, clean_credit_code, clean_mobile


def message(call) -> str:
    with pytest.raises(ValidationFailed) as info:
        call()
    return " ".join(info.value.errors.values())


@pytest.fixture(autouse=True)
def _ctx(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


def test_the_standard_example_passes_and_is_normalised():
    assert clean_credit_code(" 91350100m000100y43 ") == "91350100M000100Y43"
    assert check_character("91350100M000100Y4") == "3"
    assert clean_credit_code("") is None


def test_a_wrong_check_character_names_the_expected_one():
    text = message(lambda: clean_credit_code("91350100M000100Y44"))
    assert "should be “3”, not “4”" in text


def test_a_mistyped_body_character_is_caught_by_the_check():
    text = message(lambda: clean_credit_code("91350100M000101Y43"))
    assert "check character" in text


def test_forbidden_letters_and_length_are_named():
    assert "Character 9 (“I”)" in message(lambda: clean_credit_code("91350100I000100Y43"))
    assert "18 characters (this one has 17)" in message(
        lambda: clean_credit_code("91350100M000100Y4"))
    assert "Character 1 (“９”)" in message(lambda: clean_credit_code("９1350100M000100Y43"))


@pytest.mark.parametrize("raw, clean", [("13812345678", "13812345678"),
                                        ("+86 138-1234-5678", "13812345678"),
                                        ("0086 19912345678", "19912345678")])
def test_mainland_mobiles(raw, clean):
    assert clean_mobile(raw) == clean


@pytest.mark.parametrize("raw", ["12812345678", "1381234567", "023-6312 3456", "１３８12345678",
                                 "+852 91234567"])
def test_other_numbers_are_refused(raw):
    assert "11 digits starting with 13 to 19" in message(lambda: clean_mobile(raw))
