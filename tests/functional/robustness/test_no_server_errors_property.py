"""Property: no query string and no path id on any route gives a 5xx, for any visitor or role."""

from __future__ import annotations

import shutil
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.routing import IntegerConverter

from tests.conftest import PASSWORD, make_app

# Every query parameter a route reads, plus the names that once reached url_for.
PARAM_NAMES = [
    "page", "industry", "discipline", "district", "accreditation", "verified", "sort", "kind",
    "q", "next", "role", "return_to", "endpoint", "_method", "_external", "_anchor", "_scheme",
    "studio_id", "item_id", "code",
]  # fmt: skip
SKIP_POST = {"auth.logout"}  # it would turn a logged-in client into a visitor half-way
ROLES = ["visitor", "studio", "manufacturer", "staff"]
EXAMPLES_PER_ROUTE = 15  # x 4 roles x every route: about 40 s

texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=24)
interesting = st.sampled_from(
    ["²", "-1", "0", "1", "2", "99999999999999999999", "NEV", "nev", "NEV-01", "%", "\x00",
     "\r\nSet-Cookie: x=1", "\u202e", "电池", "yubei", "//evil.example", "true", "name",
     "FORM", "battery", "scenario", "studio", "municipal", "/dashboard", "claims"]
)  # fmt: skip
values = st.one_of(texts, interesting)
ids = st.one_of(st.integers(0, 2**70), st.sampled_from([1, 2, 2**63 - 1, 2**63, 2**64]))


@pytest.fixture(scope="module")
def site(tmp_path_factory, template_db):
    """One app with the catalogue, a search index, and a logged-in client for each role."""
    from marketplace.extensions import db
    from marketplace.services.accounts import accounts
    from marketplace.services.search import indexing as search

    folder = tmp_path_factory.mktemp("property")
    shutil.copy(template_db, folder / "site.db")
    app = make_app(folder, folder / "site.db")
    clients = {"visitor": app.test_client()}
    with app.app_context():
        search.rebuild()
        accounts.register("studio", "Property Studio", "studio@example.com", PASSWORD)
        accounts.register("manufacturer", "Property Maker", "maker@example.com", PASSWORD)
        accounts.create_staff("staff@example.com", PASSWORD)
    for role, email in [("studio", "studio@example.com"), ("manufacturer", "maker@example.com"),
                        ("staff", "staff@example.com")]:  # fmt: skip
        client = app.test_client()
        assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
        clients[role] = client
    rules = [r for r in app.url_map.iter_rules() if r.endpoint != "static"]
    yield app, clients, rules
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@st.composite
def requests(draw, rule):
    """The route's path filled with drawn ids or texts, a drawn query string and a method."""
    path_values = {}
    for name, converter in rule._converters.items():
        if isinstance(converter, IntegerConverter):
            path_values[name] = str(draw(ids))
        else:
            path_values[name] = quote(draw(values), safe="") or "x"
    path = rule.rule
    for name, value in path_values.items():
        path = path.replace(f"<int:{name}>", value).replace(f"<{name}>", value)
    query = draw(st.dictionaries(st.sampled_from(PARAM_NAMES), values, max_size=4))
    method = "GET" if "GET" in rule.methods else "POST"
    return method, path, query


@pytest.mark.parametrize("role", ROLES)
def test_no_route_answers_5xx_to_any_query_or_id(site, role):
    _app, clients, rules = site
    client = clients[role]
    for rule in rules:
        if "GET" not in rule.methods and rule.endpoint in SKIP_POST:
            continue

        @settings(
            max_examples=EXAMPLES_PER_ROUTE, deadline=None, database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        )  # fmt: skip
        @given(requests(rule))
        def check(request):
            method, path, query = request
            response = client.open(path, method=method, query_string=query)
            assert response.status_code < 500, (method, path, query, response.status_code)

        check()
