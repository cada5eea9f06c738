"""Fixtures for the studio pages: valid profile input, a filled-in studio, images."""

from __future__ import annotations

from io import BytesIO

import pytest
from PIL import Image

from tests.conftest import login

STATEMENT = (
    "We design battery enclosures, charging posts and electric two-wheelers for Chongqing "
    "suppliers, from styling and CMF to DFM engineering and 1:1 prototypes."
)


def profile_form(**changes) -> dict:
    """Valid profile form data, with some fields changed (None leaves a field out)."""
    data = {
        "name": "Yubei Form Lab",
        "name_zh": "渝北造型实验室",
        "district": "yubei",
        "founded_year": "2014",
        "team_size": "18",
        "website": "https://formlab.example.cn",
        "accreditation": "municipal",
        "accreditation_evidence": "Named in the 2022 municipal list, no. 37",
        "capability_statement": STATEMENT,
        "industry_codes": ["NEV", "MOTO"],
        "discipline_codes": ["FORM", "ENG"],
        "contact_name": "Li Wei",
        "contact_email": "li.wei@formlab.example.cn",
        "contact_phone": "+86 23 6788 1234",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (64, 48), **save) -> bytes:
    """A small real image in the given format."""
    out = BytesIO()
    Image.new("RGB", size, (180, 68, 27)).save(out, fmt, **save)
    return out.getvalue()


def item_form(**changes) -> dict:
    """Valid portfolio form data."""
    data = {
        "title": "Battery dock for a scooter maker",
        "year": "2024",
        "industry_code": "MOTO",
        "client_kind": "private",
        "description": "Restyled a removable battery pack and its dock, with a die-cast lid.",
    }
    data.update(changes)
    return data


def item_input(**changes):
    """Valid portfolio input for the service."""
    from marketplace.services.studios.studio_portfolio import PortfolioInput

    data = item_form(**changes)
    return PortfolioInput(
        title=data["title"], year=int(data["year"]), industry_code=data["industry_code"],
        client_kind=data["client_kind"], description=data["description"],
    )  # fmt: skip


def text(response) -> str:
    """A response body as text."""
    return response.get_data(as_text=True)


@pytest.fixture
def filled_studio(studio_client):
    """A logged-in studio whose profile is filled in (so it is listed)."""
    response = studio_client.post("/studio/profile", data=profile_form())
    assert response.status_code == 302, text(response)[:2000]
    return studio_client


@pytest.fixture
def other_studio(app, make_account):
    """A second studio, logged in on its own client, with its profile filled in."""
    account = make_account("studio", name="Nan'an Prototype Works")
    client = app.test_client()
    login(client, account)
    client.account = account
    response = client.post(
        "/studio/profile",
        data=profile_form(name="Nan'an Prototype Works", name_zh=None, district="nanan",
                          accreditation="none", accreditation_evidence=None,
                          industry_codes=["ELEC"], discipline_codes=["PROTO"]),
    )  # fmt: skip
    assert response.status_code == 302, text(response)[:2000]
    return client
