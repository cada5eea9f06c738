"""Property: no query string, form, form key, JSON body or path id on any route or API operation
gives a 5xx, for a visitor or any role: Unicode digits, huge numbers, extreme dates, control
characters, deeply nested JSON and lone surrogates included. The cases generated per route class
are counted and printed at the end (`-s` shows them)."""

from __future__ import annotations

import json
import shutil
from collections import Counter
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
    "studio_id", "item_id", "code", "budget_from", "budget_to", "deadline_before", "since",
    "until", "per_page", "all",
]  # fmt: skip
# Every form field a POST route reads, and form keys with an id in them (reason_<id>).
FORM_NAMES = [
    "bid_id", "row_id", "pick", "token", "reason", "note", "studio_ids", "need_id", "budget_min",
    "budget_max", "bid_deadline", "delivery_date", "price", "duration_weeks", "year",
    "founded_year", "team_size", "title", "description", "return_to", "next", "code", "lang",
    "name", "question", "answer", "approach", "team", "industry_code", "discipline_codes",
    "reason_\u00b2", "reason_\u2460", "reason_1", "note_1", "reason_99999999999999999999999",
    "email", "password", "claim", "kind", "source", "save", "suggest",
]  # fmt: skip
SKIP_POST = {"auth.logout"}  # it would turn a logged-in client into a visitor half-way
ROLES = ["visitor", "studio", "manufacturer", "staff"]
EXAMPLES_PER_ROUTE = 10  # x 4 roles x every route (40 cases a route): about 60 s on 2 cores

texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=24)
interesting = st.sampled_from(
    ["²", "-1", "0", "1", "2", "99999999999999999999", "NEV", "nev", "NEV-01", "%", "\x00",
     "\r\nSet-Cookie: x=1", "\u202e", "电池", "yubei", "//evil.example", "true", "name",
     "FORM", "battery", "scenario", "studio", "municipal", "/dashboard", "claims",
     "\u2460", "\u0661\u0662", "\u00b9\u00b2", "9" * 40, "-9223372036854775809",
     "0001-01-01", "9999-12-31", "0001-01-01T00:00", "9999-12-31T23:59", "2026-02-30",
     "/\t/evil.example", "\x00\x00\x00\x00\x00", "1:x", "\u00b2:token"]
)  # fmt: skip
values = st.one_of(texts, interesting)
ids = st.one_of(st.integers(0, 2**70), st.sampled_from([1, 2, 2**63 - 1, 2**63, 2**64]))
json_leaves = st.one_of(
    values, st.integers(-(2**80), 2**80), st.floats(allow_nan=False), st.booleans(), st.none(),
    st.sampled_from(["\ud800", "x\udfff", "\u00b2", "0001-01-01", "9999-12-31T00:00:00Z"]),
)
JSON_NAMES = ["title", "description", "industry", "disciplines", "scenario", "budget_min",
              "budget_max", "bid_deadline", "delivery_date", "approach", "price",
              "duration_weeks", "team", "name"]  # fmt: skip


@st.composite
def json_bodies(draw):
    """A JSON text: a drawn object over the API's field names, or nesting thousands deep."""
    if draw(st.integers(0, 9)) == 0:
        depth = draw(st.sampled_from([33, 1_000, 50_000]))
        return "[" * depth + "]" * depth
    body = draw(st.dictionaries(st.sampled_from(JSON_NAMES), json_leaves, max_size=8))
    return json.dumps(body)  # lone surrogates become \ud800 escapes, as an attacker sends them


CASES: Counter = Counter()  # generated cases per route class, printed after the run


def route_class(rule) -> str:
    """'api read', 'api write', 'page read' or 'form post'."""
    api = rule.rule.startswith("/api/")
    reads = "GET" in rule.methods
    return ("api " if api else "") + ("read" if reads else "write") if api else (
        "page read" if reads else "form post")


@pytest.fixture(scope="module")
def site(tmp_path_factory, template_db):
    """One app with the catalogue, a search index, and a logged-in client for each role."""
    from marketplace.extensions import db
    from marketplace.services.accounts import accounts
    from marketplace.services.search import indexing

    folder = tmp_path_factory.mktemp("property")
    shutil.copy(template_db, folder / "site.db")
    app = make_app(folder, folder / "site.db")
    clients = {"visitor": app.test_client()}
    with app.app_context():
        indexing.rebuild()
        accounts.register("studio", "Property Studio", "studio@example.com", PASSWORD)
        accounts.register("manufacturer", "Property Maker", "maker@example.com", PASSWORD)
        accounts.create_staff("staff@example.com", PASSWORD)
    for role, email in [("studio", "studio@example.com"), ("manufacturer", "maker@example.com"),
                        ("staff", "staff@example.com")]:  # fmt: skip
        client = app.test_client()
        assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
        clients[role] = client
    headers = {"visitor": {}}
    with app.app_context():
        from marketplace.models import User
        from marketplace.services.accounts import personal_tokens

        for role, email in [("studio", "studio@example.com"), ("manufacturer", "maker@example.com"),
                            ("staff", "staff@example.com")]:  # fmt: skip
            user = db.session.scalar(db.select(User).where(User.email == email))
            secret = personal_tokens.create(user, "property")[1]
            headers[role] = {"Authorization": "Bearer " + secret}
    rules = [r for r in app.url_map.iter_rules() if r.endpoint != "static"]
    yield app, clients, rules, headers
    print("\ngenerated cases per route class:", dict(sorted(CASES.items())))
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
    methods = sorted(m for m in rule.methods if m not in ("HEAD", "OPTIONS"))
    method = "GET" if "GET" in methods else draw(st.sampled_from(methods))
    form, body = None, None
    if method != "GET" and rule.rule.startswith("/api/"):
        body = draw(json_bodies())
    elif method != "GET":
        form = draw(st.dictionaries(
            st.sampled_from(FORM_NAMES), st.one_of(values, st.lists(values, max_size=3)),
            max_size=6))  # fmt: skip
    return method, path, query, form, body


@pytest.mark.parametrize("role", ROLES)
def test_no_route_answers_5xx_to_any_query_or_id(site, role):
    _app, clients, rules, headers = site
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
            method, path, query, form, body = request
            CASES[route_class(rule)] += 1  # noqa: B023 (check() runs within this iteration)
            if body is not None:
                response = client.open(
                    path, method=method, query_string=query, data=body,
                    headers={**headers[role], "Content-Type": "application/json"},
                )  # fmt: skip
            elif path.startswith("/api/"):
                response = client.open(path, method=method, query_string=query,
                                       headers=headers[role])  # fmt: skip
            else:
                response = client.open(path, method=method, query_string=query, data=form)
            assert response.status_code < 500, (method, path, query, form, body,
                                                response.status_code)  # fmt: skip

        check()
