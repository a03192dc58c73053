"""Agent roll-up: shrinkage toward the team, intervals, ranking."""

from __future__ import annotations

import random

import pytest

from qa_engine.rollup import CallScore, rollup_agents


def calls(agent, scores):
    return [CallScore(agent_id=agent, score=s) for s in scores]


def test_rollup_few_lucky_calls_do_not_top_the_board():
    rng = random.Random(0)
    data = [c for k in range(8)
            for c in calls(f"A{k}", [rng.gauss(80 + 2 * k, 10) for _ in range(40)])]
    data += calls("lucky", [92, 95, 97, 94, 96])
    agents, summary = rollup_agents(data)
    by_id = {a.agent_id: a for a in agents}
    assert by_id["lucky"].mean == max(a.mean for a in agents)
    assert agents[0].agent_id != "lucky"
    assert by_id["lucky"].shrunk_mean < by_id["lucky"].mean - 3
    assert by_id["lucky"].shrinkage > by_id["A7"].shrinkage
    assert summary["calls"] == 325


def test_rollup_interval_narrows_with_more_calls():
    rng = random.Random(1)
    data = calls("many", [rng.gauss(80, 10) for _ in range(100)]) + calls("few", [80, 70, 90])
    data += calls("other", [rng.gauss(70, 10) for _ in range(50)])
    by_id = {a.agent_id: a for a in rollup_agents(data)[0]}
    width = lambda a: a.interval_high - a.interval_low  # noqa: E731
    assert width(by_id["many"]) < width(by_id["few"])
    for a in by_id.values():
        assert a.interval_low <= a.shrunk_mean <= a.interval_high


def test_rollup_shrunk_mean_lies_between_raw_and_team_mean():
    data = calls("a", [90, 92, 94]) + calls("b", [60, 62, 64, 61, 63])
    agents, summary = rollup_agents(data)
    for a in agents:
        low, high = sorted([a.mean, summary["team_mean"]])
        assert low - 1e-9 <= a.shrunk_mean <= high + 1e-9


def test_rollup_counts_red_lines_and_ranks():
    data = [CallScore(agent_id="x", score=0, red_line_failed=True), CallScore(agent_id="x", score=80),
            CallScore(agent_id="y", score=85)]
    agents, _ = rollup_agents(data)
    assert [a.rank for a in agents] == [1, 2]
    assert {a.agent_id: a.red_line_failures for a in agents} == {"x": 1, "y": 0}


def test_rollup_empty():
    assert rollup_agents([]) == ([], {"agents": 0, "calls": 0})


def test_rollup_interval_mass_is_configurable():
    data = calls("a", [70, 80, 90, 85]) + calls("b", [60, 65, 70])
    narrow = {a.agent_id: a for a in rollup_agents(data, interval=0.5)[0]}
    wide = {a.agent_id: a for a in rollup_agents(data, interval=0.95)[0]}
    assert (wide["a"].interval_high - wide["a"].interval_low) > (
        narrow["a"].interval_high - narrow["a"].interval_low)
    assert wide["a"].shrunk_mean == pytest.approx(narrow["a"].shrunk_mean)
