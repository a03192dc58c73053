"""report.html: one offline file built from an audit's output files, titles for people."""

from __future__ import annotations

import csv
import json
import re

from qa_engine.overview import tied_ranks
from qa_engine.report_html import build_report, stream_calls, write_report


def _row(cid: str, agent: str, score: float, *, risk: float, rude: bool = False,
         file: str | None = None) -> dict:
    rude_finding = {"value": 0.0 if rude else 1.0,
                    "detail": {"matched_phrase": "你烦不烦" if rude else None}}
    return {
        "conversation_id": cid, "agent_id": agent, "queue": "billing", "score": score,
        "red_line_failed": False, "sections": {"conduct": score, "opening": None},
        "needs_review": [], "file": file or f"calls/{cid}.json",
        "items": [{"id": "no_rude", "section": "conduct", "title": "顶撞/不耐烦禁语",
                   "source": "finding:keywords.forbidden_rude", "weight": 6,
                   "value": rude_finding["value"], "evidence": []}],
        "findings": {
            "keywords": {"analyzer": "keywords", "items": {"forbidden_rude": rude_finding}},
            "complaint_risk": {"analyzer": "complaint_risk", "items": {"risk": {
                "value": 1 - risk, "probability": risk,
                "evidence": [{"utterance": 3, "text": "我要投诉<你们>", "note": "cue 投诉"}]}}}},
    }


def _audit_dir(tmp_path, *, agents_csv: bool = True):
    rows = [_row("c1", "A1", 90, risk=0.1), _row("c2", "A1", 80, risk=0.2),
            _row("c3", "A2", 40, risk=0.95, rude=True), _row("c4", "A2", 50, risk=0.7)]
    stale = _row("c4", "A2", 10, risk=0.0)  # an earlier score of the same file: superseded
    lines = [json.dumps(r, ensure_ascii=False) for r in [stale, *rows]]
    (tmp_path / "calls.jsonl").write_text("\n".join(lines) + "\n{\"torn", encoding="utf-8")
    (tmp_path / "errors.jsonl").write_text(json.dumps({
        "file": "calls/bad.json", "stage": "load", "error_type": "InputError", "code": "QA100",
        "message": "malformed JSON"}) + "\n", encoding="utf-8")
    if agents_csv:
        with (tmp_path / "agents.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["rank", "agent_id", "calls", "shrunk_mean", "interval_low",
                             "interval_high", "raw_mean", "shrinkage", "red_line_failures"])
            writer.writerow([1, "A1", 2, "82.0", "70.0", "94.0", "85.0", "0.3", 0])
            writer.writerow([2, "A2", 2, "52.0", "40.0", "64.0", "45.0", "0.3", 0])
    return tmp_path


def test_stream_calls_keeps_the_latest_row_per_file_and_skips_a_torn_line(tmp_path):
    rows = list(stream_calls(_audit_dir(tmp_path) / "calls.jsonl"))
    assert sorted(r["conversation_id"] for r in rows) == ["c1", "c2", "c3", "c4"]
    assert next(r for r in rows if r["conversation_id"] == "c4")["score"] == 50


def test_report_is_one_offline_file_with_titles_plots_alerts_and_failures(tmp_path):
    path = write_report(_audit_dir(tmp_path), section_titles={"conduct": "服务禁语"})
    text = path.read_text(encoding="utf-8")
    assert path.name == "report.html"
    assert not re.search(r'(src|href)="?(https?:)?//', text)  # nothing fetched from anywhere
    assert "echarts" in text and len(text) > 300_000  # the ECharts build is inlined
    assert "服务禁语" in text and "顶撞/不耐烦禁语" in text  # titles where people read
    assert "calls/bad.json" in text and "QA100" in text  # the failed file
    assert "我要投诉&lt;你们&gt;" in text  # evidence, escaped
    data = json.loads(re.search(r'id=report-data>(.*?)</script>', text, re.S).group(1))
    assert sum(b["count"] for b in data["scores"]) == 4
    assert data["risks"][-1]["count"] == 1 and data["risks"][7]["count"] == 1
    assert data["sections"] == [["服务禁语", 65.0]]
    assert data["rules"] == [["顶撞/不耐烦禁语", 25.0, 75.0]]
    assert data["agents"][0][:3] == ["A1", 70.0, 94.0]


def test_report_top_risks_come_from_the_calls_when_no_alert_was_sent(tmp_path):
    text = build_report(_audit_dir(tmp_path))
    assert text.index(">c3<") < text.index(">c4<")  # riskiest first
    (tmp_path / "alerts.jsonl").write_text(json.dumps({
        "conversation_id": "c4", "probability": 0.7, "threshold": 0.6, "evidence": []}) + "\n",
        encoding="utf-8")
    text = build_report(tmp_path)
    assert "投诉风险预警（已发送）" in text and ">c3<" not in text


def test_report_rolls_agents_up_from_the_calls_when_agents_csv_has_other_columns(tmp_path):
    out = _audit_dir(tmp_path, agents_csv=False)
    (out / "agents.csv").write_text("排名,坐席\n1,A1\n", encoding="utf-8")
    data = json.loads(re.search(r'id=report-data>(.*?)</script>',
                                build_report(out), re.S).group(1))
    assert [a[0] for a in data["agents"]] == ["A1", "A2"]


def test_tied_ranks_share_a_rank_while_intervals_overlap():
    assert tied_ranks([(80, 90), (75, 85), (50, 60), (55, 65)]) == [1, 1, 3, 3]
    assert tied_ranks([(80, 90), (60, 70)]) == [1, 2]
