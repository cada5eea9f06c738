"""Two gunicorn hosts with their own instance folders on one PostgreSQL and one Redis, search in
the database (SEARCH_BACKEND=postgres): a profile saved through host A is found by search on host
B with no per-host index and no follower; a login throttle counts the attempts on both hosts."""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

from tests.conftest import PASSWORD, csrf_token_from
from tests.integration.postgres.test_ops_on_postgres import (
    BIN,
    ROOT,
    _free_port,
    _get,
    _new_database,
)
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
    url = _new_database(postgres_server)
    common = dict(os.environ)
    common.update(
        APP_ENV="development", DATABASE_URL=url, HUEY_REDIS_URL=redis_url,
        RATELIMIT_STORAGE_URI=redis_url.replace("/0", "/1"), HUEY_IMMEDIATE="0",
        SEARCH_BACKEND="postgres", LOGIN_RATE_LIMIT="4 per minute", LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT), HEARTBEAT_SECONDS="1",
    )  # fmt: skip
    hosts = {}
    for name in ("a", "b"):
        env = dict(common, INSTANCE_DIR=str(tmp_path / name))
        hosts[name] = {"env": env, "port": _free_port()}
    init = subprocess.run([str(BIN / "flask"), "--app", "wsgi", "init"], env=hosts["a"]["env"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert init.returncode == 0, init.stderr[-2000:]
    procs = []
    try:
        for host in hosts.values():
            procs.append(subprocess.Popen(
                [str(BIN / "gunicorn"), "--workers", "1", "--bind", f"127.0.0.1:{host['port']}",
                 "wsgi:app"], env=host["env"], cwd=ROOT, start_new_session=True,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            ))  # fmt: skip
        procs.append(subprocess.Popen(
            [str(BIN / "huey_consumer"), "marketplace.worker.huey", "-w", "1"],
            env=hosts["a"]["env"], cwd=ROOT, start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        ))  # fmt: skip
        base = {name: f"http://127.0.0.1:{h['port']}" for name, h in hosts.items()}
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # both hosts up and ready (consumer beating)
            if all(_get(b + "/readyz")[0] == 200 for b in base.values()):
                break
            time.sleep(0.5)
        assert _get(base["b"] + "/readyz")[0] == 200, _get(base["b"] + "/readyz")[1]
        assert f"{WORD} Design" not in _get(base["b"] + f"/search?q={WORD}")[1]

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
            found = f"{WORD} Design" in _get(base["b"] + f"/search?q={WORD.lower()}")[1]
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
    finally:
        for proc in procs:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
