"""Checks for the unified social credit code (GB 32100-2015) and mainland mobile numbers."""

from __future__ import annotations

import re

from flask_babel import gettext as _

from marketplace.services.common.service_errors import ValidationFailed

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
MOBILE = re.compile(r"^1[3-9][0-9]{9}$")


def check_character(first17: str) -> str:
    """The 18th character the standard computes from the first 17."""
    total = sum(CHARSET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def clean_credit_code(value: str | None, field: str = "credit_code") -> str | None:
    """Upper-case, strip spaces; None when empty; ValidationFailed naming the wrong character."""
    code = "".join((value or "").split()).upper()
    if not code:
        return None
    if len(code) != 18:
        raise ValidationFailed({field: _(
            "A unified social credit code has 18 characters (this one has %(n)d).", n=len(code))})
    for position, char in enumerate(code, start=1):
        if char not in CHARSET:
            raise ValidationFailed({field: _(
                "Character %(pos)d (“%(char)s”) cannot appear in a credit code "
                "(digits and capital letters other than I, O, S, V and Z).",
                pos=position, char=char)})  # fmt: skip
    expected = check_character(code[:17])
    if code[17] != expected:
        raise ValidationFailed({field: _(
            "The check character (the 18th) should be “%(expected)s”, not “%(got)s”: "
            "a character of the code is mistyped.", expected=expected, got=code[17])})
    return code


def clean_mobile(value: str | None, field: str = "contact_mobile") -> str | None:
    """An 11-digit mainland mobile number (+86, spaces and hyphens allowed); None when empty."""
    raw = (value or "").strip()
    if not raw:
        return None
    digits = re.sub(r"[\s-]", "", raw)
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    if not MOBILE.match(digits) or not digits.isascii():
        raise ValidationFailed({field: _(
            "Enter a mainland mobile number: 11 digits starting with 13 to 19.")})
    return digits
