"""`qa rules backtest` on MUSIED typed chats: system lines, aligned indices, labels of some acts only."""

from __future__ import annotations

import json
from types import SimpleNamespace

from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.backtest import _musied_line_map, backtest, load_calls, load_labels, remap_musied_indices

CHAT = {"id": 5, "domain": "Text Conversations", "content": [
    "客服:Hi~请问您是遇到以下问题吗？,",
    "RULE:系统消息,",                       # a system line: no speaker label the importer knows
    "为了更好的解决您的问题，正在为您转接更专业的人工服务~",  # unprefixed: dropped
    "用户:我吃完后一直吐,",
    "",
    "客服:亲亲是身体不舒服吗,",
    "用户:对",
    "客服:亲亲，小美等的好辛苦[可怜]",
]}


def test_chat_loads_with_system_lines_and_keeps_label_indices_aligned(tmp_path):
    path = tmp_path / "calls.json"
    path.write_text(json.dumps([CHAT], ensure_ascii=False), encoding="utf-8")
    conv = load_calls(path, "musied", ["5"])["5"]
    assert conv.channel == "chat" and not conv.timed
    assert [u.speaker.value for u in conv.utterances] == ["agent", "unknown", "customer", "agent", "customer", "agent"]
    line_map = _musied_line_map(CHAT["content"])
    assert sum(x is not None for x in line_map) == len(conv.utterances)
    assert conv.utterances[line_map[5]].text == "亲亲是身体不舒服吗"


def test_a_label_file_of_some_acts_scores_only_those(tmp_path):
    calls = tmp_path / "calls.json"
    calls.write_text(json.dumps([CHAT], ensure_ascii=False), encoding="utf-8")
    labels = tmp_path / "labels.jsonl"
    rows = [{"_meta": {"calls": "calls.json", "calls_format": "musied", "acts": ["confirm_need"]}},
            {"doc_id": "5", "split": "dev", "acts": {"confirm_need": {"done": True, "utterances": [5]}}}]
    labels.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    meta, labelled = load_labels(labels)
    labelled = remap_musied_indices(labelled, calls)
    convs = load_calls(calls, "musied", ["5"])
    analyzer = KeywordAnalyzer()

    def inspect(cs):
        return [SimpleNamespace(findings={"keywords": analyzer.analyze(c)}, score=None) for c in cs]

    only = backtest(labelled, convs, inspect, only=meta["acts"])
    assert set(only.stats) == {"confirm_need"} and only.stats["confirm_need"].agreement == 1.0
    everything = backtest(labelled, convs, inspect)
    assert "forbidden_rude" in everything.stats     # without _meta.acts unlisted 禁语 count as clean
