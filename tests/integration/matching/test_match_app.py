"""The app's matching with the real model: the `flask match` contract, stored vectors, edits."""

from __future__ import annotations

import json
import re
import shutil
from itertools import islice
from pathlib import Path

import pytest
from sqlalchemy import select

from marketplace.extensions import db
from marketplace.models import Embedding, MatchRow, Studio
from marketplace.models.matching import STUDIO_TO_SCENARIO
from marketplace.services.studios import studio_profiles
from tests.bid_helpers import studio_actor
from tests.conftest import make_app

pytestmark = pytest.mark.slow

DATA = Path(__file__).resolve().parents[2] / "data"
STUDIO_KEYS = {"ref", "studio_id", "name", "score", "fit", "reasons"}  # fit: strong, good, possible
SCENARIO_KEYS = {"code", "title", "score", "fit", "reasons"}
COCKPIT_BRIEF = (
    "We need the cockpit HMI for our next electric SUV: instrument cluster and centre-screen "
    "layouts, head-up display graphics and voice interaction, tested with real drivers."
)


@pytest.fixture(scope="module")
def model_app(tmp_path_factory, template_db):
    """One app on the real model for the module, with the first 20 dev-set studios imported."""
    from marketplace.services.studios import studio_import

    folder = tmp_path_factory.mktemp("match-app")
    db_file = folder / "test.db"
    shutil.copy(template_db, db_file)
    app = make_app(folder, db_file, MATCHING_ENCODER="model")
    with app.app_context(), (DATA / "dev_studios.jsonl").open(encoding="utf-8") as fh:
        studio_import.import_studios(studio_import.parse_studios(list(islice(fh, 20))).records)
    app.folder, app.db_file = folder, db_file
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def cli(model_app):
    """Invoke `flask <args>` on the module's app."""
    runner = model_app.test_cli_runner()
    return lambda *args: runner.invoke(args=list(args))


def _stamps(app) -> dict[str, object]:
    with app.app_context():
        rows = db.session.execute(select(Embedding.kind, Embedding.key, Embedding.updated_at))
        return {f"{kind}:{key}": stamp for kind, key, stamp in rows}


def test_cockpit_brief_ranks_the_cockpit_studio_above_the_packaging_agency(cli):
    result = cli("match", "studios", "--text", COCKPIT_BRIEF, "--top", "20", "--json")
    assert result.exit_code == 0, result.output
    items = json.loads(result.output)
    assert all(set(item) == STUDIO_KEYS for item in items)
    refs = [item["ref"] for item in items]
    assert refs.index("S001") < refs.index("S016")  # Lumen Cockpit Lab vs Leaf & Fold Packaging
    assert refs.index("S001") < 3
    # the learned ranking's score decides the order (a fit level is a label, not a re-sort)
    scores = [i["score"] for i in items]
    assert scores == sorted(scores, reverse=True)
    assert any("predicted from the brief's description" in r for r in items[0]["reasons"])


def test_scenarios_for_a_studio_keep_their_keys(cli):
    result = cli("match", "scenarios", "--studio", "S001", "--top", "5", "--json")
    assert result.exit_code == 0, result.output
    items = json.loads(result.output)
    assert len(items) == 5 and all(set(item) == SCENARIO_KEYS for item in items)
    assert items[0]["code"].startswith("NEV-")


def test_bad_scenario_code_and_bad_top_exit_non_zero_with_a_message(cli):
    result = cli("match", "studios", "--scenario", "NOPE-99", "--json")
    assert result.exit_code != 0
    assert "No scenario with code NOPE-99" in result.output
    assert isinstance(result.exception, SystemExit)  # a message, never a traceback
    assert cli("match", "studios", "--scenario", "NEV-01", "--top", "0").exit_code != 0
    result = cli("match", "scenarios", "--studio", "NO-SUCH-REF")
    assert result.exit_code != 0 and "No studio with ref NO-SUCH-REF" in result.output


def test_queries_batch_encodes_once_and_prints_one_line_per_query(model_app, cli, tmp_path):
    from marketplace.services.matching import encoding

    lines = [
        {"id": "hmi", "text": COCKPIT_BRIEF},
        {"id": 7, "title": "Hotpot gift box", "text": "Gift packaging for hotpot base makers."},
        {"id": "bat", "text": "Battery pack enclosure with thermal design for e-scooters."},
    ]
    path = tmp_path / "queries.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    with model_app.app_context():
        encoder = encoding.encoder()
    calls = []
    original = encoder.encode
    encoder.encode = lambda texts: calls.append(len(texts)) or original(texts)
    try:
        result = cli("match", "studios", "--queries", str(path), "--top", "3")
    finally:
        del encoder.encode
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["id"] for r in rows] == ["hmi", "7", "bat"]
    assert all(len(r["results"]) == 3 and set(r["results"][0]) == STUDIO_KEYS for r in rows)
    # the queries' whole texts in one batched encode; then at most one small batch per query
    # for the passages its explanations quote (passages are encoded lazily, then cached)
    assert calls[0] == len(lines) and len(calls) <= 1 + len(lines)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\nnot json\n', encoding="utf-8")
    result = cli("match", "scenarios", "--queries", str(bad))
    assert result.exit_code != 0 and "line 1" in result.output and "line 2" in result.output


