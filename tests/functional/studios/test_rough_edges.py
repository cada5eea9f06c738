"""Friendly 403 and 429 pages, the nav marking where the user is, plurals and empty states."""

from __future__ import annotations

import re

from tests.functional.studios.conftest import text


def current_nav(page: str) -> list[str]:
    nav = page.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]
    return [label.strip() for label in re.findall(r'aria-current="page"[^>]*>([^<]+)<', nav)]


def test_a_403_is_in_the_sites_words_not_flasks(app, studio_client):
    response = studio_client.get("/staff/review")
    page = text(response)
    assert response.status_code == 403
    assert "You cannot open this page" in page and "another kind of account" in page
    assert "You don't have the permission" not in page
    assert 'class="main-nav"' in page  # in the site's frame


def test_a_429_page_says_what_to_do(app):
    from werkzeug.exceptions import TooManyRequests

    from marketplace.access import PUBLIC, role_required

    @app.get("/__too_many")
    @role_required(PUBLIC)
    def _too_many():
        raise TooManyRequests()

    response = app.test_client().get("/__too_many")
    assert response.status_code == 429
    assert "Wait a few minutes, then try again." in text(response)


def test_the_nav_marks_the_page_the_user_is_on(app, filled_studio):
    assert current_nav(text(filled_studio.get("/studios"))) == ["Studios"]
    assert current_nav(text(filled_studio.get("/studio/dashboard"))) == ["Dashboard"]
    assert current_nav(text(filled_studio.get("/studio/portfolio"))) == ["Dashboard"]


def test_counts_are_singular_for_one_and_filters_fold(app, filled_studio):
    page = text(app.test_client().get("/studios"))
    assert "1 studio" in page and "1 studios" not in page
    assert '<details class="filters-fold"' in page and "<summary>Filters" in page


def test_an_empty_directory_says_what_to_do_next(app):
    page = text(app.test_client().get("/studios"))
    assert "No studio is listed yet." in page and 'href="/register"' in page
