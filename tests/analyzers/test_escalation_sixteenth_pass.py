"""Sixteenth pass (escalation-rules-16): fresh33_dev's errors of the threat detector (one missed threat, three calm
alerts under the default, four with the rules alone; the fifth family is a rules-alone error), each fixed by its family (model card "Sixteenth pass").

1. The big boss demanded (要求你们大老板…, 叫你们大老板来): 大老板 and 要求 in the boss-demand frame.
2. A step the caller meant to take and did not (我本来是想给你们打个差评的): 是 before 想, and the party addressed
   (给你们 / 跟他) before the verb, inside the counterfactual.
3. Someone else clamouring for the step (家里老头子…嚷嚷着要去消协): reported, unless 我 is the clause's subject.
4. A post that advertises (发到网上 给你们做宣传), told of someone else: a mention, not an exposure.
5. A lawyer waiting for a delivery (律师在那儿等我, rules alone): a mention.

After fresh33_test's one scoring (in-sample for it): an association written to, a shop hung out online, a sign's
imperative read out, a child's police game (last part of this file).

Sentences written for these tests; none is a sentence of ``eval/labels/complaint_threat_fresh33.jsonl``.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION, detect_threats
from tests.analyzers.threat_probes import assert_calm as _calm, assert_threat as _threat, call


def test_the_version_is_rules_16_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 16


@pytest.mark.parametrize("text", [
    "我要求你们老板今天给我一个交代",
    "你去叫你们大老板来，我当面跟他说",
    "我要求你们家大老板出面处理这个事",
])
def test_the_big_boss_demanded_counts(text):
    _threat(text)


@pytest.mark.parametrize("text", [
    "我本来是想跟你们投诉的，后来想想就算了",
    "我本来是想给他们打个差评，看在师傅态度好就没打",
    "我原本想向你们举报那个店员，他后来跟我道歉了",
])
def test_a_step_meant_and_not_taken_is_negated(text):
    _calm(text)


@pytest.mark.parametrize("text", [
    "我本来想给你们一次机会，现在我要投诉",
    "本来想给你们打个好评，现在我要打差评",
])
def test_the_counterfactual_does_not_reach_a_later_step(text):
    _threat(text)


@pytest.mark.parametrize("text", [
    "我婆婆买回去就不高兴 一直嚷嚷着要打一二三一五",
    "家里孩子他爸吵着要找律师，我劝他别冲动",
    "我家老头子那天闹着要去工商局，被我拦下来了",
])
def test_someone_else_clamouring_for_the_step_is_reported(text):
    _calm(text)


@pytest.mark.parametrize("text", [
    "我嚷嚷着要去消协，你们也没人理",
    "你们再不退 我就闹着要投诉",
])
def test_the_caller_clamouring_still_counts(text):
    _threat(text)


def test_a_post_that_advertises_told_of_the_shop_is_a_mention():
    _calm("那天店长给我家狗拍了视频 说要发到抖音上 给店里做个宣传")


def test_the_callers_own_post_stays_a_threat_even_as_sarcastic_publicity():
    _threat("我要把这事发到网上 给你们好好宣传宣传")


def test_a_call_with_a_boss_demand_alerts_and_one_with_a_companions_clamour_does_not():
    demand = call(("A", "您好，请讲。"), ("C", "我不跟你说 我要求你们大老板亲自来电话"))
    clamour = call(("A", "您好，请讲。"), ("C", "我老伴嚷嚷着要打一二三四五，我说不至于，你们给换一个就行"))
    assert [h for h in detect_threats(demand, None) if h.threat]
    assert not [h for h in detect_threats(clamour, None) if h.threat]


def test_a_lawyer_waiting_for_a_delivery_is_a_mention():
    _calm("你帮我把合同送到区法院门口 律师在那儿等我")


@pytest.mark.parametrize("text", [
    "我的律师在等着跟你们谈",
    "我已经找了律师 在等开庭",
])
def test_a_lawyer_waiting_to_act_still_counts(text):
    _threat(text)


# After fresh33_test's one scoring (in-sample for it): a trade's association written to, a shop hung out online, a
# sign's own imperative read out, and a child's police game.

@pytest.mark.parametrize("text", [
    "这封信我下礼拜就寄给市旅游协会",
    "你们不解决 我就告到装修行业协会去",
    "我要拍下来把你们这家店挂到网上",
    "我录个视频把你们这家店挂出来",
])
def test_an_association_written_to_and_a_shop_hung_out_online_count(text):
    _threat(text)


@pytest.mark.parametrize("text", [
    "门口那块牌子上，投诉请致电商场服务台，下面还有个二维码",
    "我外孙在家玩游戏，老是说要报警抓坏蛋",
    "我想给孩子买一套警察的制服，六一要表演",
])
def test_a_signs_imperative_and_a_childs_police_game_are_mentions(text):
    _calm(text)


@pytest.mark.parametrize("text", [
    "我要投诉，请拨打你们领导的电话给我",
    "你们再不退钱，我就报警抓你们",
])
def test_the_step_itself_still_counts(text):
    _threat(text)
