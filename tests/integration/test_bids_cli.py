"""`flask bids import`: the demo bids load after the demo needs (sealed and decided ones), a bad
file imports nothing and names line and field, and re-importing updates in place."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.models import Bid, Need

DATA = Path(__file__).resolve().parents[1] / "data"


def _load_demo(runner) -> None:
    for args in (["studios", "import", str(DATA / "demo_studios.jsonl")],
                 ["users", "import", str(DATA / "demo_manufacturers.jsonl")],
                 ["needs", "import", str(DATA / "demo_needs.jsonl")]):  # fmt: skip
        result = runner.invoke(args=args)
        assert result.exit_code == 0, result.output


def test_demo_bids_import_after_the_demo_needs(app, runner):
    _load_demo(runner)
    result = runner.invoke(args=["bids", "import", str(DATA / "demo_bids.jsonl")])
    assert result.exit_code == 0, result.output
    assert "14 new" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Bid.id))) == 14
        awarded = db.session.scalar(select(Need).where(Need.ref == "demo-need-06"))
        assert awarded.status == "awarded"
        assert sorted(b.status for b in awarded.bids) == ["awarded", "declined", "declined"]
    again = runner.invoke(args=["bids", "import", str(DATA / "demo_bids.jsonl")])
    assert "0 new, 14 updated" in again.output


def test_a_bad_line_imports_nothing_and_names_line_and_field(app, runner, tmp_path):
    _load_demo(runner)
    good = (DATA / "demo_bids.jsonl").read_text(encoding="utf-8").splitlines()[0]
    early = dict(json.loads(good), status="awarded")  # demo-need-01's deadline is ahead
    malformed = tmp_path / "malformed.jsonl"
    malformed.write_text(good + "\n" + json.dumps(dict(json.loads(good), studio="S2", price=-5))
                         + "\n{oops\n", encoding="utf-8")  # fmt: skip
    result = runner.invoke(args=["bids", "import", str(malformed)])
    assert result.exit_code != 0
    assert "line 2: price" in result.output and "line 3: (json)" in result.output
    bad = [good, json.dumps(dict(json.loads(good), studio="S004", need="nope")),
           json.dumps(dict(early, studio="S009"))]  # fmt: skip
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(bad) + "\n", encoding="utf-8")
    result = runner.invoke(args=["bids", "import", str(path)])
    assert result.exit_code != 0
    assert "line 2: need" in result.output
    assert "line 3: status" in result.output and "sealed" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Bid.id))) == 0
    dry = runner.invoke(args=["bids", "import", "--dry-run", str(DATA / "demo_bids.jsonl")])
    assert dry.exit_code == 0 and "nothing was written" in dry.output
