"""Nineteenth pass: fresh36_dev's errors of the threat detector (one missed threat, three calm alerts under the default
and with the rules alone), each fixed by its family (model card "Nineteenth pass"). The pass is about the dialogue
around the cue word: the agent offers, restates or reads the cue words and the customer answers.

1. The agent asking what the customer means to do (您是需要投诉…吗 / 您是要找我们经理吗) and the customer confirming it
   (嗯 对 你记一下) carries the threat, as a confirmed restatement does; an offer of the agent's own help
   (需要我帮您转给主管吗) is not a restatement.
2. A threat of an earlier call quoted (上个礼拜…说…我就去幺二三幺五) and settled afterwards (后来…就给我打款了): the past
   reaches over the quoted words, 上周 / 上个礼拜 / 上个星期 are past times, 打款 / 转账 / 把钱退了 settle it, and the
   second opinion does not count the settled cue back.
3. The step named and then declined as not needed (投诉倒不用, 投诉就不用了, 找你们领导倒不必).
4. The purpose denied (我不是来投诉的).

After fresh36_test's one scoring (in-sample for it): praise of a worker relayed to a superior (一定要跟你们领导说，小王太
耐心了; last part of this file).

Sentences written for these tests; none is a sentence of ``eval/labels/complaint_threat_fresh36.jsonl``.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import CHOSEN_OPINION, VERSION, detect_threats
from tests.analyzers.threat_probes import assert_calm as _calm, assert_threat as _threat, call


def _threats(conversation, opinion=None) -> list[str]:
    return [h.reason for h in detect_threats(conversation, opinion) if h.threat]


def test_the_version_is_rules_19_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 19


# 1. The agent asks what the customer means to do; the customer confirms.

@pytest.mark.parametrize("agent, customer", [
    ("不好意思 您是需要投诉这位骑手吗", "嗯 对 你给我记上"),
    ("请问您是要找我们经理吗？", "对。"),
    ("抱歉，您是想向消协反映吗？", "是的，你们看着办。"),
])
def test_confirming_the_agents_question_about_ones_intent_is_a_threat(agent, customer):
    conversation = call(("A", "您好，请讲。"), ("C", "你们这个事到现在也没人管。"), ("A", agent), ("C", customer))
    assert _threats(conversation) == ["threat"]


@pytest.mark.parametrize("agent, customer", [
    ("需要我帮您转给主管吗", "对"),
    ("您是要退款吗", "对 退到原卡"),
    ("您是需要投诉这位骑手吗", "不是 就问问"),
])
def test_an_offer_of_the_agents_help_or_a_question_without_a_step_is_not(agent, customer):
    conversation = call(("A", "您好，请讲。"), ("C", "东西还没到。"), ("A", agent), ("C", customer))
    assert _threats(conversation) == []


# 2. A threat of an earlier call quoted and settled since.

@pytest.mark.parametrize("text", [
    "我上周打电话的时候说过你们再不退我就去消协 后来你们第二天就把钱退了",
    "上个星期我跟你们说再不修就打一二三四五 最后你们师傅当天就来修了",
    "我上礼拜来电话说再拖我就去市场监管局 后来你们就给我转账了",
])
def test_a_threat_of_an_earlier_call_quoted_and_settled_is_not_a_threat(text):
    _calm(text)


@pytest.mark.parametrize("text", [
    "上周你们说三天退款 到现在也没退 我就去幺二三幺五",
    "上次我说要投诉 后来你们也没退 这次我真要打12315",
    "上个礼拜客服说给我转账 结果到现在没到 再不到我就去消协",
])
def test_a_past_promise_not_kept_or_a_threat_taken_up_again_still_counts(text):
    _threat(text)


def test_the_second_opinion_does_not_count_a_settled_threat_back():
    settled = call(("A", "您好 请讲"), ("C", "喂 我上个礼拜来过电话 说你们再不给钱我就去幺二三四五 后来你们第二天就给我打款了"),
                   ("A", "好的 这次有什么需要"), ("C", "这次就想问问还收不收旧空调"))
    assert _threats(settled, CHOSEN_OPINION) == []
    still_open = call(("A", "您好 请讲"), ("C", "喂 我上个礼拜来过电话 你们说给钱 到现在没给 再不给我就去幺二三四五"))
    assert _threats(still_open, CHOSEN_OPINION)


# 3. The step named, then declined as not needed.

@pytest.mark.parametrize("text", [
    "投诉就不用了 你们下次注意点",
    "找你们领导倒不必，你跟他说一声就行。",
    "投诉倒是不需要，把钱退了就好",
    "报警就免了 你们赶紧来个人",
])
def test_a_step_declined_as_not_needed_is_not_a_threat(text):
    _calm(text)


@pytest.mark.parametrize("text", [
    "我要投诉 不用你管",
    "投诉不用等到明天，我现在就投诉",
])
def test_a_step_with_不用_in_another_sense_still_counts(text):
    _threat(text)


# 4. The purpose denied.

@pytest.mark.parametrize("text", [
    "我不是来投诉你们的，就是问问进度",
    "我又不是来找你们领导的 你帮我查一下就行",
])
def test_the_purpose_denied_is_not_a_threat(text):
    _calm(text)


def test_a_condition_with_不来_still_counts():
    _threat("你们再不来人修 我就投诉")


def test_a_condition_with_再不来_and_no_filler_word_still_counts():
    _threat("说在路上一个钟头了，再不来我打幺二三四五")


# After fresh36_test's one scoring (in-sample for it): praise of a worker relayed to a superior.

@pytest.mark.parametrize("text", [
    "一定要跟你们领导说，小王太耐心了",
    "你们要跟你们经理讲一下 这个师傅特别负责",
    "我要跟你们主管说一声，那位姑娘服务非常好。",
])
def test_praise_relayed_to_a_superior_is_not_a_threat(text):
    _calm(text)


@pytest.mark.parametrize("text", [
    "一定要跟你们领导说，这师傅太不负责了",
    "我要跟你们领导说，师傅人挺好，但是东西坏了必须赔",
    "我要跟你们领导说，你们这服务太好了是吧 天天让我等",
    "一定要跟你们经理说，今天必须给我退款",
])
def test_a_superior_told_of_a_failure_or_asked_to_act_still_counts(text):
    _threat(text)
