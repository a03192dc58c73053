"""Seventieth pass (``THREAT_PASSES.md`` "Seventieth pass"), **in-sample**: the errors of ``fresh102`` and ``fresh103``,
scored once this stop before the pass, and an open item of the last stop.

- a hotline named first and the caller's own dialling of it announced later in the sentence (12315的号码我已经查好了，…我就打过去)
  and a police report named first and told as done (报警我已经报了) are not set aside by the learned vetoes;
- a complaint made on an earlier call to the company and followed up (前些天我给你们打过电话，投诉楼下装修的事…后来怎么样了);
- a negation carried over 跟你们 to the next cue of the phrase (我不是要找律师跟你们打官司);
- the step as a condition with the company asked what it would do then (我要是去市场监管局举报了 你们会怎么样).

The first sentence of each group is the blind call's (or the open item's); the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION, EscalationAnalyzer
from tests.analyzers.threat_probes import GREETING, alerts, assert_calm, assert_threat, call


def test_the_version_is_rules_70_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 70


def _alerts_as_shipped(*turns: tuple[str, str]) -> bool:
    analyzer = EscalationAnalyzer()  # second opinion and call model on, as shipped
    return analyzer.analyze(call(*turns)).items["threat"].value == 0.0


@pytest.mark.parametrize("text", [
    "12315的号码我已经查好了，今天下午还找不到件，我就打过去。",
    "幺二三四五的电话我存着呢 你们明天再不来修 我马上拨过去",
])
def test_a_hotline_whose_dialling_the_caller_announces_alerts_as_shipped(text):
    assert_threat(text)
    assert _alerts_as_shipped(GREETING, ("C", "我的包裹显示已签收，可我根本没收到，快递员也不接电话。"), ("A", "我帮您查一下派件记录。"),
                              ("C", text))


def test_a_police_report_named_first_and_told_as_done_alerts_as_shipped():
    text = "报警我已经报了 就是刚才那个司机半路把我赶下车 我包还在他车上"
    assert_threat(text)
    assert _alerts_as_shipped(("A", "喂您好快行出行客服 请问您遇到什么问题"), ("C", text),
                              ("A", "您现在安全吗 我这边马上联系司机"), ("C", "嗯 我在路边 民警让我先找平台要司机信息"))


@pytest.mark.parametrize("text", [
    "你好，我是二号楼的老钟。前些天我给你们打过电话，投诉楼下那家装修天天早上七点就开电钻的事，当时你们说去沟通，我想问问后来怎么样了。",
    "上礼拜我跟你们客服打过电话 投诉那个快递员乱扔件 现在处理得怎么样了",
])
def test_a_complaint_of_an_earlier_call_followed_up_is_no_threat(text):
    assert_calm(text)
    assert not alerts(text, None)


def test_an_earlier_call_without_a_follow_up_leaves_a_new_complaint_a_threat():
    assert_threat("前些天我给你们打过电话，投诉你们那个装修队，今天我还要接着投诉")


@pytest.mark.parametrize("text", [
    "我先说清楚，我不是要找律师跟你们打官司，也不至于去告谁，就是单子上有几项我看不懂。",
    "我没想过找律师和你们打官司 就想把钱退回来",
])
def test_a_negation_carries_over_gen_nimen_to_the_next_cue(text):
    assert_calm(text)
    assert not alerts(text, None)


def test_an_announced_lawsuit_after_a_lawyer_stays_a_threat():
    assert_threat("我已经找好律师了，跟你们打官司打到底")


@pytest.mark.parametrize("text", [
    "我要是去市场监管局举报了 你们会怎么样",
    "我要是投诉了你们会怎么样",
    "要是我真打了幺二三幺五 到时候你们怎么办",
])
def test_a_conditional_step_with_the_consequence_asked_is_a_threat(text):
    assert_threat(text)


@pytest.mark.parametrize("text", [
    "如果我想投诉的话 你们会怎么处理",
    "我之前投诉了两次",
    "想问下 要是客人投诉了 你们平台一般怎么处理啊",  # someone else's step as the condition
])
def test_the_way_asked_and_a_complaint_told_as_made_stay_calm(text):
    assert_calm(text)