def test_every_scenario_at_once(cli):
    result = cli("match", "studios", "--scenario", "all", "--top", "2")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert len(rows) == 83 and all(len(r["results"]) == 2 for r in rows)


def test_unchanged_profiles_are_never_re_encoded_not_even_after_a_restart(model_app, cli):
    first = cli("match", "refresh")
    assert first.exit_code == 0, first.output
    assert "0 profiles encoded, 103 reused" in first.output  # 20 studios + 83 scenarios
    before = _stamps(model_app)
    restarted = make_app(model_app.folder, model_app.db_file, MATCHING_ENCODER="model")
    again = restarted.test_cli_runner().invoke(args=["match", "refresh"])
    assert again.exit_code == 0, again.output
    assert "0 profiles encoded" in again.output
    assert _stamps(model_app) == before


def test_an_edited_profile_re_encodes_itself_and_changes_its_recommendations(model_app):

    before = _stamps(model_app)
    with model_app.app_context():
        studio = db.session.scalar(select(Studio).where(Studio.ref == "S018"))  # packaging machines

        def stored_list():
            return list(db.session.scalars(
                select(MatchRow.target_key)
                .where(MatchRow.direction == STUDIO_TO_SCENARIO,
                       MatchRow.source_key == f"studio:{studio.id}",
                       MatchRow.retired_at.is_(None))
                .order_by(MatchRow.rank)
            ))  # fmt: skip

        old = stored_list()
        profile_input = studio_profiles.ProfileInput
        studio_profiles.update_profile(studio_actor(studio.id), studio.id, profile_input(
            name=studio.name,
            capability_statement="We design motorcycle fuel tanks, fairings and TFT dashboards "
            "for Chongqing's 400cc to 800cc export bikes, from sketches to clay and CAD.",
            industry_codes=["MOTO"], discipline_codes=["FORM", "UX"],
        ))  # fmt: skip
        new = stored_list()
    changed = {k for k, v in _stamps(model_app).items() if before.get(k) != v}
    assert changed == {f"studio:{studio.id}"}
    assert old and new != old and new[0].startswith("scenario:MOTO-")


def test_evaluate_leads_with_the_apps_graded_ranking_and_keeps_the_label_figures(cli):
    result = cli(
        "match", "evaluate",
        "--studios", str(DATA / "dev_studios.jsonl"), "--needs", str(DATA / "dev_needs.jsonl"),
        "--zh-needs", str(DATA / "dev_needs_zh.jsonl"),
        "--zh-studios", str(DATA / "dev_studios_zh.jsonl"),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    print(result.output)  # the figures, for the record (pytest -s)
    out = result.output
    # The graded set's test half leads: the app's own ranking vs plain cosine per pair.
    assert out.index("\ntest half (the protocol figure)") < out.index("label-based figures")
    assert "40 test + 24 holdout + 40 tune needs × 50 studios" in out
    graded = out[: out.index("\ntune half")]
    figures = {}
    for pair in ("en→en", "zh→en", "zh→zh", "en→zh"):
        for system in ("cosine", "app ranking"):
            line = re.search(rf"^  {pair}\s+{system}\s+([\d.]+)", graded, re.MULTILINE)
            assert line, (pair, system)
            figures[(pair, system)] = float(line.group(1))
    # Issue 20: the app's ranking beats plain cosine on the English test half.
    assert figures[("en→en", "app ranking")] > figures[("en→en", "cosine")]
    # The label-based figures (shared industry/discipline labels) stay, second: since the
    # ranking is chosen on grades read by a person they are reported, not a goal.
    for direction in ("need→studio", "studio→need", "studio→scenario"):
        line = re.search(
            rf"^{direction}: hybrid ([\d.]+), tfidf ([\d.]+), cosine ([\d.]+)", out,
            re.MULTILINE,
        )  # fmt: skip
        assert line, direction
        assert all(0.0 < float(x) <= 1.0 for x in line.groups())
    assert "hybrid / better baseline" in out
    for direction in ("need→studio", "studio→need"):
        assert f"Chinese / English, {direction}: " in out
    assert "strong" in out and "shown/query" in out


def test_evaluate_names_a_malformed_graded_folder(cli, tmp_path):
    (tmp_path / "needs.jsonl").write_text('{"id": "N1", "split": "tune"}\n', encoding="utf-8")
    result = cli(
        "match", "evaluate", "--graded", str(tmp_path),
        "--studios", str(DATA / "dev_studios.jsonl"), "--needs", str(DATA / "dev_needs.jsonl"),
    )  # fmt: skip
    assert result.exit_code != 0 and "graded set is malformed" in result.output
