"""Period results: breakdown, weighted total, missing sources, shrinkage, tiers, coefficients."""

from __future__ import annotations

import csv

import pytest

from qa_engine.performance.periods import parse_period
from qa_engine.performance.plan import load_plan, parse_plan
from qa_engine.performance.ratings import Rating
from qa_engine.performance.results import period_results, write_agents_csv
from qa_engine.performance.roster import AgentInfo
from qa_engine.performance.tiers import coefficient, tier_by_rank, tier_by_score
from tests.performance.helpers import call, month_of_calls

NOV = parse_period("2026-11")


def _plan(**overrides):
    data = {
        "name": "t", "version": "1", "min_calls": 5,
        "structures": [{"id": "all", "indicators": [
            {"id": "quality", "source": "quality", "weight": 40,
             "target": {"good": 100, "zero": 0}},
            {"id": "fcr", "source": "kpi:fcr", "weight": 30, "target": {"good": 1, "zero": 0}},
            {"id": "peer", "source": "rating:peer", "weight": 30,
             "target": {"good": 5, "zero": 1}}]}],
        "tiers": {"levels": [{"id": "A", "min_score": 80, "coefficient": 1.2},
                             {"id": "B", "min_score": 60, "coefficient": 1.0},
                             {"id": "C", "min_score": 0, "coefficient": 0.8}],
                  "provisional": "B"},
        **overrides}
    return parse_plan(data)


def _peer(agent, rater, score):
    return Rating(agent_id=agent, period="2026-11", source="peer", rater_id=rater, score=score)


def test_results_breakdown_and_total_follow_the_weights():
    calls = month_of_calls(["A1", "A2", "A3"], seed=3, per_day=3)
    ratings = [_peer(a, r, s) for a, s in (("A1", 4), ("A2", 3), ("A3", 5)) for r in ("x", "y")]
    results = {r.agent_id: r for r in period_results(_plan(), calls, NOV, ratings=ratings)}
    for r in results.values():
        assert [i.id for i in r.indicators] == ["quality", "fcr", "peer"]
        points = {i.id: i.points for i in r.indicators}
        assert r.total == pytest.approx(0.4 * points["quality"] + 0.3 * points["fcr"]
                                        + 0.3 * points["peer"])
        assert r.total_low <= r.total <= r.total_high
        assert r.calls == 90 and not r.provisional and r.tier in {"A", "B", "C"}
        quality = r.indicators[0]
        assert quality.n == 90 and quality.raw_mean == pytest.approx(
            sum(c.score for c in calls if c.agent_id == r.agent_id) / 90)
    assert [r.rank for r in sorted(results.values(), key=lambda r: -r.total)] == [1, 2, 3]


def test_results_missing_source_leaves_the_denominator():
    calls = month_of_calls(["A1", "A2"], seed=4, per_day=2)
    ratings = [_peer("A1", "x", 5), _peer("A1", "y", 5)]           # A2 has no peer ratings
    results = {r.agent_id: r for r in period_results(_plan(), calls, NOV, ratings=ratings)}
    a2 = results["A2"]
    peer = next(i for i in a2.indicators if i.id == "peer")
    assert peer.points is None and "no peer ratings" in peer.na_reason
    assert a2.missing == ["peer"]
    points = {i.id: i.points for i in a2.indicators}
    assert a2.total == pytest.approx((40 * points["quality"] + 30 * points["fcr"]) / 70)
    assert not a2.provisional                                       # 30 % missing ≤ 40 %


def test_results_too_much_missing_weight_or_too_few_calls_is_provisional():
    calls = [call(f"c{i}", "A1", 2 + i, score=95, kpis={}) for i in range(3)]
    calls += month_of_calls(["A2", "A3"], seed=5, per_day=1)
    results = {r.agent_id: r for r in period_results(_plan(min_calls=10), calls, NOV)}
    a1 = results["A1"]
    assert a1.provisional and a1.tier == "B" and a1.coefficient == 1.0
    assert "3 scored call(s), fewer than min_calls 10" in a1.provisional_reason
    assert "60 % of the weight has no data" in a1.provisional_reason


def test_results_a_lucky_short_period_is_shrunk_and_does_not_decide_pay():
    calls = month_of_calls(["A1", "A2", "A3", "A4"], seed=6, per_day=3, mean=80, sd=10)
    calls += [call(f"lucky-{i}", "A5", 3 + i, score=100, kpis={"fcr": 1.0}) for i in range(3)]
    results = {r.agent_id: r for r in period_results(_plan(min_calls=0), calls, NOV)}
    quality = {a: next(i for i in r.indicators if i.id == "quality") for a, r in results.items()}
    assert quality["A5"].raw_mean == 100
    assert quality["A5"].shrinkage > 0.2 and quality["A5"].points < 96
    assert quality["A5"].points_high - quality["A5"].points_low > \
        3 * (quality["A1"].points_high - quality["A1"].points_low)
    # 90 calls barely move (the roll-up averages over every plausible agent/call variance
    # split, so even a well-sampled agent keeps a little shrinkage when agents look alike).
    assert quality["A1"].shrinkage < 0.1 and quality["A1"].shrinkage < quality["A5"].shrinkage / 4
    # With the plan's minimum number of calls, three calls give the provisional tier.
    thin = {r.agent_id: r for r in period_results(_plan(min_calls=20), calls, NOV)}["A5"]
    assert thin.provisional and (thin.tier, thin.coefficient) == ("B", 1.0)


