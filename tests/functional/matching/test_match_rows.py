"""Stable match rows: a recompute keeps each pair's row (and so any staff decision on it)."""

from __future__ import annotations

from sqlalchemy import select

from marketplace.extensions import db
from marketplace.models import MatchRow, Studio
from marketplace.models.matching import SCENARIO_TO_STUDIO, STUDIO_TO_SCENARIO
from marketplace.services.studios import studio_profiles
from tests.bid_helpers import studio_actor
from tests.functional.matching.conftest import import_dev_studios


def _rows(app) -> dict[tuple[str, str, str], MatchRow]:
    with app.app_context():
        db.session.expire_all()
        rows = db.session.scalars(select(MatchRow))
        return {(r.direction, r.source_key, r.target_key): r for r in rows}


def test_match_refresh_keeps_every_row_id_and_records_model_and_weights(app, runner):
    import_dev_studios(app, 6)
    before = _rows(app)
    assert before and all(r.model and r.weights_version and r.parts for r in before.values())
    assert all(k[1].startswith(("scenario:", "studio:")) for k in before)
    result = runner.invoke(args=["match", "refresh"])
    assert result.exit_code == 0, result.output
    after = _rows(app)
    assert all(after[pair].id == row.id for pair, row in before.items())  # no row replaced
    assert len({r.id for r in after.values()}) == len(after)


def test_an_edited_studio_retires_dropped_pairs_instead_of_deleting_them(app):

    import_dev_studios(app, 6)
    with app.app_context():
        studio = db.session.scalar(select(Studio).where(Studio.ref == "S001"))
        key, name = f"studio:{studio.id}", studio.name
    before = {k: r for k, r in _rows(app).items() if k[0] == STUDIO_TO_SCENARIO and k[1] == key}
    with app.app_context():
        profile_input = studio_profiles.ProfileInput
        studio_profiles.update_profile(studio_actor(studio.id), studio.id, profile_input(
            name=name, industry_codes=["FOOD"], discipline_codes=["BRAND"],
            capability_statement="We design hotpot-base packaging, gift boxes and shelf displays "
            "for Chongqing food makers, from brand strategy to print-ready artwork.",
        ))  # fmt: skip
    after = _rows(app)
    current = [r for k, r in after.items() if k[1] == key and r.retired_at is None]
    retired = [r for k, r in after.items() if k[1] == key and r.retired_at is not None]
    assert current and all(r.rank for r in current)
    assert retired and all(r.rank is None for r in retired)
    for pair, row in before.items():  # every pair it had keeps its row, current or retired
        assert after[pair].id == row.id
    scenario_lists = [k for k in after if k[0] == SCENARIO_TO_STUDIO]
    assert scenario_lists


def test_weights_adopted_by_learn_rank_the_lists_and_are_recorded_on_the_rows(app):
    from marketplace.database import write_transaction
    from marketplace.models.match_review import WeightsVersion
    from marketplace.services.matching import matches
    from matching import fusion

    import_dev_studios(app, 6)
    adopted = {**fusion.WEIGHTS, "lexical": fusion.WEIGHTS.get("lexical", 0.0) + 0.5}
    with app.app_context():
        with write_transaction() as session:
            session.add(WeightsVersion(version="learned-test-1", weights=adopted,
                                       previous=dict(fusion.WEIGHTS), figures={}))  # fmt: skip
        report = matches.refresh()
        assert report.scenario_lists
        assert matches.engine().matcher.weights["lexical"] == adopted["lexical"]
    current = [r for r in _rows(app).values() if r.retired_at is None]
    assert current and {r.weights_version for r in current} == {"learned-test-1"}
