"""Fixtures for matching unit tests: a deterministic encoder and a tiny tagged catalogue."""

from __future__ import annotations

import pytest

from matching.engine import Matcher
from matching.testing import HashingEncoder

SCENARIOS = [
    {
        "code": "NEV-01", "industry": "NEV", "disciplines": ["UX", "AI"],
        "title": "Cockpit screen interface and voice assistant",
        "summary": "Touchscreen HMI and voice dialogue for electric cars.",
        "description": "Drivers use the cockpit screen and voice assistant. The studio designs "
        "the interface, menus and voice dialogue for the electric car cockpit.",
        "deliverables": ["HMI screen flows", "voice dialogue specification"],
    },
    {
        "code": "NEV-02", "industry": "NEV", "disciplines": ["FORM", "PROTO"],
        "title": "Exterior styling of an electric SUV",
        "summary": "Vehicle styling from sketches to a clay model.",
        "description": "The studio styles the car exterior and builds a full-size clay model "
        "of the electric vehicle body.",
        "deliverables": ["styling sketches", "clay model"],
    },
    {
        "code": "FOOD-01", "industry": "FOOD", "disciplines": ["BRAND", "GREEN"],
        "title": "Liquor bottle label and gift box packaging",
        "summary": "Brand packaging for a liquor distillery.",
        "description": "Labels, gift boxes and recyclable packaging for liquor bottles and tea "
        "so the brand sells online.",
        "deliverables": ["label artwork", "gift box packaging"],
    },
    {
        "code": "FOOD-02", "industry": "FOOD", "disciplines": ["ENG", "ERGO"],
        "title": "Hygienic noodle production line",
        "summary": "Machine design for a noodle factory line.",
        "description": "Engineering of the noodle machine line with hygienic surfaces and "
        "comfortable operator reach for factory workers.",
        "deliverables": ["machine engineering drawings", "operator reach study"],
    },
    {
        "code": "TEXT-01", "industry": "TEXT", "disciplines": ["FASHION", "CMF"],
        "title": "Summer garment fabric collection",
        "summary": "Garments in ramie fabric for a fashion collection.",
        "description": "A fashion collection of summer garments, fabric colours and textile "
        "finishes for a clothing brand.",
        "deliverables": ["garment collection", "fabric colour cards"],
    },
    {
        "code": "TEXT-02", "industry": "TEXT", "disciplines": ["ERGO", "PROTO"],
        "title": "Shoe lasts from foot scans",
        "summary": "Foot scanning and shoe fitting prototypes.",
        "description": "Foot scans of women give new shoe lasts; prototype shoes are fitted "
        "and tested for comfort.",
        "deliverables": ["shoe lasts", "fitting prototypes"],
    },
]  # fmt: skip

INDUSTRIES = [
    {"code": "NEV", "name": "Electric vehicles", "trend": "Electric cars, cockpit and vehicle."},
    {"code": "FOOD", "name": "Food", "trend": "Liquor, tea, noodles and food factories."},
    {"code": "TEXT", "name": "Textiles", "trend": "Garments, fabric, shoes and fashion."},
]
DISCIPLINES = [
    {"code": "UX", "name": "Interaction and interface design"},
    {"code": "AI", "name": "AI and voice assistant design"},
    {"code": "FORM", "name": "Product form styling"},
    {"code": "PROTO", "name": "Prototypes and models"},
    {"code": "BRAND", "name": "Brand and packaging"},
    {"code": "GREEN", "name": "Recyclable sustainable design"},
    {"code": "ENG", "name": "Engineering and machine design"},
    {"code": "ERGO", "name": "Ergonomics, reach and comfort"},
    {"code": "FASHION", "name": "Fashion and garment design"},
    {"code": "CMF", "name": "Colour, material and finish"},
]


@pytest.fixture
def encoder() -> HashingEncoder:
    """A fresh deterministic encoder (records its calls)."""
    return HashingEncoder()


@pytest.fixture
def matcher(encoder: HashingEncoder) -> Matcher:
    """A matcher fitted on the tiny catalogue with the hashing encoder."""
    return Matcher.from_catalog(SCENARIOS, encoder, industries=INDUSTRIES, disciplines=DISCIPLINES)


STUDIOS = [
    {"id": "S1", "text": "We design cockpit screens, HMI and voice assistants for electric cars.",
     "industries": ["NEV"], "disciplines": ["UX", "AI"]},
    {"id": "S2", "text": "Labels, gift boxes and packaging for liquor and tea brands.",
     "industries": ["FOOD"], "disciplines": ["BRAND"]},
    {"id": "S3", "text": "Garments and fabric collections for fashion labels.",
     "industries": ["TEXT"], "disciplines": ["FASHION"]},
    {"id": "S4", "text": "Clay models and exterior styling for car makers.",
     "industries": ["NEV"], "disciplines": ["FORM", "PROTO"]},
]  # fmt: skip
NEEDS = [
    {"id": "N1", "title": "Voice assistant for our cockpit",
     "text": "Our electric car needs a new cockpit screen interface and voice dialogue.",
     "industry": "NEV", "disciplines": ["UX"]},
    {"id": "N2", "title": "Gift box for a liquor",
     "text": "A distillery wants new bottle labels and gift box packaging.",
     "industry": "FOOD", "disciplines": ["BRAND"]},
]  # fmt: skip


@pytest.fixture
def catalogue() -> dict:
    """The tiny catalogue as plain dicts: scenarios, industries, disciplines."""
    return {"scenarios": SCENARIOS, "industries": INDUSTRIES, "disciplines": DISCIPLINES}


@pytest.fixture
def labelled() -> dict:
    """A tiny labelled evaluation set in the eval-sample format."""
    return {"studios": STUDIOS, "needs": NEEDS}
