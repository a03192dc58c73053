"""Seventy-fifth pass (``THREAT_PASSES.md`` "Seventy-fifth pass"), **in-sample**: the rule errors of ``fresh112`` and
``fresh113`` (repeat callers), scored once this stop before the pass.

- a complaint made on an earlier call told with 过 alone (我前天打过电话，投诉沙发颜色发错了，想问问换货安排了没有);
- the channels for complaints asked about (客户投诉一般有几种渠道);
- an escalation withdrawn after a clause saying it is no longer needed (…的那个，现在用不着了，帮我撤销掉吧);
- the case at a body taken back with 把 around the cue (我把12345那边的单子撤了) — not asked (撤了吗).

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat


def test_the_version_is_rules_75_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 75


@pytest.mark.parametrize("text", [
    "我前天打过电话，投诉沙发颜色发错了，想问问换货安排了没有？",
    "你好，我是大学生，在做课程作业，想问一下你们银行客户投诉一般有几种渠道？",
    "上次我让你们帮我升级处理的那个，现在用不着了，帮我撤销掉吧。",
    "正常了 那个 我把12345那边的单子撤了 昨天打电话撤的 跟你们说一声",
    "我把消协那里的投诉撤回了，钱已经退了",
])
def test_followed_up_asked_about_or_withdrawn_is_no_threat(text):
    assert_calm(text)
    assert not alerts(text, None)


@pytest.mark.parametrize("text", [
    "我要投诉 你们一般有几种处理方式",
    "我要把12345那边的单子撤了吗？不可能，我还要再打一次12345",
])
def test_a_complaint_announced_or_a_withdrawal_asked_stays_a_threat(text):
    assert_threat(text)
