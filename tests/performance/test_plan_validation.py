"""The performance plan: the bundled one loads; every kind of mistake is a one-line error
naming the key and the valid choices."""

from __future__ import annotations

import copy
import tomllib

import pytest

from qa_engine.errors import ConfigError, UnknownNameError
from qa_engine.models import models_dir
from qa_engine.performance.plan import load_plan, parse_plan


@pytest.fixture(scope="module")
def bundled() -> dict:
    return tomllib.loads((models_dir() / "performance.toml").read_text(encoding="utf-8"))


def _broken(data: dict, change) -> dict:
    data = copy.deepcopy(data)
    change(data)
    return data


def _error(data: dict) -> str:
    with pytest.raises(ConfigError) as info:
        parse_plan(data, source="plan.toml")
    message = str(info.value)
    assert "\n" not in message and message.startswith("plan.toml")
    return message


def test_plan_bundled_loads_with_structures_tiers_and_rules():
    plan = load_plan()
    assert [s.id for s in plan.structures] == ["frontline", "team_lead", "default"]
    assert plan.period == "month"
    assert [t.id for t in plan.tiers.levels] == ["S", "A", "B", "C", "D"]
    assert {r.kind for r in plan.coaching.rules} == {"mean", "red_lines", "warning_unaddressed"}
    assert plan.structure_for("team_lead", None).id == "team_lead"
    assert plan.structure_for(None, "billing").id == "default"


def test_plan_unknown_key_is_named_with_the_valid_keys(bundled):
    message = _error(_broken(bundled, lambda d: d["structures"][0]["indicators"][0]
                             .update(wieght=30)))
    assert "unknown key 'wieght'" in message
    assert "structures[0].indicators[0]" in message
    assert "weight" in message and "source" in message


def test_plan_unknown_top_level_key(bundled):
    message = _error(_broken(bundled, lambda d: d.update(tier={})))
    assert "unknown key 'tier'" in message and "tiers" in message


def test_plan_weights_must_sum_to_total(bundled):
    message = _error(_broken(bundled, lambda d: d["structures"][0]["indicators"][0]
                             .update(weight=35)))
    assert "structure 'frontline'" in message and "sum to 105" in message


def test_plan_weight_outside_bounds_is_an_error_and_bounds_are_configurable(bundled):
    def lopsided(d):
        ind = d["structures"][2]["indicators"]
        ind[0]["weight"], ind[1]["weight"] = 50, 10
    message = _error(_broken(bundled, lopsided))
    assert "indicator 'quality'" in message and "outside weight_bounds 10–40 %" in message
    relaxed = _broken(bundled, lopsided)
    relaxed["weight_bounds"] = {"min": 5, "max": 60}
    assert parse_plan(relaxed).weight_bounds.max == 60


def test_plan_unknown_source_kind_lists_the_kinds(bundled):
    with pytest.raises(UnknownNameError) as info:
        parse_plan(_broken(bundled, lambda d: d["structures"][0]["indicators"][0]
                           .update(source="qualty")), source="plan.toml")
    assert "Unknown indicator source 'qualty'" in str(info.value)
    assert "kpi:NAME" in str(info.value) and "rating:SOURCE" in str(info.value)
    assert str(info.value).startswith("plan.toml")


def test_plan_unknown_rating_source_and_kpi(bundled):
    with pytest.raises(UnknownNameError,
                       match="rating source 'boss'.*customer, peer, self, supervisor"):
        parse_plan(_broken(bundled, lambda d: d["structures"][0]["indicators"][5]
                           .update(source="rating:boss")))
    with pytest.raises(UnknownNameError, match="KPI 'conversion'.*aht_seconds"):
        parse_plan(_broken(bundled, lambda d: d["structures"][0]["indicators"][1]
                           .update(source="kpi:conversion")))
    extended = _broken(bundled, lambda d: d["structures"][0]["indicators"][1]
                       .update(source="kpi:conversion"))
    extended["kpis"] = ["conversion", "fcr", "csat", "response_time_seconds", "aht_seconds"]
    assert parse_plan(extended).structures[0].indicators[1].name == "conversion"


def test_plan_indicator_needs_exactly_one_mapping(bundled):
    message = _error(_broken(bundled, lambda d: d["structures"][0]["indicators"][0]
                             .pop("target")))
    assert "indicator 'quality' must set exactly one of 'target' or 'band'" in message


def test_plan_period_kind_is_checked(bundled):
    message = _error(_broken(bundled, lambda d: d.update(period="year")))
    assert "period" in message and "'week', 'month' or 'quarter'" in message


def test_plan_tiers_are_checked(bundled):
    message = _error(_broken(bundled, lambda d: d["tiers"]["levels"][1].update(min_score=95)))
    assert "min_score must fall" in message
    message = _error(_broken(bundled, lambda d: d["tiers"].update(by="rank")))
    assert "tier 'S' needs 'share'" in message
    with pytest.raises(UnknownNameError, match="tier 'Z'.*A, B, C, D, S"):
        parse_plan(_broken(bundled, lambda d: d["tiers"].update(provisional="Z")))


def test_plan_rank_shares_must_sum_to_one(bundled):
    def by_rank(d):
        d["tiers"]["by"] = "rank"
        for level, share in zip(d["tiers"]["levels"], (0.1, 0.2, 0.4, 0.2, 0.2)):
            level.pop("min_score")
            level["share"] = share
    assert "shares must sum to 1" in _error(_broken(bundled, by_rank))


def test_plan_warnings_must_chart_known_daily_indicators(bundled):
    with pytest.raises(UnknownNameError, match="indicator 'qualty' in warnings.indicators"):
        parse_plan(_broken(bundled, lambda d: d["warnings"].update(indicators=["qualty"])))
    message = _error(_broken(bundled, lambda d: d["warnings"].update(indicators=["peer"])))
    assert "'peer' reads ratings" in message


def test_plan_coaching_and_sampling_rules_are_checked(bundled):
    message = _error(_broken(bundled, lambda d: d["coaching"]["rules"][0].pop("below")))
    assert "coaching rule 'low_fcr' needs exactly one of 'below' or 'above'" in message
    message = _error(_broken(bundled, lambda d: d["coaching"]["rules"][0].update(kind="median")))
    assert "coaching.rules[0].kind" in message and "'mean'" in message
    message = _error(_broken(bundled, lambda d: d["sampling"]["rules"][1].pop("threshold")))
    assert "sampling rule 'low_score' (score_below) needs 'threshold'" in message


def test_plan_file_errors(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_plan(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("name = ", encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_plan(bad)
