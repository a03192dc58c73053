"""Agent roll-up: shrinkage toward the team, intervals that cover, ranking with ties."""

from __future__ import annotations

import random

import pytest

from qa_engine.rollup import CallScore, RollupAccumulator, rollup_agents


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
    assert [a.agent_id for a in agents] == ["y", "x"]
    assert {a.agent_id: a.red_line_failures for a in agents} == {"x": 1, "y": 0}


def test_rollup_empty():
    assert rollup_agents([]) == ([], {"agents": 0, "calls": 0, "calls_without_agent": 0})


def _coverage(rng, *, agents, calls_per_agent, tau, sigma):
    truth = {f"a{i}": rng.gauss(70, tau) for i in range(agents)}
    data = [CallScore(agent_id=a, score=rng.gauss(m, sigma))
            for a, m in truth.items() for _ in range(calls_per_agent)]
    result, _ = rollup_agents(data, interval=0.90)
    return sum(a.interval_low <= truth[a.agent_id] <= a.interval_high for a in result) / len(result)


@pytest.mark.parametrize(("tau", "sigma"), [(8, 10), (3, 10), (10, 3), (6, 6)])
def test_rollup_one_call_per_agent_intervals_cover_the_true_means(tau, sigma):
    # 50 agents with one sampled call each, true agent means N(70, tau²), call noise N(0, sigma²):
    # the data cannot split tau from sigma, and the 90 % intervals must still cover.
    rng = random.Random(tau * 100 + sigma)
    coverage = [_coverage(rng, agents=50, calls_per_agent=1, tau=tau, sigma=sigma)
                for _ in range(40)]
    assert sum(coverage) / len(coverage) >= 0.85


def test_rollup_many_calls_per_agent_intervals_cover_and_are_narrow():
    rng = random.Random(7)
    coverage = [_coverage(rng, agents=40, calls_per_agent=20, tau=4, sigma=10) for _ in range(20)]
    assert 0.85 <= sum(coverage) / len(coverage) <= 0.97
    data = [CallScore(agent_id=f"a{i}", score=rng.gauss(70 + i, 10)) for i in range(40) for _ in range(20)]
    widths = [a.interval_high - a.interval_low for a in rollup_agents(data)[0]]
    assert max(widths) < 12  # ≈ 2 × 1.645 × 10 / √20 = 7.4, a little more for the shrinkage


def test_rollup_one_call_per_agent_is_not_pulled_onto_one_point():
    # The old between-agent variance floor pulled every agent to ~56 ± 1.6.
    rng = random.Random(3)
    data = [CallScore(agent_id=f"a{i}", score=rng.gauss(56, 12)) for i in range(50)]
    agents, summary = rollup_agents(data)
    shrunk = sorted(a.shrunk_mean for a in agents)
    assert shrunk[-1] - shrunk[0] > 10
    assert min(a.interval_high - a.interval_low for a in agents) > 8
    assert summary["variance_split_identified"] is False


def test_rollup_ties_where_intervals_overlap():
    rng = random.Random(5)
    data = [CallScore(agent_id=a, score=rng.gauss(mean, 3))
            for a, mean in [("top", 95), ("mid1", 70), ("mid2", 70.5), ("low", 40)] for _ in range(30)]
    agents = {a.agent_id: a for a in rollup_agents(data)[0]}
    assert (agents["top"].rank, agents["top"].tied) == (1, False)
    assert agents["mid1"].rank == agents["mid2"].rank == 2
    assert agents["mid1"].tied and agents["mid2"].tied
    assert (agents["low"].rank, agents["low"].tied) == (4, False)
    assert (agents["mid1"].rank_best, agents["mid1"].rank_worst) == (2, 3)
    assert (agents["top"].rank_best, agents["top"].rank_worst) == (1, 1)


def test_rollup_calls_without_agent_are_counted_not_ranked():
    data = calls("a", [80, 82]) + [CallScore(agent_id=None, score=10), CallScore(agent_id=None, score=12)]
    agents, summary = rollup_agents(data)
    assert [a.agent_id for a in agents] == ["a"]
    assert summary["calls_without_agent"] == 2 and summary["calls"] == 2


def test_rollup_streaming_accumulator_matches_the_list_api():
    rng = random.Random(9)
    data = [CallScore(agent_id=f"a{i % 7}", score=rng.uniform(40, 100), red_line_failed=i % 11 == 0,
                      sections={"s": rng.uniform(0, 100)}) for i in range(200)]
    acc = RollupAccumulator()
    for c in data:
        acc.add(c.agent_id, c.score, c.red_line_failed, c.sections)
    assert acc.result()[0] == rollup_agents(data)[0]


def test_rollup_a_single_call_gives_the_whole_score_range():
    (agent,), _ = rollup_agents(calls("only", [77]))
    assert (agent.interval_low, agent.shrunk_mean, agent.interval_high) == (0, 77, 100)


def test_rollup_interval_mass_is_configurable():
    data = calls("a", [70, 80, 90, 85]) + calls("b", [60, 65, 70])
    narrow = {a.agent_id: a for a in rollup_agents(data, interval=0.5)[0]}
    wide = {a.agent_id: a for a in rollup_agents(data, interval=0.95)[0]}
    assert (wide["a"].interval_high - wide["a"].interval_low) > (
        narrow["a"].interval_high - narrow["a"].interval_low)
    assert wide["a"].shrunk_mean == pytest.approx(narrow["a"].shrunk_mean)
