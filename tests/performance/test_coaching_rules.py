"""Coaching triggers: each rule raises a task with evidence, owner and due date; closing
records the outcome; the next period shows whether the indicator moved."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from qa_engine.errors import InputError
from qa_engine.performance.coaching import close_task, coaching_tasks, follow_up, load_tasks_jsonl
from qa_engine.performance.periods import parse_period
from qa_engine.performance.plan import load_plan
from qa_engine.performance.roster import AgentInfo
from qa_engine.performance.warnings import detect_deviations
from tests.performance.helpers import call, month_of_calls

NOV, DEC = parse_period("2026-11"), parse_period("2026-12")
AGENTS = [f"A{i:02d}" for i in range(1, 6)]


@pytest.fixture(scope="module")
def plan():
    return load_plan()


def _rules(tasks, rule):
    return [t for t in tasks if t.rule == rule]


def test_coaching_fcr_of_60_percent_gets_a_task_with_its_unresolved_calls(plan):
    calls = month_of_calls(AGENTS, seed=31, fcr={"A02": 0.6, "A04": 0.95})
    roster = {"A02": AgentInfo(agent_id="A02", supervisor="S9")}
    tasks = _rules(coaching_tasks(plan, calls, NOV, roster=roster), "low_fcr")
    assert [t.agent_id for t in tasks] == ["A02"]
    task = tasks[0]
    assert task.value == pytest.approx(0.6, abs=0.08) and task.threshold == 0.7
    assert task.direction == "below" and task.source == "kpi:fcr"
    assert (task.window_start, task.window_end) == (date(2026, 11, 3), date(2026, 11, 30))
    by_id = {c.conversation_id: c for c in calls}
    assert len(task.evidence_calls) == 5
    assert all(by_id[c].kpis["fcr"] == 0 and by_id[c].agent_id == "A02"
               for c in task.evidence_calls)
    assert task.owner == "S9" and task.due == date(2026, 12, 14) and task.status == "open"
    assert "kpi:fcr mean" in task.reason and "below 0.7" in task.reason


def test_coaching_needs_enough_calls_in_the_window(plan):
    calls = [call(f"c{i}", "A1", 20 + i, kpis={"fcr": 0.0}) for i in range(5)]
    assert _rules(coaching_tasks(plan, calls, NOV), "low_fcr") == []     # min_calls = 10


def test_coaching_section_mean_below_threshold(plan):
    calls = month_of_calls(AGENTS, seed=32)
    calls = [c.model_copy(update={"sections": {"handling": 40.0}}) if c.agent_id == "A05" else c
             for c in calls]
    tasks = _rules(coaching_tasks(plan, calls, NOV), "low_handling")
    assert [t.agent_id for t in tasks] == ["A05"]
    assert tasks[0].owner == "supervisor"          # no roster: the rule's owner as written


def test_coaching_repeated_red_lines(plan):
    calls = month_of_calls(AGENTS, seed=33, per_day=1)
    calls += [call("rl-1", "A01", 10, red_line=True), call("rl-2", "A01", 21, red_line=True),
              call("rl-3", "A02", 21, red_line=True),
              call("rl-old", "A03", 1, red_line=True), call("rl-4", "A03", 25, red_line=True)]
    tasks = _rules(coaching_tasks(plan, calls, NOV), "repeated_red_lines")
    assert [t.agent_id for t in tasks] == ["A01"]   # A02 once; A03's first is outside 28 days
    assert tasks[0].evidence_calls == ["rl-1", "rl-2"] and tasks[0].owner == "qa_lead"
    assert tasks[0].due == date(2026, 12, 7) and "他妈的" in tasks[0].reason


def test_coaching_unaddressed_warning_and_addressed_warning(plan):
    calls = month_of_calls([f"A{i:02d}" for i in range(1, 11)], seed=11, drop={"A03": (17, 25.0)})
    warnings = detect_deviations(plan, calls, NOV)
    tasks = _rules(coaching_tasks(plan, calls, NOV, warnings=warnings), "unaddressed_warning")
    assert [t.agent_id for t in tasks] == ["A03"]
    assert tasks[0].warning_id == warnings[0].id
    assert set(tasks[0].evidence_calls) <= set(warnings[0].calls)
    addressed = tasks[0].model_copy(update={"rule": "manual", "period": "2026-10"})
    again = coaching_tasks(plan, calls, NOV, warnings=warnings, existing=[addressed])
    assert _rules(again, "unaddressed_warning") == []


def test_coaching_an_open_task_is_not_raised_twice(plan):
    calls = month_of_calls(AGENTS, seed=34, fcr={"A02": 0.5})
    first = _rules(coaching_tasks(plan, calls, NOV), "low_fcr")
    assert len(first) == 1
    assert _rules(coaching_tasks(plan, calls, NOV, existing=first), "low_fcr") == []
    closed = close_task(first[0], outcome="listened to 5 calls together", closed_by="S9")
    assert len(_rules(coaching_tasks(plan, calls, NOV, existing=[closed]), "low_fcr")) == 1


def test_coaching_closing_records_the_outcome_and_follow_up_shows_the_move(plan, tmp_path):
    nov = month_of_calls(AGENTS, seed=35, fcr={"A02": 0.55})
    task = _rules(coaching_tasks(plan, nov, NOV), "low_fcr")[0]
    at = datetime(2026, 12, 10, 15, tzinfo=timezone.utc)
    closed = close_task(task, outcome="  mentor assigned; resolution checklist  ",
                        closed_by="S9", at=at)
    assert (closed.status, closed.outcome, closed.closed_by, closed.closed_at) == \
        ("closed", "mentor assigned; resolution checklist", "S9", at)
    with pytest.raises(InputError, match="already closed"):
        close_task(closed, outcome="again", closed_by="S9")
    with pytest.raises(InputError, match="needs an outcome"):
        close_task(task, outcome=" ", closed_by="S9")
    dec = [c.model_copy(update={"started_at": c.started_at.replace(month=12)})
           for c in month_of_calls(AGENTS, seed=37, fcr={"A02": 0.85})]
    moved = follow_up(closed, nov + dec, DEC)
    assert moved.period == "2026-12" and moved.before == task.value
    assert moved.after == pytest.approx(0.85, abs=0.1) and moved.change > 0.15
    assert moved.improved is True and moved.calls == 120
    path = tmp_path / "coaching.jsonl"
    path.write_text(closed.model_dump_json() + "\n", encoding="utf-8")
    assert load_tasks_jsonl(path) == [closed]
    path.write_text('{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 1: agent_id"):
        load_tasks_jsonl(path)