def test_results_structure_by_role_and_queue():
    plan = load_plan()
    calls = month_of_calls(["A1", "A2", "A3"], seed=7, per_day=1)
    roster = {"A1": AgentInfo(agent_id="A1", role="team_lead"),
              "A2": AgentInfo(agent_id="A2", role="agent")}
    results = {r.agent_id: r for r in period_results(plan, calls, NOV, roster=roster)}
    assert (results["A1"].structure, results["A2"].structure, results["A3"].structure) == \
        ("team_lead", "frontline", "default")
    assert [i.id for i in results["A1"].indicators] == ["quality", "csat", "peer", "supervisor"]


def test_results_agents_csv_is_payroll_ready(tmp_path):
    calls = month_of_calls(["A1", "A2"], seed=8, per_day=2)
    results = period_results(_plan(), calls, NOV)
    write_agents_csv(results, tmp_path / "agents.csv")
    rows = list(csv.DictReader((tmp_path / "agents.csv").open(encoding="utf-8")))
    assert [r["agent_id"] for r in rows] == ["A1", "A2"]
    for row, result in zip(rows, results):
        assert row["period"] == "2026-11"
        assert {"quality", "fcr", "peer", "total", "interval_low", "interval_high", "tier",
                "coefficient"} <= set(row)
        assert float(row["total"]) == pytest.approx(result.total, abs=0.01)
        assert row["peer"] == "" and row["missing"] == "peer"
        assert float(row["coefficient"]) == result.coefficient


def test_tiers_by_score_rank_and_coefficient_formula():
    plan = load_plan()
    assert [tier_by_score(plan.tiers, s) for s in (95, 90, 85, 70, 55, 10)] == \
        ["S", "S", "A", "B", "C", "D"]
    ranked = parse_plan({**plan.model_dump(), "tiers": {
        "by": "rank", "coefficient": "formula",
        "levels": [{"id": "S", "share": 0.1}, {"id": "A", "share": 0.2},
                   {"id": "B", "share": 0.4}, {"id": "C", "share": 0.2},
                   {"id": "D", "share": 0.1}],
        "formula": {"base": 1.0, "per_point": 0.02, "pivot": 75, "min": 0.6, "max": 1.4}}})
    assert [tier_by_rank(ranked.tiers, r, 10) for r in range(1, 11)] == \
        ["S", "A", "A", "B", "B", "B", "B", "C", "C", "D"]
    assert coefficient(ranked.tiers, "S", 85) == pytest.approx(1.2)
    assert coefficient(ranked.tiers, "S", 100) == pytest.approx(1.4)     # clipped
    assert coefficient(ranked.tiers, "D", 20) == pytest.approx(0.6)
    assert coefficient(plan.tiers, "A", 85) == 1.2                     # table


def test_results_rank_tiers_apply_within_a_structure():
    data = _plan().model_dump()
    data["tiers"] = {"by": "rank", "levels": [
        {"id": "top", "share": 0.5, "coefficient": 1.1},
        {"id": "rest", "share": 0.5, "coefficient": 0.9}]}
    plan = parse_plan(data)
    calls = month_of_calls(["A1", "A2", "A3", "A4"], seed=9, per_day=2)
    results = sorted(period_results(plan, calls, NOV), key=lambda r: r.rank)
    assert [r.tier for r in results] == ["top", "top", "rest", "rest"]
    assert [r.coefficient for r in results] == [1.1, 1.1, 0.9, 0.9]


def test_results_promotion_track_needs_the_top_share_in_consecutive_periods():
    from qa_engine.performance.results import mark_promotion_track

    plan = _plan(promotion={"top_share": 0.25, "periods": 2})
    agents = ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8"]
    nov = month_of_calls(agents, seed=61, per_day=2)
    nov = [c.model_copy(update={"score": 99.0}) if c.agent_id in ("A1", "A2") else c
           for c in nov]
    oct_results = period_results(plan, [c.model_copy(update={
        "started_at": c.started_at.replace(month=10)}) for c in nov], parse_period("2026-10"))
    assert {r.agent_id for r in oct_results if r.top_share} == {"A1", "A2"}    # 25 % of 8
    oct_results = [r.model_copy(update={"top_share": r.agent_id == "A1"}) for r in oct_results]
    results = period_results(plan, nov, NOV)
    mark_promotion_track(plan, results, NOV, oct_results)
    assert [r.agent_id for r in results if r.promotion_track] == ["A1"]        # A2: one month
    mark_promotion_track(plan, results, NOV, [])
    assert not any(r.promotion_track for r in results)                        # no history
    one = parse_plan({**plan.model_dump(), "promotion": {"top_share": 0.25, "periods": 1}})
    mark_promotion_track(one, results, NOV, [])
    assert {r.agent_id for r in results if r.promotion_track} == {"A1", "A2"}
