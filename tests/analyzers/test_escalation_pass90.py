"""Ninetieth pass (``THREAT_PASSES.md`` "Ninetieth pass"), **in-sample**: the rule errors of ``fresh150`` … ``fresh153``,
scored once this stop before the pass.

- a day between the speaker and 说 (我同事前几天说她…去银保监会投诉你们了): someone else's words, told;
- 么 in 这么 / 那么 is a degree, not a question (…就去打一二三四五 问问停这么久水为啥不提前说);
- 投诉编号, the case's number, is a noun;
- 取消 after 说 is something cancelled and told (…发短信说取消了), not the caller's step withdrawn.

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import CHOSEN_OPINION, VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat


def test_the_version_is_rules_90_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 90


@pytest.mark.parametrize("told", [
    "你好，我想问一下我这张信用卡的分期手续费是怎么算的。我同事前几天说她因为分期的事去银保监会投诉你们了，我听了有点担心，就想自己问清楚，我这边其实没什么问题。",
    "我邻居昨天说他要去12345反映，我就是问问你们这个怎么处理",
])
def test_someone_elses_words_with_a_day_before_said_are_told(told):
    assert_calm(told)
    assert not alerts(told, CHOSEN_OPINION)


def test_the_callers_own_step_after_a_day_stays_a_threat():
    assert_threat("我前几天说了你们不改我就去12345反映，今天我就去")


@pytest.mark.parametrize("threat", [
    "喂 你好 那个我们***路这边从昨天晚上停水到现在 也没有贴通知 我跟你说我现在挂了电话就去打一二三四五 问问停这么久水为啥不提前说一声",
    "你们再这么拖我就去消协，那么多人都被你们坑了",
])
def test_a_degree_word_after_the_step_is_no_question(threat):
    assert_threat(threat)
    assert alerts(threat, CHOSEN_OPINION)


def test_a_real_question_after_the_step_stays_a_question():
    assert_calm("打12345是这么打吗，直接拨就行？")


@pytest.mark.parametrize("follow_up", [
    "您好，我上个月二十号在你们这儿投诉过一笔重复扣款，当时客服说核实后会退回来，给了我一个投诉编号，我刚才看账单，好像退回来了，想跟你们确认一下。",
    "我的投诉编号是***，想问一下处理得怎么样了",
])
def test_the_complaints_number_is_a_noun(follow_up):
    assert_calm(follow_up)
    assert not alerts(follow_up, None)


@pytest.mark.parametrize("threat", [
    "喂 你们再这么乱退号俺就去上新闻 俺老伴那个手术号约好了 昨儿个图然发短信说取消了",
    "我要投诉你们，订好的房间前台说取消了就取消了",
])
def test_something_cancelled_and_told_is_no_withdrawal(threat):
    assert_threat(threat)


def test_the_callers_own_withdrawal_stays_one():
    assert_calm("上次那个投诉我已经取消了，现在没事了")
