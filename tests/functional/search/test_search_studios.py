"""What a studio saves through its forms becomes findable; private and unlisted things never do."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from marketplace.extensions import db
from marketplace.models import PortfolioItem, Studio
from tests.conftest import login
from tests.functional.search.conftest import hit_links, page, results_section
from tests.functional.studios.conftest import item_form, profile_form


def studio_url(client) -> str:
    return f"/studios/{client.account.studio_id}"


@pytest.mark.parametrize(
    "query", ["Yubei Form Lab", "渝北造型实验室", "Yubei", "渝北", "charging posts", "two-wheeler"]
)
def test_a_profile_saved_through_the_form_is_found(client, filled_studio, query):
    html = page(client, q=query, kind="studio")
    assert studio_url(filled_studio) in hit_links(html)
    assert client.get(studio_url(filled_studio)).status_code == 200  # the link works publicly


def test_a_studio_hit_shows_its_names_and_district(client, filled_studio):
    html = page(client, q="charging posts", kind="studio")
    assert "Yubei Form Lab" in html and "渝北造型实验室" in html and "Yubei 渝北区" in html


@pytest.mark.parametrize(
    "query", ["li.wei@formlab.example.cn", "li.wei", "Li Wei", "6788 1234", "+86 23 6788 1234"]
)
def test_contact_details_are_never_searchable(client, filled_studio, query):
    html = page(client, q=query)
    assert studio_url(filled_studio) not in hit_links(html)
    shown = results_section(page(client, q="Yubei Form Lab"))
    assert studio_url(filled_studio) in hit_links(shown)
    assert "li.wei" not in shown and "6788" not in shown and "Li Wei" not in shown


def test_a_studio_that_has_not_filled_in_its_profile_is_not_found(client, indexed, make_account):
    account = make_account("studio", name="Quiet Kiln Collective")
    html = page(client, q="Quiet Kiln Collective")
    assert f"/studios/{account.studio_id}" not in hit_links(html)
    assert "Quiet Kiln Collective" not in results_section(html)


def test_an_unlisted_studio_stays_out_of_search_even_after_saving(app, client, studio_client):
    with app.app_context():
        db.session.execute(
            update(Studio)
            .where(Studio.id == studio_client.account.studio_id)
            .values(is_listed=False)
        )
        db.session.commit()
    response = studio_client.post("/studio/profile", data=profile_form(name="Hidden Ridge Lab"))
    assert response.status_code == 302
    assert hit_links(page(client, q="Hidden Ridge Lab")) == []
    assert hit_links(page(client, q="charging posts", kind="studio")) == []


def test_a_renamed_studio_is_found_by_its_new_name_only(client, filled_studio):
    response = filled_studio.post("/studio/profile", data=profile_form(name="Jiangbei Kiln Works"))
    assert response.status_code == 302
    assert hit_links(page(client, q="Jiangbei Kiln Works")) == [studio_url(filled_studio)]
    assert "Yubei Form Lab" not in results_section(page(client, q="Yubei", kind="studio"))


def portfolio_item_id(app, studio_id: int) -> int:
    with app.app_context():
        return db.session.scalar(
            db.select(PortfolioItem.id).where(PortfolioItem.studio_id == studio_id)
        )


def test_portfolio_items_are_searchable_until_deleted(app, client, filled_studio):
    added = filled_studio.post(
        "/studio/portfolio/new",
        data=item_form(title="Snowmobile windshield", description="Thermoformed polycarbonate "
                       "windshield for a snowmobile maker, tested at minus thirty."),
        content_type="multipart/form-data",
    )  # fmt: skip
    assert added.status_code == 302
    assert hit_links(page(client, q="snowmobile")) == [studio_url(filled_studio)]

    item_id = portfolio_item_id(app, filled_studio.account.studio_id)
    edited = filled_studio.post(
        f"/studio/portfolio/{item_id}/edit",
        data=item_form(title="Hovercraft canopy", description="A canopy for a river hovercraft "
                       "ferry, from sketches to a vacuum-formed prototype."),
        content_type="multipart/form-data",
    )  # fmt: skip
    assert edited.status_code == 302
    assert hit_links(page(client, q="snowmobile")) == []
    assert hit_links(page(client, q="hovercraft")) == [studio_url(filled_studio)]

    assert filled_studio.post(f"/studio/portfolio/{item_id}/delete").status_code == 302
    assert hit_links(page(client, q="hovercraft")) == []
    assert studio_url(filled_studio) in hit_links(page(client, q="charging posts"))


def test_stemming_finds_a_studio_that_writes_prototyping(client, indexed, studio_client):
    statement = (
        "Rapid prototyping for Chongqing's appliance makers: SLA and CNC models, soft tooling "
        "and painted appearance samples within a week."
    )
    studio_client.post(
        "/studio/profile",
        data=profile_form(capability_statement=statement, discipline_codes=["FORM"]),
    )
    assert studio_url(studio_client) in hit_links(page(client, q="prototypes", kind="studio"))


def test_studio_text_in_snippets_is_escaped(client, indexed, studio_client):
    statement = (
        "<script>alert('x')</script> We build <b>battery</b> enclosures & charging posts for "
        "Chongqing's scooter makers."
    )
    response = studio_client.post(
        "/studio/profile", data=profile_form(capability_statement=statement)
    )
    assert response.status_code == 302
    html = page(client, q="enclosures", kind="studio")
    assert "<script>alert" not in html and "<b>battery</b>" not in html
    assert "&lt;b&gt;battery&lt;/b&gt; <mark>enclosures</mark> &amp; charging" in html
    assert "&lt;/script&gt;" in html


def test_a_studio_stays_findable_after_staff_verify_its_claim(
    app, client, filled_studio, staff_client
):
    from marketplace.services.studios.studio_verification import claim_token

    with app.app_context():
        token = claim_token(db.session.get(Studio, filled_studio.account.studio_id))
    verified = staff_client.post(
        f"/staff/studios/{filled_studio.account.studio_id}/verify", data={"claim": token}
    )
    assert verified.status_code == 302
    assert studio_url(filled_studio) in hit_links(page(client, q="Yubei Form Lab"))


def test_a_logged_in_studio_sees_the_same_results(app, filled_studio, make_account):
    other = make_account("manufacturer")
    manufacturer = app.test_client()
    login(manufacturer, other)
    assert studio_url(filled_studio) in hit_links(page(manufacturer, q="Yubei Form Lab"))
