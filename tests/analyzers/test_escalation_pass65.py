"""Sixty-fifth pass (``THREAT_PASSES.md`` "Sixty-fifth pass"), **in-sample**: the errors of ``fresh92`` and ``fresh93``,
scored once this stop before the pass, and the police reports told as done that blind writers label threats.

- the caller's own report to the police, told as done, that the rules read as a threat is not set aside by the learned
  vetoes (我今天上午已经报警了，派出所的人说会去你们店里调查);
- complaints as a channel: 也是同一个电话吗, beside 售后 — unless an intention stands before the cue;
- a shop's staff by their job as the speaker (服务员还说你随便投诉).

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION, EscalationAnalyzer
from tests.analyzers.threat_probes import GREETING, alerts, assert_calm, assert_threat, call


def test_the_version_is_rules_65_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 65


@pytest.mark.parametrize("text", [
    "我不要护理了。我今天上午已经报警了，派出所的人说会去你们店里调查。",
    "喂 你们那个上门检查的 把我家门锁弄坏了 还推我 我以经报警了 派出所的人马上就到",
])
def test_a_police_report_told_as_done_alerts_under_the_default_policy(text):
    assert_threat(text)
    analyzer = EscalationAnalyzer()  # second opinion and call model on, as shipped
    assert analyzer.analyze(call(GREETING, ("C", text))).items["threat"].value == 0.0


@pytest.mark.parametrize("text", [
    "家里的报警器一直响，怎么关掉？",
    "孩子想买那套警察的衣服，有没有小一号的？",
])
def test_alarms_and_costumes_stay_calm(text):
    analyzer = EscalationAnalyzer()
    assert analyzer.analyze(call(GREETING, ("C", text))).items["threat"].value == 1.0


@pytest.mark.parametrize("text", [
    "那投诉也是同一个电话吗？我一起写在宣传单上。",
    "嗯 那个我顺便记一下 你们投诉和售后分别是什么电话",
    "老码头火锅解放路店，券码是8806273145。服务员还说你随便投诉，反正老板不在。",
])
def test_a_channel_asked_about_and_staff_words_are_no_threat(text):
    assert_calm(text)
    assert not alerts(text, None)


def test_an_intention_before_the_channel_words_stays_a_threat():
    assert_threat("我要投诉和售后都找不到人的问题")
