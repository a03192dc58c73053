"""Deviation early warning: a sustained drop is flagged with its days and calls; steady
agents, one bad day and a team-wide dip are not."""

from __future__ import annotations

from datetime import date

import pytest

from qa_engine.performance.periods import parse_period
from qa_engine.performance.plan import load_plan
from qa_engine.performance.warnings import detect_deviations
from tests.performance.helpers import call, month_of_calls

NOV = parse_period("2026-11")
AGENTS = [f"A{i:02d}" for i in range(1, 11)]


@pytest.fixture(scope="module")
def plan():
    return load_plan()


def test_warning_a_two_week_quality_drop_is_flagged_with_its_days_and_calls(plan):
    calls = month_of_calls(AGENTS, seed=11, drop={"A03": (17, 25.0)})
    warnings = detect_deviations(plan, calls, NOV)
    assert [(w.agent_id, w.indicator) for w in warnings] == [("A03", "quality")]
    w = warnings[0]
    assert date(2026, 11, 15) <= w.days[0] <= date(2026, 11, 18)
    assert w.days[-1] == date(2026, 11, 30)
    assert date(2026, 11, 17) <= w.alarm_day <= date(2026, 11, 21)
    assert w.shift == pytest.approx(-25, abs=6) and w.shift_sigma < -2
    cited = {c for c in w.calls}
    assert {f"A03-{d:02d}-{k}" for d in range(18, 31) for k in range(4)} <= cited
    assert all(c.startswith("A03-") for c in cited)
    assert set(w.worst_calls) <= cited and len(w.worst_calls) == 5
    assert w.calls_per_day == 4 and w.baseline_calls_per_day == 4
    assert w.baseline_start == date(2026, 11, 1) and w.baseline_end == date(2026, 11, 10)
    assert w.team_shift == pytest.approx(0, abs=2)


@pytest.mark.parametrize("seed", range(20, 26))
def test_warning_steady_agents_are_not_flagged(plan, seed):
    assert detect_deviations(plan, month_of_calls(AGENTS, seed=seed), NOV) == []


def test_warning_one_very_bad_day_is_noise_not_a_break(plan):
    calls = month_of_calls(AGENTS, seed=12)
    calls = [c.model_copy(update={"score": 0.0, "red_line_failed": True})
             if c.agent_id == "A05" and c.day == date(2026, 11, 20) else c for c in calls]
    assert [w for w in detect_deviations(plan, calls, NOV) if w.agent_id == "A05"] == []


def test_warning_a_team_wide_dip_is_not_one_agents_deviation(plan):
    calls = month_of_calls(AGENTS, seed=13, team_dip=(18, 30, 20.0))
    assert [w for w in detect_deviations(plan, calls, NOV) if w.indicator == "quality"] == []
    own_only = plan.model_copy(update={"warnings": plan.warnings.model_copy(
        update={"relative_to_team": False})})
    dropped = {w.agent_id for w in detect_deviations(own_only, calls, NOV)
               if w.indicator == "quality"}
    assert len(dropped) >= 8                     # charted without the team: nearly everyone


def test_warning_a_rising_response_time_is_a_deviation(plan):
    calls = month_of_calls(AGENTS, seed=14)
    calls = [c.model_copy(update={"kpis": {**c.kpis, "response_time_seconds":
                                           c.kpis["response_time_seconds"] + 25}})
             if c.agent_id == "A07" and c.day >= date(2026, 11, 20) else c for c in calls]
    warnings = detect_deviations(plan, calls, NOV)
    assert [(w.agent_id, w.indicator) for w in warnings] == [("A07", "response")]
    assert warnings[0].shift == pytest.approx(25, abs=5)


def test_warning_needs_a_baseline(plan):
    calls = [call(f"c{d}", "A1", d, score=50 if d > 3 else 95) for d in range(1, 8)]
    assert detect_deviations(plan, calls, NOV) == []
