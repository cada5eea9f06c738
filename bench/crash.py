"""Crash benchmark: acknowledged writes against gunicorn, kill -9 of master and workers, then check.

Usage: python bench/crash.py [--writers 3] [--writes 16] [--kill-at 0.5] [--workers 2]
Each writer (a studio account) runs every write stream in turn; when the given share of all
planned writes is acknowledged, the master and workers get SIGKILL together. Then it prints
acknowledged writes missing from the database per stream, PRAGMA integrity_check, `flask search
check` and `flask match refresh`, and that a restarted server answers. Loopback only, bounded.
Streams: profile saves, interest notes and sealed bids (placed, then edited). A new stream is a
class with `write()` and `missing()`: add it to STREAMS.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import re
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._server import Gunicorn, flask, prepare_demo  # noqa: E402
from tests.functional.studios.conftest import profile_form  # noqa: E402

PASSWORD = "crash bench password 1"
SCENARIOS = [f"{ind}-{n:02d}" for ind in ("NEV", "ELEC", "EQUIP") for n in range(1, 6)]


class Client:
    """A browser-like session: cookies, CSRF token, no redirects followed."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), self._NoRedirect()
        )
        self.token = ""

    def request(self, path: str, data: dict | None = None, timeout: float = 60) -> int:
        """The status of a GET (data None) or a form POST (with this session's CSRF token)."""
        body = None
        if data is not None:
            body = urllib.parse.urlencode({**data, "csrf_token": self.token}, doseq=True).encode()
        try:
            with self.opener.open(self.base + path, body, timeout=timeout) as response:
                html = response.read().decode("utf-8", "replace")
                status = response.status
        except urllib.error.HTTPError as exc:
            html, status = exc.read().decode("utf-8", "replace"), exc.code
        found = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', html)
        if found:
            self.token = found.group(1)
        return status

    def register(self, email: str, name: str) -> None:
        """Register and log in a studio account through the real form."""
        self.request("/register")
        form = {"role": "studio", "organisation_name": name, "email": email,
                "password": PASSWORD, "confirm": PASSWORD}  # fmt: skip
        status = self.request("/register", form)
        if status != 302:
            raise RuntimeError(f"registration of {email} answered {status}")
        self.request("/studio/profile")  # a token for the forms that follow


@dataclass
class Stream:
    """A kind of acknowledged write; subclasses say how to send one and how to find it."""

    name: str = "stream"
    acked: dict[int, list[int]] = field(default_factory=dict)  # writer -> acknowledged seqs

    def write(self, client: Client, writer: int, seq: int) -> bool:
        """Send write number `seq`; True when the server acknowledged it."""
        raise NotImplementedError

    def missing(self, db: sqlite3.Connection, writer: int, studio_id: int) -> int:
        """How many of this writer's acknowledged writes the database does not hold."""
        raise NotImplementedError


class ProfileSaves(Stream):
    """Profile saves: each overwrites the last, so the stored number must be >= the last ack."""

    def __init__(self):
        super().__init__(name="profile saves")

    def write(self, client, writer, seq):
        statement = (profile_form()["capability_statement"]
                     + f" Crash bench writer {writer} save {seq}.")  # fmt: skip
        form = profile_form(name=f"Crash Bench Studio {writer}", capability_statement=statement)
        return client.request("/studio/profile", form) == 302

    def missing(self, db, writer, studio_id):
        acked = self.acked.get(writer, [])
        if not acked:
            return 0
        row = db.execute("SELECT capability_statement FROM studios WHERE id = ?", (studio_id,))
        found = re.search(r"save (\d+)\.", (row.fetchone() or [""])[0] or "")
        stored = int(found.group(1)) if found else 0
        return sum(1 for seq in acked if seq > stored)


class InterestNotes(Stream):
    """'We can take this on' notes: one row per (studio, scenario), each must be there."""

    def __init__(self):
        super().__init__(name="interest notes")

    def write(self, client, writer, seq):
        code = SCENARIOS[seq % len(SCENARIOS)]
        note = f"Crash bench writer {writer} note {seq}."
        return client.request(f"/scenarios/{code}/interest", {"note": note}) == 302

    def missing(self, db, writer, studio_id):
        rows = db.execute(
            "SELECT s.code, i.note FROM studio_interests i JOIN scenarios s "
            "ON s.id = i.scenario_id WHERE i.studio_id = ?",
            (studio_id,),
        )
        stored = {}  # a later note on the same scenario replaces an earlier one
        for code, note in rows:
            found = re.search(r"note (\d+)\.", note or "")
            stored[code] = int(found.group(1)) if found else 0
        return sum(
            1
            for seq in self.acked.get(writer, [])
            if stored.get(SCENARIOS[seq % len(SCENARIOS)], 0) < seq
        )


