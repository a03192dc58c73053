"""``qa perf`` on hand-made calls, and end to end on the constructed month (examples/perf)."""

from __future__ import annotations

import csv
import json
import math

import pytest
from typer.testing import CliRunner

from qa_engine.audit import load_kpis_csv, run_audit
from qa_engine.cli import app
from qa_engine.pipeline import Inspector
from tests.conftest import REPO
from tests.performance.helpers import month_of_calls
from tests.scripts import load_script

runner = CliRunner()


def _write_calls(path, calls) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for c in calls:
            row = c.model_dump(mode="json")
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def test_cli_perf_run_writes_every_output(tmp_path):
    calls = month_of_calls([f"A{i}" for i in range(1, 5)], seed=51, per_day=2,
                           drop={"A2": (17, 30.0)}, fcr={"A3": 0.5})
    _write_calls(tmp_path / "calls.jsonl", calls)
    (tmp_path / "ratings.csv").write_text(
        "agent_id,period,source,rater_id,score\nA1,2026-11,peer,A2,4\nA1,2026-11,peer,A3,5\n",
        encoding="utf-8")
    (tmp_path / "appealed.txt").write_text("A4-05-1\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["perf", "run", "--calls", str(tmp_path / "calls.jsonl"),
                                 "--ratings", str(tmp_path / "ratings.csv"),
                                 "--appealed", str(tmp_path / "appealed.txt"),
                                 "--period", "2026-11", "--out", str(out)])
    assert result.exit_code == 0, result.output
    for name in ("agents.csv", "warnings.jsonl", "coaching.jsonl", "sample.csv", "raters.csv",
                 "results.jsonl", "summary.json"):
        assert (out / name).is_file(), name
    agents = list(csv.DictReader((out / "agents.csv").open(encoding="utf-8")))
    assert sorted(a["agent_id"] for a in agents) == ["A1", "A2", "A3", "A4"]
    assert all(a["tier"] and a["coefficient"] and a["total"] for a in agents)
    warnings = [json.loads(line) for line in (out / "warnings.jsonl").open(encoding="utf-8")]
    assert [(w["agent_id"], w["indicator"]) for w in warnings] == [("A2", "quality")]
    tasks = [json.loads(line) for line in (out / "coaching.jsonl").open(encoding="utf-8")]
    assert ("A3", "low_fcr") in {(t["agent_id"], t["rule"]) for t in tasks}
    sample = list(csv.DictReader((out / "sample.csv").open(encoding="utf-8")))
    assert any(s["conversation_id"] == "A4-05-1" and "appealed" in s["reason"] for s in sample)
    assert "A2 quality" in result.stdout and "low_fcr" in result.stdout

    # Next period: the earlier tasks come back with their follow-up, none is raised twice.
    task_id = next(t["id"] for t in tasks if t["rule"] == "low_fcr")
    closed = runner.invoke(app, ["perf", "close", str(out / "coaching.jsonl"), task_id,
                                 "--outcome", "mentor assigned", "--by", "S1"])
    assert closed.exit_code == 0, closed.output
    dec = [c.model_copy(update={"started_at": c.started_at.replace(month=12)})
           for c in month_of_calls([f"A{i}" for i in range(1, 5)], seed=52, per_day=2)]
    _write_calls(tmp_path / "calls.jsonl", calls + dec)
    result = runner.invoke(app, ["perf", "run", "--calls", str(tmp_path / "calls.jsonl"),
                                 "--tasks", str(out / "coaching.jsonl"), "--period", "2026-12",
                                 "--history", str(out / "results.jsonl"),
                                 "--out", str(tmp_path / "dec")])
    assert result.exit_code == 0, result.output
    nov_top = {r["agent_id"] for r in map(json.loads, (out / "results.jsonl")
                                          .open(encoding="utf-8")) if r["top_share"]}
    dec_results = [json.loads(line) for line in (tmp_path / "dec" / "results.jsonl")
                   .open(encoding="utf-8")]
    assert len(nov_top) == 1                              # 10 % of four agents, rounded up
    assert {r["agent_id"] for r in dec_results if r["promotion_track"]} == \
        {r["agent_id"] for r in dec_results if r["top_share"]} & nov_top
    followed = {t["id"]: t for t in map(json.loads, (tmp_path / "dec" / "coaching.jsonl")
                                        .open(encoding="utf-8"))}
    assert followed[task_id]["status"] == "closed"
    assert followed[task_id]["outcome"] == "mentor assigned"
    assert followed[task_id]["follow_up"]["period"] == "2026-12"
    assert followed[task_id]["follow_up"]["improved"] is True


