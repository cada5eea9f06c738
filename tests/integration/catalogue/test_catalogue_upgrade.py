"""An existing database gets the corrected catalogue texts from `flask init`."""

from __future__ import annotations

from marketplace.extensions import db
from marketplace.models import Industry, Scenario
from marketplace.services.catalog.scenario_catalogue import bundled_industries
from marketplace.services.search import indexing

# Texts as an installation made before the catalogue was corrected still holds them.
OLD_ENERGY_02 = (
    "Storage makers in Liangjiang export residential battery systems. Current products look "
    "like industrial electrical boxes. Installers report that customers refuse to mount them in "
    "hallways, which limits where and how many systems can be sold."
)
OLD_TEXT_TREND = "Design weeks, its bid to become a UNESCO City of Design and matchmaking help."
OLD_FUTURE_NAME_ZH = "“新星”产业集群（卫星互联网、低空飞行器、机器人、生命科学等新兴领域）"


def _bundled(code: str) -> dict:
    return next(d for d in bundled_industries() if d["code"] == code)


def test_init_replaces_old_scenario_and_trend_texts(app, runner):
    with app.app_context():
        scenario = db.session.scalar(db.select(Scenario).where(Scenario.code == "ENERGY-02"))
        scenario.description = OLD_ENERGY_02
        db.session.get(Industry, "TEXT").trend = OLD_TEXT_TREND
        db.session.get(Industry, "FUTURE").name_zh = OLD_FUTURE_NAME_ZH
        db.session.commit()
        indexing.bring_in_step()  # the index now holds the old text, as on a running site
        assert indexing.check().is_clean

    result = runner.invoke(args=["init"])

    assert result.exit_code == 0, result.output
    assert "1 updated" in result.output and "82 unchanged" in result.output
    # ENERGY-02 is re-indexed when its text changes; the four FUTURE documents carry the
    # industry's Chinese name, so the sync at the end of init rewrites them.
    assert "Search index brought in step: 4 written" in result.output
    with app.app_context():
        scenario = db.session.scalar(db.select(Scenario).where(Scenario.code == "ENERGY-02"))
        bundled = next(s for s in _bundled("ENERGY")["scenarios"] if s["code"] == "ENERGY-02")
        assert scenario.description == bundled["description"]
        assert "Installers report" not in scenario.description
        text = db.session.get(Industry, "TEXT")
        assert text.trend == _bundled("TEXT")["trend"] and "bid to become" not in text.trend
        future = db.session.get(Industry, "FUTURE")
        assert future.name_zh == _bundled("FUTURE")["name_zh"]
        assert "低空飞行器" not in future.name_zh
        assert indexing.check().is_clean
