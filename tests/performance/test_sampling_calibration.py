"""QA sampling (random share per agent plus targeted rules) and calibration κ."""

from __future__ import annotations

import math
from datetime import date

import pytest

from qa_engine.errors import InputError
from qa_engine.performance.calibration import (
    CalibrationLabel,
    agreement_by_item,
    cohen_kappa,
    fleiss_kappa,
    load_calibration_csv,
)
from qa_engine.performance.periods import parse_period
from qa_engine.performance.plan import Sampling, load_plan
from qa_engine.performance.roster import AgentInfo
from qa_engine.performance.sampling import draw_sample, write_sample_csv
from tests.performance.helpers import call, month_of_calls

NOV = parse_period("2026-11")
AGENTS = [f"A{i:02d}" for i in range(1, 6)]


def _random_only(share=0.1, **kw):
    return Sampling(random_share=share, seed=5, **kw)


def test_sampling_random_share_per_agent_is_exact_and_reproducible():
    calls = month_of_calls(AGENTS, seed=41, per_day=3)
    calls += [call(f"few-{i}", "A99", 3 + i) for i in range(4)]
    sample = draw_sample(_random_only(), calls, NOV)
    per_agent = {a: sum(s.agent_id == a for s in sample) for a in AGENTS + ["A99"]}
    assert per_agent == {**{a: 9 for a in AGENTS}, "A99": 1}   # 10 % of 90; at least 1
    assert all(s.reasons == ["random"] for s in sample)
    assert draw_sample(_random_only(), calls, NOV) == sample
    other = draw_sample(Sampling(random_share=0.1, seed=6), calls, NOV)
    assert {s.conversation_id for s in other} != {s.conversation_id for s in sample}


def test_sampling_only_the_period_is_sampled():
    calls = month_of_calls(["A1"], seed=42, per_day=1)
    calls.append(call("october", "A1", 15, month=10, red_line=True))
    plan = load_plan().sampling
    assert "october" not in {s.conversation_id for s in draw_sample(plan, calls, NOV)}


def test_sampling_holds_every_red_line_call_plus_the_share():
    plan = load_plan().sampling
    calls = month_of_calls(AGENTS, seed=43, per_day=2, mean=92, sd=3)
    red = [call(f"rl-{i}", AGENTS[i % 5], 5 + i, red_line=True) for i in range(8)]
    sample = draw_sample(plan, calls + red, NOV)
    by_id = {s.conversation_id: s for s in sample}
    assert all(f"rl-{i}" in by_id and "red_line" in by_id[f"rl-{i}"].reasons for i in range(8))
    for agent in AGENTS:
        mine = [c for c in calls + red if c.agent_id == agent]
        randoms = [s for s in sample if s.agent_id == agent and "random" in s.reasons]
        assert len(randoms) == math.ceil(0.10 * len(mine))
        assert not any(s.conversation_id.startswith("rl-") for s in randoms)


def test_sampling_targeted_rules_with_reasons():
    plan = load_plan().sampling
    calls = [call("low", "A1", 2, score=40), call("lower", "A1", 3, score=30),
             call("risky", "A1", 4, risk=0.95), call("doubt", "A1", 5, needs_review=["no_rude"]),
             call("appealed", "A1", 6), call("both", "A1", 7, score=20, risk=0.9),
             *[call(f"ok-{d}", "A1", d, score=90) for d in range(8, 28)]]
    sample = {s.conversation_id: s.reasons for s in draw_sample(plan, calls, NOV,
                                                                appealed=["appealed"])}
    assert sample["low"] == ["low_score"] and sample["lower"] == ["low_score"]
    assert sample["risky"] == ["high_risk"] and sample["doubt"] == ["needs_review"]
    assert sample["appealed"] == ["appealed"]
    assert sample["both"] == ["low_score", "high_risk"]
    assert sum(r == ["random"] for r in sample.values()) == math.ceil(0.1 * len(calls))


