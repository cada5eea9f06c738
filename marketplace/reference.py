"""Reference data the whole team relies on: industry, discipline and district codes."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "catalog" / "data"

INDUSTRY_CODES: tuple[str, ...] = (
    "NEV", "ELEC", "AMAT", "EQUIP", "FOOD", "SOFT", "DISP",
    "MOTO", "ALLOY", "TEXT", "BIO", "ENERGY", "FUTURE",
)  # fmt: skip
DISCIPLINE_CODES: tuple[str, ...] = (
    "FORM", "CMF", "UX", "ENG", "ERGO", "PROTO", "BRAND",
    "SERVICE", "SIM", "AI", "GREEN", "SPACE", "FASHION",
)  # fmt: skip
OUTSIDE_CHONGQING = "outside"


@cache
def districts() -> dict[str, dict[str, str]]:
    """Chongqing's 38 districts and counties, 3 functional areas and 'outside', keyed by code."""
    # Liangjiang New Area, Western (Chongqing) Science City and Wansheng span or sit inside
    # districts; a studio may give either.
    rows = json.loads((DATA_DIR / "districts.json").read_text(encoding="utf-8"))
    return {row["code"]: row for row in rows}


def district_label(code: str | None) -> str:
    """'Yubei 渝北' for a district code; empty for None; the code itself when unknown."""
    if not code:
        return ""
    row = districts().get(code)
    return f"{row['name']} {row['name_zh']}" if row else code
