"""The fixed tag vocabularies (industry and discipline codes) and their English labels."""

from __future__ import annotations

INDUSTRIES: tuple[str, ...] = (
    "NEV", "ELEC", "AMAT", "EQUIP", "FOOD", "SOFT", "DISP",
    "MOTO", "ALLOY", "TEXT", "BIO", "ENERGY", "FUTURE",
)  # fmt: skip
DISCIPLINES: tuple[str, ...] = (
    "FORM", "CMF", "UX", "ENG", "ERGO", "PROTO", "BRAND",
    "SERVICE", "SIM", "AI", "GREEN", "SPACE", "FASHION",
)  # fmt: skip

# Short plain-language labels for reasons shown to studios and manufacturers; the app may pass
# the catalogue's own names instead (Matcher(labels=...)).
DEFAULT_LABELS: dict[str, str] = {
    "NEV": "new-energy and connected vehicles",
    "ELEC": "electronics",
    "AMAT": "advanced materials",
    "EQUIP": "equipment manufacturing",
    "FOOD": "food and agricultural products",
    "SOFT": "software and information services",
    "DISP": "new-type displays",
    "MOTO": "motorcycles",
    "ALLOY": "light alloys",
    "TEXT": "textiles and fashion",
    "BIO": "biomedicine and medical devices",
    "ENERGY": "new energy and storage",
    "FUTURE": "emerging industries",
    "FORM": "product form design",
    "CMF": "colour, material and finish",
    "UX": "interaction and UI/UX",
    "ENG": "engineering design",
    "ERGO": "ergonomics",
    "PROTO": "prototyping",
    "BRAND": "brand and packaging",
    "SERVICE": "service design",
    "SIM": "simulation and digital design",
    "AI": "AI and data-driven design",
    "GREEN": "sustainable design",
    "SPACE": "spatial and exhibition design",
    "FASHION": "fashion and textile design",
}
