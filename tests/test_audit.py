"""Batch audit: bad files go to errors.jsonl, outputs survive, re-runs resume."""

from __future__ import annotations

import csv
import json

import pytest

from qa_engine.audit import load_kpis_csv, read_calls, run_audit
from qa_engine.errors import InputError
from qa_engine.pipeline import Inspector
from qa_engine.scorecard import parse_scorecard
from tests.conftest import FixedAnalyzer, make_conversation

CARD = parse_scorecard({
    "name": "t", "version": "1", "total_weight": 10, "analyzers": {"kw": "keywords.v1"},
    "sections": [{"id": "s", "items": [
        {"id": "greet", "finding": "kw.greeting", "weight": 8},
        {"id": "csat", "kpi": "csat", "weight": 2, "target": {"good": 5, "zero": 1}}]}]})


@pytest.fixture
def inspector():
    return Inspector(CARD, analyzers={"kw": FixedAnalyzer("kw", {"greeting": 1.0})})


@pytest.fixture
def calls_dir(tmp_path):
    root = tmp_path / "calls"
    root.mkdir()
    for i, agent in enumerate(["A1", "A1", "A2"]):
        conv = make_conversation(("agent", "您好"), ("customer", "查话费"), id=f"c{i}", agent_id=agent)
        (root / f"c{i}.json").write_text(conv.model_dump_json(), encoding="utf-8")
    (root / "broken.json").write_text('{"id": ', encoding="utf-8")
    (root / "empty.txt").write_text("", encoding="utf-8")
    (root / "notes.md").write_text("not a call", encoding="utf-8")
    return root


def test_audit_bad_files_are_listed_and_the_rest_scored(inspector, calls_dir, tmp_path):
    out = tmp_path / "out"
    result = run_audit(inspector, calls_dir, out)
    assert (result.scored, result.failed) == (3, 2)
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert {e["file"].rsplit("/", 1)[1] for e in errors} == {"broken.json", "empty.txt"}
    assert all(e["stage"] == "load" and e["error_type"] == "InputError" and e["message"] for e in errors)
    rows = list(read_calls(out / "calls.jsonl"))
    assert {r["conversation_id"] for r in rows} == {"c0", "c1", "c2"}
    assert all(r["findings"]["kw"]["items"]["greeting"]["value"] == 1.0 for r in rows)


def test_audit_writes_csv_summaries(inspector, calls_dir, tmp_path):
    out = tmp_path / "out"
    run_audit(inspector, calls_dir, out, kpis={"c0": {"csat": 1}})
    calls = list(csv.DictReader((out / "calls.csv").open(encoding="utf-8")))
    assert {r["conversation_id"]: r["score"] for r in calls}["c0"] == "80.00"
    agents = list(csv.DictReader((out / "agents.csv").open(encoding="utf-8")))
    assert {a["agent_id"]: int(a["calls"]) for a in agents} == {"A1": 2, "A2": 1}


def test_audit_rerun_skips_scored_calls_and_rescoring_changed_files(inspector, calls_dir, tmp_path):
    out = tmp_path / "out"
    run_audit(inspector, calls_dir, out)
    again = run_audit(inspector, calls_dir, out)
    assert (again.scored, again.skipped) == (0, 3)
    conv = make_conversation(("agent", "您好，变了"), id="c0", agent_id="A1")
    (calls_dir / "c0.json").write_text(conv.model_dump_json(), encoding="utf-8")
    third = run_audit(inspector, calls_dir, out)
    assert (third.scored, third.skipped) == (1, 2)
    assert len(list(read_calls(out / "calls.jsonl"))) == 3


def test_audit_torn_last_line_after_crash_is_rescored(inspector, calls_dir, tmp_path):
    out = tmp_path / "out"
    run_audit(inspector, calls_dir, out)
    lines = (out / "calls.jsonl").read_text(encoding="utf-8").splitlines()
    (out / "calls.jsonl").write_text("\n".join(lines[:-1]) + "\n" + lines[-1][:40], encoding="utf-8")
    result = run_audit(inspector, calls_dir, out)
    assert (result.scored, result.skipped) == (1, 2)


def test_audit_analyzer_crash_on_one_call_is_isolated(calls_dir, tmp_path):
    class Fragile(FixedAnalyzer):
        def analyze(self, conversation):
            if conversation.id == "c1":
                raise RuntimeError("boom")
            return super().analyze(conversation)

    insp = Inspector(CARD, analyzers={"kw": Fragile("kw", {"greeting": 1.0})})
    result = run_audit(insp, calls_dir, tmp_path / "out")
    assert result.scored == 2
    errors = [json.loads(x) for x in (tmp_path / "out" / "errors.jsonl").read_text().splitlines()]
    assert {"stage": "inspect", "message": "boom"}.items() <= next(
        e for e in errors if e["file"].endswith("c1.json")).items()


def test_audit_kpi_csv_blank_cells_are_unknown(tmp_path):
    path = tmp_path / "k.csv"
    path.write_text("conversation_id,csat,aht_seconds\nc0,4.5,\nc1,,300\n", encoding="utf-8")
    assert load_kpis_csv(path) == {"c0": {"csat": 4.5}, "c1": {"aht_seconds": 300.0}}


def test_audit_kpi_csv_errors_name_line_and_column(tmp_path):
    path = tmp_path / "k.csv"
    path.write_text("conversation_id,csat\nc0,great\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 2: KPI 'csat' is not a number"):
        load_kpis_csv(path)
    path.write_text("id,csat\n", encoding="utf-8")
    with pytest.raises(InputError, match="conversation_id"):
        load_kpis_csv(path)