class BidEdits(Stream):
    """A sealed bid on an open need: the first write places it, later ones edit it; the stored
    approach must carry a number >= the last acknowledged one."""

    need_id: int = 0  # set in main() once the demo needs are imported

    def __init__(self):
        super().__init__(name="bids")

    def write(self, client, writer, seq):
        form = {
            "approach": f"Clay model, CAD surfaces and a test rig. Crash bench writer {writer} "
                        f"bid {seq}.",
            "price": str(180_000 + seq), "duration_weeks": "12", "team": "Three designers.",
        }  # fmt: skip
        return client.request(f"/needs/{self.need_id}/bid", form) == 302

    def missing(self, db, writer, studio_id):
        acked = self.acked.get(writer, [])
        if not acked:
            return 0
        row = db.execute(
            "SELECT approach FROM bids WHERE need_id = ? AND studio_id = ?",
            (self.need_id, studio_id),
        ).fetchone()
        found = re.search(r"bid (\d+)\.", (row or [""])[0] or "")
        stored = int(found.group(1)) if found else 0
        return sum(1 for seq in acked if seq > stored)


STREAMS = [ProfileSaves, InterestNotes, BidEdits]


def writer_loop(client, writer, streams, writes, stop: threading.Event, counter: list) -> None:
    """Write until `writes` per stream are sent or the server is gone."""
    for seq in range(1, writes + 1):
        for stream in streams:
            if stop.is_set():
                return
            try:
                ok = stream.write(client, writer, seq)
            except OSError:
                return  # connection refused or reset: the server was killed
            if ok:
                stream.acked.setdefault(writer, []).append(seq)
                counter[0] += 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=3)
    parser.add_argument("--writes", type=int, default=16, help="per writer and stream")
    parser.add_argument("--kill-at", type=float, default=0.5, help="share acknowledged, then kill")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--instance", type=Path, default=Path("/tmp/marketplace-bench-load"),
                        help="prepared demo instance to copy (bench/load.py makes the same one)")
    args = parser.parse_args()
    prepare_demo(args.instance)
    work = Path(tempfile.mkdtemp(prefix="crash-bench-"))
    instance = work / "instance"
    shutil.copytree(args.instance, instance)
    flask(instance, "init")  # a demo instance prepared by an older version: migrate it first
    flask(instance, "users", "import", str(ROOT / "tests" / "data" / "demo_manufacturers.jsonl"))
    flask(instance, "needs", "import", str(ROOT / "tests" / "data" / "demo_needs.jsonl"))
    with sqlite3.connect(instance / "marketplace.db") as db:
        BidEdits.need_id = db.execute(
            "SELECT id FROM needs WHERE status = 'published' AND bid_deadline > datetime('now') "
            "ORDER BY id LIMIT 1"
        ).fetchone()[0]  # fmt: skip
    limits = {"REGISTER_RATE_LIMIT": "100000 per hour", "LOGIN_RATE_LIMIT": "100000 per hour"}
    server = Gunicorn(instance, workers=args.workers, **limits).start()
    streams = [cls() for cls in STREAMS]
    clients = []
    for w in range(args.writers):
        client = Client(server.url)
        client.register(f"crash-writer-{w}@example.com", f"Crash Bench Studio {w}")
        clients.append(client)
    planned = args.writers * args.writes * len(streams)
    stop, counter = threading.Event(), [0]
    threads = [
        threading.Thread(target=writer_loop, args=(c, w, streams, args.writes, stop, counter))
        for w, c in enumerate(clients)
    ]
    started = time.monotonic()
    for t in threads:
        t.start()
    while counter[0] < planned * args.kill_at and any(t.is_alive() for t in threads):
        time.sleep(0.01)
    killed = server.kill9()
    stop.set()
    for t in threads:
        t.join(timeout=90)
    seconds = time.monotonic() - started
    print(f"kill -9 of {len(killed)} processes (master + workers) after {counter[0]} of "
          f"{planned} planned writes were acknowledged ({seconds:.1f} s)")  # fmt: skip
    db_path = instance / "marketplace.db"
    with sqlite3.connect(db_path) as db:
        ids = dict(db.execute(
            "SELECT email, studio_id FROM users WHERE email LIKE 'crash-writer-%'"
        ).fetchall())  # fmt: skip
        for stream in streams:
            acked = sum(len(v) for v in stream.acked.values())
            lost = sum(stream.missing(db, w, ids[f"crash-writer-{w}@example.com"])
                       for w in range(args.writers))  # fmt: skip
            print(f"{stream.name:<16} acknowledged {acked:>4}  missing from the database {lost}")
        print("PRAGMA integrity_check:", db.execute("PRAGMA integrity_check").fetchone()[0])
    restarted = Gunicorn(instance, workers=args.workers, port=server.port, **limits).start()
    try:
        status = clients[0].request("/studio/profile")
        print(f"restarted server: /healthz 200, writer 0's profile page {status}")
    finally:
        restarted.stop()
    for label, cmd in (("flask search check", ["search", "check"]),
                       ("flask match refresh", ["match", "refresh"])):  # fmt: skip
        result = flask(instance, *cmd, check=False)
        last = (result.stdout.strip() or result.stderr.strip()).splitlines()[-1:] or [""]
        print(f"{label}: exit {result.returncode}: {last[0][:160]}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
