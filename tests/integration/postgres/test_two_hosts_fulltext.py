"""Two gunicorn hosts with their own instance folders on one PostgreSQL and one Redis, search in
the database (SEARCH_BACKEND=postgres): a profile saved through host A is found by search on host
B with no per-host index and no follower; a login throttle counts the attempts on both hosts."""

from __future__ import annotations

import http.cookiejar
import time
import urllib.error
import urllib.parse
import urllib.request

from tests.conftest import PASSWORD, csrf_token_from
from tests.integration.postgres.gunicorn_hosts import get, two_hosts
from tests.integration.postgres.test_ops_on_postgres import redis_url as redis_url  # fixture

WORD = "Quenzarite"  # a word nothing else in the catalogue contains


class Browser:
    """A visitor with cookies, posting forms with their CSRF token."""

    def __init__(self) -> None:
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.opener.addheaders = [("Accept-Language", "en")]

    def get(self, url: str) -> tuple[int, str]:
        try:
            with self.opener.open(url, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    def submit(self, url: str, fields: dict) -> tuple[int, str]:
        """GET the form, then POST it with its token (redirects followed)."""
        status, page = self.get(url)
        assert status == 200, page[:300]
        data = urllib.parse.urlencode({**fields, "csrf_token": csrf_token_from(page)}, doseq=True)
        try:
            with self.opener.open(url, data=data.encode(), timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()


def test_two_hosts_share_search_and_login_throttle_through_the_database_and_redis(
    postgres_server, redis_url, tmp_path
):
    with two_hosts(postgres_server, redis_url, tmp_path, extra_env={
        "SEARCH_BACKEND": "postgres", "LOGIN_RATE_LIMIT": "4 per minute",
    }) as hosts:  # fmt: skip
        base = hosts.base
        assert f"{WORD} Design" not in get(base["b"] + f"/search?q={WORD}")[1]

        studio = Browser()
        status, _ = studio.submit(base["a"] + "/register", {
            "role": "studio", "organisation_name": f"{WORD} Design",
            "email": "quenz@example.com", "password": PASSWORD, "confirm": PASSWORD,
        })  # fmt: skip
        assert status == 200
        status, page = studio.submit(base["a"] + "/studio/profile", {
            "name": f"{WORD} Design", "district": "yubei", "accreditation": "none",
            "capability_statement": f"{WORD} shapes cockpit screens and charging posts for "
            "electric cars, from sketches to tested prototypes.",
            "industry_codes": ["NEV"], "discipline_codes": ["UX"],
        })  # fmt: skip
        assert status == 200 and "Profile saved." in page, page[:500]
        started = time.monotonic()
        found = False
        while time.monotonic() - started < 30 and not found:
            found = f"{WORD} Design" in get(base["b"] + f"/search?q={WORD.lower()}")[1]
            time.sleep(0.1)
        print(f"two-host search delay (PostgreSQL full text): {time.monotonic() - started:.2f} s")
        assert found, "host B never found the profile saved through host A"
        assert not (tmp_path / "a" / "search_index").exists()
        assert not (tmp_path / "b" / "search_index").exists()

        guesser = Browser()
        statuses = []
        for n in range(5):
            host = base["a"] if n % 2 == 0 else base["b"]
            status, _ = guesser.submit(host + "/login", {
                "email": "quenz@example.com", "password": "wrong-password-1",
            })  # fmt: skip
            statuses.append(status)
        assert statuses == [400, 400, 400, 400, 429], statuses
