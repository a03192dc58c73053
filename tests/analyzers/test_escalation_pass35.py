"""Thirty-fifth pass (``THREAT_PASSES.md`` "Thirty-fifth pass"; the guide's "Thirty-fifth pass"). fresh50_dev's two rule errors
under escalation-rules-34, read as general frames, **in-sample**:

- how the company handles complaints, asked with a possessor or target before the noun (请问你们平台一般怎么处理对司机的投诉？):
  the question governs 投诉 as it does in 怎么处理投诉 (a procedure question, "What does not");
- the person a cue names as the one the caller books or buys for (想给我们几位律师订下周三的会议室): guests of an errand, not a
  step (the guide: 我是律师事务所的 — a profession named as a job).

The first line of each calm group is the development call's own line; the others were written for these tests. The contrasts
(threats announced after the question, lawyers given the matter) read as they did before.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import CHOSEN_OPINION, VERSION, detect_threats
from tests.analyzers.threat_probes import alerts, call, reasons


def test_the_version_is_rules_35_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 35


def _alerts(text: str, opinion=CHOSEN_OPINION) -> bool:
    return alerts(text, opinion)


# 1. how complaints are handled, asked: 投诉 the noun the handling verb governs (a threat on rules-34)
@pytest.mark.parametrize("text", [
    "请问你们平台一般怎么处理对司机的投诉？我就想了解一下。",
    "你们平台一般怎么处理乘客对司机的投诉",
    "想问下你们怎么受理这类投诉",
    "你们如何处理针对骑手的投诉？",
    "我想了解一下你们一般怎样回应顾客的举报",
])
def test_how_complaints_are_handled_asked_is_a_question(text):
    found = reasons(text)
    assert "question" in found and "threat" not in found
    assert not _alerts(text, None) and not _alerts(text)


# 1b. a step announced after the question, or a question without the noun governed: unchanged threats
@pytest.mark.parametrize("text", [
    "你们怎么处理的？我要投诉",
    "你们怎么处理我不管，我就是要投诉司机",
    "你们一般怎么处理司机的问题，我要投诉他",
    "处理不好的话我就投诉你们",
])
def test_a_step_announced_around_the_question_stays_a_threat(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None) and _alerts(text)


def test_the_question_does_not_reach_another_cue_in_the_turn():
    text = "看你们怎么处理对司机的投诉，处理不好我就打12315"
    assert reasons(text) == ["question", "threat"]
    assert _alerts(text)


# 2. the person the caller books or buys for (a threat on rules-34 with the rules alone)
@pytest.mark.parametrize("text", [
    "我是律师事务所的行政，想给我们几位律师订下周三的会议室。",
    "给我们几位律师订个会议室",
    "帮咱们的律师买两张机票",
    "为三位律师预订房间",
    "想给两位记者订个双人间",
    "帮我们所里的律师订两间房",
    "我是律所的前台，给所里几位律师订个午餐",
])
def test_a_person_booked_or_bought_for_is_no_step(text):
    found = reasons(text)
    assert found and set(found) == {"place"}
    assert not _alerts(text, None) and not _alerts(text)


# 2b. a lawyer given the matter, or the caller's own lawyers acting: unchanged threats
@pytest.mark.parametrize("text", [
    "我要给律师打电话",
    "我去给律师准备材料起诉你们",
    "我们几位律师会起诉你们",
    "我们的律师会联系你们",
    "我会让我们的律师给你们发律师函",
    "我把材料给所里的律师看了",
])
def test_a_lawyer_given_the_matter_stays_a_threat(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None)


def test_paying_the_lawyer_is_not_an_errand_for_him():
    # 买单 (paying) is not a purchase for the lawyer: the lawyer hired to sue stays a threat
    assert reasons("你们不处理我就给律师买单让他起诉你们") == ["threat", "threat"]


def test_the_development_calls_read_calm_in_context():
    channel = call(("A", "您好，出行平台客服。"), ("C", "请问你们平台一般怎么处理对司机的投诉？我就想了解一下。"),
                   ("A", "乘客反馈后我们会核实行程，视情况处理司机。"), ("C", "明白了，谢谢。"))
    lawyer = call(("A", "您好，悦途酒店预订部。"), ("C", "我是律师事务所的行政，想给我们几位律师订下周三的会议室。"),
                  ("A", "可以的，大概多少人？"), ("C", "十二个人，半天就够。"))
    for conv in (channel, lawyer):
        assert not any(h.threat for h in detect_threats(conv, None))
        assert not any(h.threat for h in detect_threats(conv, CHOSEN_OPINION))