def test_cli_perf_bad_input_is_one_line_with_exit_2(tmp_path):
    result = runner.invoke(app, ["perf", "run", "--calls", str(tmp_path / "none.jsonl"),
                                 "--period", "2026-11", "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "[QA100]" in result.output and "not found" in result.output
    result = runner.invoke(app, ["perf", "run", "--calls", str(tmp_path / "none.jsonl"),
                                 "--period", "November", "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "YYYY-MM" in result.output
    _write_calls(tmp_path / "calls.jsonl", month_of_calls(["A1"], seed=53, per_day=1))
    result = runner.invoke(app, ["perf", "run", "--calls", str(tmp_path / "calls.jsonl"),
                                 "--period", "2026-W46", "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "'2026-W46' is a week, but plan 'default' assesses by month" in result.output
    bad = tmp_path / "plan.toml"
    bad.write_text((REPO / "models" / "performance.toml").read_text(encoding="utf-8")
                   .replace("total_weight = 100", "total_wieght = 100"), encoding="utf-8")
    result = runner.invoke(app, ["perf", "check", str(bad)])
    assert result.exit_code == 2
    assert "unknown key 'total_wieght'" in result.output and "total_weight" in result.output
    ok = runner.invoke(app, ["perf", "check", str(REPO / "models" / "performance.toml")])
    assert ok.exit_code == 0 and "ok — default@" in ok.output


def test_cli_perf_calibrate(tmp_path):
    path = tmp_path / "cal.csv"
    path.write_text("conversation_id,item,reviewer,label\n" + "".join(
        f"c{i},greeting,{r},{'pass' if i % 2 else 'fail'}\n" for i in range(4)
        for r in ("r1", "r2")), encoding="utf-8")
    result = runner.invoke(app, ["perf", "calibrate", str(path)])
    assert result.exit_code == 0, result.output
    assert "greeting: κ=1.000 (cohen)" in result.output


@pytest.mark.slow
def test_cli_perf_end_to_end_on_the_constructed_month(tmp_path):
    """Done-when of issue 15: a month of calls for ten agents through audit and perf run."""
    month = load_script("examples/perf/make_month.py", "make_month")
    month.build(tmp_path)
    audited = run_audit(Inspector(), tmp_path / "calls", tmp_path / "audit",
                        kpis=load_kpis_csv(tmp_path / "kpis.csv"))
    assert (audited.scored, audited.failed) == (1200, 0)
    out = tmp_path / "out"
    result = runner.invoke(app, ["perf", "run", "--calls", str(tmp_path / "audit" / "calls.jsonl"),
                                 "--ratings", str(tmp_path / "ratings.csv"),
                                 "--roster", str(tmp_path / "roster.csv"),
                                 "--period", "2026-11", "--out", str(out)])
    assert result.exit_code == 0, result.output
    agents = {a["agent_id"]: a for a in csv.DictReader((out / "agents.csv").open(encoding="utf-8"))}
    assert sorted(agents) == month.AGENTS
    for a in agents.values():
        assert a["quality"] and a["total"] and a["tier"] and a["coefficient"]
        assert float(a["interval_low"]) <= float(a["total"]) <= float(a["interval_high"])
    assert agents["P09"]["structure"] == "team_lead"
    assert agents["P08"]["peer"] == "" and agents["P08"]["missing"] == "peer"

    warnings = [json.loads(line) for line in (out / "warnings.jsonl").open(encoding="utf-8")]
    drop = [w for w in warnings
            if w["agent_id"] == month.DROP_AGENT and w["indicator"] == "quality"]
    assert len(drop) == 1 and "2026-11-15" <= drop[0]["days"][0] <= "2026-11-19"
    assert any(c.startswith(f"perf-{month.DROP_AGENT}-2") for c in drop[0]["calls"])
    assert {w["agent_id"] for w in warnings if w["indicator"] == "quality"} == {month.DROP_AGENT}

    tasks = [json.loads(line) for line in (out / "coaching.jsonl").open(encoding="utf-8")]
    fcr = [t for t in tasks if t["rule"] == "low_fcr"]
    assert [t["agent_id"] for t in fcr] == [month.LOW_FCR_AGENT]
    assert ("P07", "repeated_red_lines") in {(t["agent_id"], t["rule"]) for t in tasks}

    calls = [json.loads(line)
             for line in (tmp_path / "audit" / "calls.jsonl").open(encoding="utf-8")]
    sample = list(csv.DictReader((out / "sample.csv").open(encoding="utf-8")))
    sampled = {s["conversation_id"]: s["reason"].split("+") for s in sample}
    red_lines = {c["conversation_id"] for c in calls if c["red_line_failed"]}
    assert len(red_lines) == 3 and red_lines <= set(sampled)
    for agent in month.AGENTS:
        randoms = [s for s in sample if s["agent_id"] == agent and "random" in s["reason"]]
        assert len(randoms) == math.ceil(0.10 * 120)


def test_cli_perf_kpi_csv_overrides_the_inspections_kpis(tmp_path):
    calls = month_of_calls(["A1", "A2"], seed=54, per_day=1)
    _write_calls(tmp_path / "calls.jsonl", calls)
    (tmp_path / "kpis.csv").write_text("conversation_id,fcr\n" + "".join(
        f"{c.conversation_id},0\n" for c in calls if c.agent_id == "A1"), encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["perf", "run", "--calls", str(tmp_path / "calls.jsonl"),
                                 "--kpis", str(tmp_path / "kpis.csv"), "--period", "2026-11",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    tasks = [json.loads(line) for line in (out / "coaching.jsonl").open(encoding="utf-8")]
    assert [(t["agent_id"], t["value"]) for t in tasks if t["rule"] == "low_fcr"] == [("A1", 0.0)]
    closed = runner.invoke(app, ["perf", "close", str(out / "coaching.jsonl"), "coach-nope",
                                 "--outcome", "x", "--by", "S1"])
    assert closed.exit_code == 2 and "no coaching task 'coach-nope'" in closed.output
