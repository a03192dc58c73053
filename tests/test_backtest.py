"""`qa rules backtest`: findings against a reviewer's labels, with every disagreement."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
import typer
from typer.testing import CliRunner

from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.backtest import backtest, expected_outcome, load_calls, load_labels
from qa_engine.commands.rules import register
from qa_engine.errors import InputError

CALLS = {
    # starts mid-script: the greeting cannot be judged
    "t1": ["客服:很高兴为您服务请问有什么可以帮您", "用户:我吃出头发了", "客服:嗯好的", "客服:再见"],
    # greets, is rude, apologises
    "t2": ["客服:您好美团客服", "用户:菜里有虫子", "客服:你烦不烦啊", "客服:非常抱歉给您带来不便", "客服:再见"],
}
LABELS = [
    {"doc_id": "t1", "split": "dev", "truncated_start": True,
     "acts": {"greeting": {"done": None, "utterances": []},
              "closing_farewell": {"done": True, "utterances": [3]}}},
    {"doc_id": "t2", "split": "test",
     "acts": {"greeting": {"done": True, "utterances": [0]},
              "apology_on_complaint": {"done": True, "utterances": [3], "applicable": True},
              "hold_notice": {"done": False, "utterances": []}},
     "forbidden": [{"finding": "forbidden_rude", "utterance": 2}]},
]


def _files(tmp_path: Path) -> Path:
    (tmp_path / "calls.json").write_text(json.dumps([{"id": k, "content": v} for k, v in CALLS.items()],
                                                    ensure_ascii=False), encoding="utf-8")
    meta = {"_meta": {"calls": "calls.json", "calls_format": "musied"}}
    path = tmp_path / "labels.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [meta, *LABELS]), encoding="utf-8")
    return path


def _inspect(analyzer: KeywordAnalyzer):
    return lambda convs: [SimpleNamespace(findings={"keywords": analyzer.analyze(c)}, score=None)
                          for c in convs]


def test_backtest_counts_agreement_and_lists_each_disagreement(tmp_path):
    meta, labels = load_labels(_files(tmp_path))
    convs = load_calls(tmp_path / meta["calls"], meta["calls_format"], [c.doc_id for c in labels])
    assert not convs["t1"].timed  # the MUSIED text has no times, and none are invented
    report = backtest(labels, convs, _inspect(KeywordAnalyzer()))
    rude = report.stats["forbidden_rude"]
    assert (rude.calls, rude.tp, rude.fp, rude.fn) == (2, 1, 0, 0) and rude.agreement == 1.0
    hold = report.stats["hold_notice"]
    assert hold.calls == 1 and hold.na == 1 and hold.agreement == 1.0  # untimed → N/A is right
    greeting = report.stats["greeting"]
    assert greeting.calls == 2 and greeting.tp == 1
    for d in report.disagreements:
        assert d.expected != d.got and d.rule_saw
    if greeting.agreement < 1.0:  # a truncated start must come back doubtful, not failed
        miss = next(d for d in report.disagreements if d.finding == "greeting")
        assert (miss.doc_id, miss.expected) == ("t1", "review")


def test_backtest_split_keeps_only_that_split(tmp_path):
    meta, labels = load_labels(_files(tmp_path))
    convs = load_calls(tmp_path / meta["calls"], "musied", [c.doc_id for c in labels])
    report = backtest(labels, convs, _inspect(KeywordAnalyzer()), split="test")
    assert report.calls == 1 and report.stats["greeting"].calls == 1


def test_backtest_expected_outcomes_follow_the_guide(tmp_path):
    meta, labels = load_labels(_files(tmp_path))
    convs = load_calls(tmp_path / meta["calls"], "musied", [c.doc_id for c in labels])
    t1, t2 = labels
    assert expected_outcome(t1, "greeting", convs["t1"]) == "review"
    assert expected_outcome(t1, "confirm_need", convs["t1"]) is None  # not labelled
    assert expected_outcome(t2, "forbidden_rude", convs["t2"]) == "fail"
    assert expected_outcome(t2, "forbidden_promise", convs["t2"]) == "pass"


def test_backtest_bad_label_line_and_missing_calls_name_the_problem(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc_id": "x"}\n{"acts": {}}\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 2"):
        load_labels(bad)
    with pytest.raises(InputError, match="not found"):
        load_calls(tmp_path, "conversations", ["nope"])


def test_rules_backtest_cli_prints_table_and_json(tmp_path):
    labels = _files(tmp_path)
    card = tmp_path / "card.toml"
    card.write_text(
        'name = "kw"\nversion = "1"\ntotal_weight = 10\n[analyzers]\nkeywords = "keywords.v1"\n'
        '[[sections]]\nid = "s"\nweight = 10\nitems = [\n'
        ' { id = "greeting", finding = "keywords.greeting", weight = 5 },\n'
        ' { id = "no_rude", finding = "keywords.forbidden_rude", weight = 5 },\n]\n', encoding="utf-8")
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """qa"""

    register(app)
    runner = CliRunner()
    result = runner.invoke(app, ["rules", "backtest", str(labels), "--scorecard", str(card),
                                 "--baseline", str(Path("models/rulebook.toml")),
                                 "--baseline-scorecard", str(card)])
    assert result.exit_code == 0, result.output
    assert "forbidden_rude" in result.output and "disagreements" in result.output
    result = runner.invoke(app, ["rules", "backtest", str(labels), "--scorecard", str(card), "--json"])
    data = json.loads(result.output)
    assert data["new"]["findings"]["forbidden_rude"]["agreement"] == 1.0
    bad = runner.invoke(app, ["rules", "backtest", str(labels), "--split", "train"])
    assert bad.exit_code == 2 and "unknown split" in bad.output


def test_musied_labels_cite_content_lines_and_are_mapped_past_blank_lines(tmp_path):
    from qa_engine.backtest import LabelledCall, ActLabel, remap_musied_indices

    doc = {"id": 7, "content": ["客服:您好", "", "用户:我的饭里有头发,", "", "客服:有头发是吗", "用户:对"]}
    (tmp_path / "calls.json").write_text(json.dumps([doc], ensure_ascii=False), encoding="utf-8")
    label = LabelledCall("7", acts={"confirm_need": ActLabel(True, (4,))},
                         forbidden={"forbidden_rude": (3,)})
    (moved,) = remap_musied_indices([label], tmp_path / "calls.json")
    convs = load_calls(tmp_path / "calls.json", "musied", ["7"])
    utts = convs["7"].utterances
    assert moved.acts["confirm_need"].utterances == (2,) and utts[2].text == "有头发是吗"
    assert moved.forbidden["forbidden_rude"] == (2,)        # a blank line maps on, nothing is lost