def test_sampling_low_score_keeps_the_worst_up_to_the_cap():
    plan = Sampling(random_share=0, min_per_agent=0, rules=[
        {"id": "low", "when": "score_below", "threshold": 60, "max_per_agent": 2}])
    calls = [call(f"c{s}", "A1", 2 + s // 10, score=s) for s in (10, 20, 30, 50, 70)]
    assert [s.conversation_id for s in draw_sample(plan, calls, NOV)] == ["c10", "c20"]


def test_sampling_new_agents_get_a_larger_share():
    plan = load_plan().sampling
    calls = month_of_calls(["old", "new"], seed=44, per_day=2, mean=92, sd=2)
    roster = {"old": AgentInfo(agent_id="old", hired_on=date(2024, 1, 1)),
              "new": AgentInfo(agent_id="new", hired_on=date(2026, 10, 20))}
    sample = draw_sample(plan, calls, NOV, roster=roster)
    new = [s for s in sample if s.agent_id == "new"]
    assert sum("new_agent" in s.reasons for s in new) == 12     # 20 % of 60
    assert sum(s.agent_id == "old" for s in sample) == 6        # 10 % of 60


def test_sampling_csv(tmp_path):
    sample = draw_sample(load_plan().sampling, [call("rl", "A1", 3, red_line=True)], NOV)
    write_sample_csv(sample, tmp_path / "sample.csv")
    lines = (tmp_path / "sample.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "conversation_id,agent_id,reason,score,started_at,queue"
    assert lines[1].startswith("rl,A1,red_line+low_score,0.00,2026-11-03T10:00:00+08:00")


def test_calibration_cohen_kappa_known_value():
    # 50 calls: both yes 20, both no 15, A yes/B no 5, A no/B yes 10 → κ = 0.4
    a = ["y"] * 20 + ["n"] * 15 + ["y"] * 5 + ["n"] * 10
    b = ["y"] * 20 + ["n"] * 15 + ["n"] * 5 + ["y"] * 10
    assert cohen_kappa(a, b) == pytest.approx(0.4)
    assert cohen_kappa(["y", "n"], ["y", "n"]) == 1.0
    assert cohen_kappa(["y", "y"], ["y", "y"]) is None


def test_calibration_fleiss_kappa_known_value():
    # The worked example of Fleiss (1971) as on Wikipedia: 10 subjects, 14 raters → 0.210
    table = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0],
             [2, 2, 8, 1, 1], [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2],
             [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]
    assert fleiss_kappa(table) == pytest.approx(0.210, abs=0.001)
    with pytest.raises(ValueError, match="same number"):
        fleiss_kappa([[1, 1], [2, 1]])


def test_calibration_agreement_by_item_picks_cohen_or_fleiss(tmp_path):
    rows = []
    for i in range(6):
        for reviewer in ("r1", "r2", "r3"):
            label = "pass" if i < 3 or (reviewer == "r3" and i == 3) else "fail"
            rows.append(CalibrationLabel(conversation_id=f"c{i}", item="greeting",
                                         reviewer=reviewer, label=label))
        for reviewer in ("r1", "r2"):
            rows.append(CalibrationLabel(conversation_id=f"c{i}", item="empathy",
                                         reviewer=reviewer, label=str(i % 2)))
    rows.append(CalibrationLabel(conversation_id="c9", item="greeting", reviewer="r1",
                                 label="pass"))
    report = {a.item: a for a in agreement_by_item(rows)}
    assert report["empathy"].method == "cohen" and report["empathy"].kappa == 1.0
    greeting = report["greeting"]
    assert greeting.method == "fleiss" and greeting.reviewers == 3 and greeting.calls == 6
    assert greeting.skipped_calls == 1 and 0 < greeting.kappa < 1
    path = tmp_path / "cal.csv"
    path.write_text("conversation_id,item,reviewer,label\nc1,greeting,r1,pass\n"
                    "c1,greeting,r2,\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 3: empty label"):
        load_calibration_csv(path)
