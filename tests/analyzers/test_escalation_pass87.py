"""Eighty-seventh pass (``THREAT_PASSES.md`` "Eighty-seventh pass"), **in-sample**: the rule errors of ``fresh140`` and
``fresh141``, scored once this stop before the pass.

- 我现在就 / 这就 … 报警了 after a loss: the call about to be made, announced, not a report already made (我马上报警了
  tells what the caller did at once);
- the line asked about with 是不是都是打 (报修 咨询 还有投诉是不是都是打这个号码).

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import CHOSEN_OPINION, VERSION
from tests.analyzers.threat_probes import GREETING, alerts, assert_calm, assert_threat, call, counts_threat


def test_the_version_is_rules_87_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 87


@pytest.mark.parametrize("warning", [
    "喂 我刚下车 包落车上了 司机电话不接 我现在就报警了啊 里面有电脑",
    "我钱包落在你们车上了，你们不帮我找我这就报警了！",
])
def test_the_police_call_about_to_be_made_after_a_loss_is_announced(warning):
    conversation = call(GREETING, ("C", warning))
    assert counts_threat(conversation, None)
    assert counts_threat(conversation, CHOSEN_OPINION)


@pytest.mark.parametrize("turns", [
    (("C", "我的钱包丢了，好像落在你们店里了。"), ("A", "我帮您查一下。"), ("C", "我已经报警了，警察让我来问问监控。")),
    (("C", "老人在超市走失了我马上报警了，现在人找到了"),),
])
def test_the_police_already_called_after_a_loss_stays_the_incident(turns):
    conversation = call(GREETING, *turns)
    assert not counts_threat(conversation, None)


def test_the_line_asked_about_with_shi_bu_shi_dou_shi_is_no_threat():
    text = "我们在整理一个给业主的服务电话表 就是想问一下 你们水务公司报修 咨询 还有投诉是不是都是打这个号码 还是有分开的电话"
    assert_calm(text)
    assert not alerts(text, None)


def test_a_complaint_announced_before_the_same_question_stays_a_threat():
    assert_threat("我要投诉 是不是都是打这个号码")
