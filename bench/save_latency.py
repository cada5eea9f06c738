"""How long a studio's profile save takes, and how long until its recommendations are current.

Three paths, same app, same studios, same run, through the test client's HTTP POST:
- plain:  the profile UPDATE with no matching or indexing at all (the floor);
- sync:   the old behaviour: the outbox is drained inside the request (encode, rank, index);
- queued: the save returns after its own commit; a Huey consumer (a real subprocess on a
          SQLite queue) recomputes; we time until the studio's list is current again.

Studios are made by recombining the labelled dev-set profiles. The real embedding model is used.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/save_latency.py [--sizes 100 2000] [--saves 15]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ["HUEY_IMMEDIATE"] = "0"

DEV = ROOT / "tests" / "data" / "dev_studios.jsonl"
PASSWORD = "correct horse battery staple"


def _studio_lines(n: int, seed: int = 7) -> list[str]:
    base = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line]
    rng = random.Random(seed)
    out = []
    for i in range(n):
        a, b = rng.sample(base, 2)
        out.append(json.dumps({
            "ref": f"B{i:05d}", "name": f"{a['name']} {i}",
            "text": a["text"] + " " + b["text"].split(". ")[0] + ".",
            "industries": a.get("industries", []), "disciplines": a.get("disciplines", []),
        }, ensure_ascii=False))  # fmt: skip
    return out


def _form(i: int) -> dict:
    return {
        "name": "Bench Form Lab", "district": "yubei", "accreditation": "none",
        "capability_statement": (
            "We design battery enclosures and charging posts for Chongqing suppliers, "
            f"from styling and CMF to DFM engineering and prototypes (revision {i})."
        ),
        "industry_codes": ["NEV"], "discipline_codes": ["FORM", "ENG"],
        "contact_name": "Li Wei", "contact_email": "li.wei@bench.example.cn",
    }  # fmt: skip


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run_size(n: int, saves: int, workdir: Path) -> dict:
    """Build a database with n studios, then time the three save paths."""
    from flask_migrate import upgrade

    from marketplace import create_app, jobs
    from marketplace.extensions import db
    from marketplace.models import MatchRow
    from marketplace.services.accounts import accounts
    from marketplace.services.catalog import scenario_catalogue
    from marketplace.services.studios import studio_import

    db_file = workdir / f"bench{n}.db"
    env = {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{db_file}",
        "SEARCH_INDEX_DIR": str(workdir / f"index{n}"), "UPLOAD_DIR": str(workdir / "uploads"),
        "WTF_CSRF_ENABLED": False, "MATCHING_ENCODER": "model", "HUEY_IMMEDIATE": False,
        "RATELIMIT_ENABLED": False,
    }  # fmt: skip
    app = create_app("testing", env)
    with app.app_context(), jobs.inline():
        upgrade()
        scenario_catalogue.load_bundled_catalogue()
        t = time.perf_counter()
        studio_import.import_studios(studio_import.parse_studios(_studio_lines(n)).records)
        setup_s = time.perf_counter() - t
        user = accounts.register("studio", "Bench Form Lab", f"bench{n}@example.cn", PASSWORD)
        studio_key = f"studio:{user.studio_id}"
    client = app.test_client()
    client.post("/login", data={"email": f"bench{n}@example.cn", "password": PASSWORD})
    counter = iter(range(10**6))

    def post() -> float:
        started = time.perf_counter()
        response = client.post("/studio/profile", data=_form(next(counter)))
        assert response.status_code == 302, response.status_code
        return (time.perf_counter() - started) * 1000

    # warm the worker: one save of each kind before timing
    results: dict[str, list[float]] = {}
    original = jobs.request_drain
    jobs.request_drain = lambda: None  # plain: nothing derived happens
    post()
    results["plain"] = [post() for _ in range(saves)]
    jobs.request_drain = original
    jobs.huey.immediate = True  # sync: the drain runs inside the request, as before
    post()
    results["sync"] = [post() for _ in range(saves)]
    jobs.huey.immediate = False  # queued: a real consumer does the work
    queue = Path(os.environ["HUEY_SQLITE_PATH"])
    results["queued"] = [post() for _ in range(saves)]

    consumer_env = dict(os.environ, APP_ENV="testing", HUEY_SQLITE_PATH=str(queue),
                        DATABASE_URL=env["SQLALCHEMY_DATABASE_URI"],
                        SEARCH_INDEX_DIR=env["SEARCH_INDEX_DIR"], UPLOAD_DIR=env["UPLOAD_DIR"],
                        MATCHING_ENCODER="model", PYTHONPATH=str(ROOT))  # fmt: skip
    saved_at = time.perf_counter()
    with app.app_context():
        from marketplace.models._types import utcnow

        last_save = utcnow()
    consumer = subprocess.Popen(
        [str(Path(sys.executable).parent / "huey_consumer"), "marketplace.worker.huey", "-w", "1"],
        env=consumer_env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    current_s = None
    try:
        deadline = time.perf_counter() + 600
        while time.perf_counter() < deadline:
            with app.app_context():
                db.session.expire_all()
                latest = db.session.query(db.func.max(MatchRow.computed_at)).filter(
                    MatchRow.source_key == studio_key
                ).scalar()
            if latest is not None and latest >= last_save:
                current_s = time.perf_counter() - saved_at
                break
            time.sleep(0.2)
    finally:
        consumer.terminate()
        consumer.wait(timeout=30)
    return {"studios": n, "import_s": setup_s, "results": results, "current_s": current_s}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 2000])
    parser.add_argument("--saves", type=int, default=15)
    args = parser.parse_args()
    if os.environ.get("MATCHING_ENCODER_CHECK", "1") == "1":
        from matching.encoder import model_path

        model_path()  # fail early and clearly when the model package is missing
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["HUEY_SQLITE_PATH"] = str(Path(tmp) / "huey.db")  # before marketplace loads
        for n in args.sizes:
            report = run_size(n, args.saves, Path(tmp))
            r = report["results"]
            plain = statistics.median(r["plain"])
            print(f"\n{n} studios ({args.saves} saves each; import of the studios "
                  f"{report['import_s']:.1f} s)")  # fmt: skip
            print(f"  {'path':<8} {'p50 ms':>9} {'p99 ms':>9} {'p50 vs plain':>13}")
            for name in ("plain", "sync", "queued"):
                p50, p99 = statistics.median(r[name]), _pct(r[name], 0.99)
                print(f"  {name:<8} {p50:9.1f} {p99:9.1f} {p50 / plain:12.2f}x")
            current = report["current_s"]
            shown = f"{current:.1f} s" if current is not None else "not within 600 s"
            print(f"  recommendations current after the last queued save (consumer start "
                  f"included): {shown}")  # fmt: skip


if __name__ == "__main__":
    main()
