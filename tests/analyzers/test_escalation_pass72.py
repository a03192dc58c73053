"""Seventy-second pass (``THREAT_PASSES.md`` "Seventy-second pass"), **in-sample**: the rule errors of ``fresh106`` and
``fresh107`` (business customers), scored once this stop before the pass.

- a review named first with the caller's firm intention after it (差评我是一定会给的，除非…) is not set aside by the learned vetoes;
- a review named first, written now for the company (差评我这就给你们写上) — not removed (差评我这就给你们删了);
- a boss who told the caller something (隔壁超市老板跟我说 他要去市场监管局举报你们) is reported speech, not the company's superior
  asked for (叫老板跟我说清楚 stays a demand).

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION, EscalationAnalyzer
from tests.analyzers.threat_probes import GREETING, alerts, assert_calm, assert_threat, call, reasons


def test_the_version_is_rules_72_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 72


@pytest.mark.parametrize("text", [
    "差评我是一定会给的，除非你们把这单的钱退给我。送来的汤全洒了。",
    "差评我肯定要写的 你们看着办",
])
def test_a_review_named_first_with_a_firm_intention_alerts_as_shipped(text):
    assert_threat(text)
    analyzer = EscalationAnalyzer()  # second opinion and call model on, as shipped
    conversation = call(GREETING, ("C", text), ("A", "非常抱歉，我这边帮您申请部分退款可以吗？"),
                        ("C", "部分不行，整份都没法吃，要全退。"))
    assert analyzer.analyze(conversation).items["threat"].value == 0.0


@pytest.mark.parametrize("text", [
    "差评我这就给你们写上，这种错太低级了。",
    "差评我马上写 你们等着",
])
def test_a_review_named_first_and_written_now_is_a_threat(text):
    assert_threat(text)
    assert alerts(text, None)


@pytest.mark.parametrize("text", [
    "差评我这就给你们删了",
    "差评我马上写了吗",
])
def test_a_review_removed_or_asked_about_is_no_threat(text):
    assert "threat" not in reasons(text)


@pytest.mark.parametrize("text", [
    "喂 我是***便利店的 隔壁超市老板跟我说 他要去市场监管局举报你们 说冷藏车温度不够",
    "我们楼下饭店的经理跟我说，你们这批货有问题，我想问问我的有没有事。",
])
def test_a_boss_telling_the_caller_something_is_reported_speech(text):
    assert_calm(text)
    assert not alerts(text, None)


@pytest.mark.parametrize("text", ["叫老板跟我说清楚", "让你们经理跟我说 到底怎么回事"])
def test_a_superior_demanded_to_talk_stays_a_threat(text):
    assert_threat(text)
