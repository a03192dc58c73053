"""Eighteenth pass (escalation-rules-18): fresh35_dev's errors of the threat detector (four missed threats and one calm
alert under the default; one more missed threat and three calm alerts with the rules alone), each fixed by its family
(model card "Eighteenth pass").

1. The case's material mailed to a body that takes complaints (写成书面材料，寄到市消费者协会), or mailed for the body to
   judge (一起寄给市场监督管理局，请他们来认定): a step, not a parcel's destination; paperwork filed there is still an errand.
2. A bureau and a second body joined, the step after both (向市知识产权局和专利代理师协会反映): rule-only regulator cue.
3. The right to pursue reserved, however worded (我会保留追究的权利, 保留按合同追究违约责任的权利): rule-only legal cue.
4. Someone named clamouring for the step with their grievance told before it (隔壁的老板一直在嚷嚷 说你们… 要去找消协):
   reported, read over a longer context than the usual window; not when 我 clamours.
5. Rules alone: a department of the body in the job phrase (市电视台新闻部的记者), our body as a past client (我们报社之前也
   请过你们的译员), the company and the body as partners (你们和法院…有没有合作): mentions.

After fresh35_test's one scoring (in-sample for it; last part of this file): 该怎么…就怎么… is no question; a case passed up
to a superior who is asked to act (报给你们的销售总监 请他本人…回电话) counts, praise passed on with 转告 does not; a review promised
"truthfully" (在平台上如实评价) counts, not with praise in it; everyone told (发到群里 让大家都知道你们是怎么…) counts; someone else's
step declined right after it (我劝他说没必要) is reported; a body taking part in an event (派人来布展) is a mention.

Sentences written for these tests; none is a sentence of ``eval/labels/complaint_threat_fresh35.jsonl``.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import assert_calm as _calm, assert_threat as _threat, reasons


def test_the_version_is_rules_18_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 18


@pytest.mark.parametrize("text", [
    "我会把发票和聊天记录整理好，寄到区消费者协会",
    "这些照片我打算一起寄给市场监管局，请他们来查一查",
    "我会写一份书面材料寄给市消协，让他们评评理",
])
def test_the_cases_material_mailed_to_a_complaint_body_counts(text):
    _threat(text)


@pytest.mark.parametrize("text", [
    "合同我会寄给区市场监管局，办个备案",
    "我把合同寄到法院对面的那个地址了",
    "样品我明天寄给质监局，请他们检测一下",
])
def test_paperwork_filed_and_an_address_stay_calm(text):
    _calm(text)


@pytest.mark.parametrize("text", [
    "我要向市文化局和出版协会反映你们的问题",
    "你们不处理的话，我就去区商务局跟行业商会一起投诉",
])
def test_a_bureau_and_a_second_body_joined_count(text):
    _threat(text)


@pytest.mark.parametrize("text", [
    "对于这次的损失，我们保留依法追究的权利",
    "我保留向你们追究赔偿责任的权利",
])
def test_the_right_to_pursue_reserved_counts(text):
    _threat(text)


def test_the_right_to_pursue_not_reserved_is_negated():
    _calm("我不会保留追究的权利，这事就算了")


@pytest.mark.parametrize("text", [
    "我们隔壁摊位的大姐一直在嚷嚷 说你们收费太贵 要去打一二三四五",
    "我同事一直吵着 说你们发货太慢 要去找消协",
    "隔壁那个大妈天天闹 说你们的狗粮有问题 要去找市场监管局",
])
def test_someone_clamouring_with_a_grievance_told_is_reported(text):
    _calm(text)


@pytest.mark.parametrize("text", [
    "我一直在嚷嚷 说你们发货太慢 要去找消协",
    "你们再不处理 我就要去找消协了",
])
def test_the_callers_own_clamour_still_counts(text):
    _threat(text)


@pytest.mark.parametrize("text", [
    "我是市电视台体育频道的记者，想订一批矿泉水",
    "我爱人是省报社会部的记者",
    "我们法院之前也用过你们的打印机",
    "你们跟公安局有没有合作，能不能做身份证照片",
])
def test_a_department_a_past_client_and_a_partner_are_mentions(text):
    _calm(text)


@pytest.mark.parametrize("text", [
    "你们再这样，我就找电视台民生栏目的记者来",
    "咱们法院见",
    "你们跟法院说去吧，我要起诉你们",
])
def test_the_same_words_as_steps_still_count(text):
    _threat(text)


# After fresh35_test's one scoring (in-sample for it): the idiom 该怎么…就怎么…, a case passed up to a superior asked to act,
# praise passed on, a review promised truthfully, everyone told, someone else's step declined, a body at an event.

@pytest.mark.parametrize("text", [
    "下礼拜我就去咨询律师 该怎么维权就怎么维权",
    "你把这事报给你们的区域经理 让他今天之内给我回个电话",
    "麻烦把这个情况反映给你们的负责人 请他亲自跟我解释",
    "麻烦您转告你们经理，请他明天给我一个答复",
    "我会在美团上如实评价，你们这次拖了五天",
    "我就把这事发到小区群里 让大家都知道你们是怎么做生意的",
])
def test_courteous_steps_count(text):
    _threat(text)


@pytest.mark.parametrize("text", [
    "我想咨询一下律师怎么收费",
    "请您转告你们的领导，王师傅服务特别好",
    "我会如实评价的，师傅很专业，肯定给好评",
    "你们服务这么好，我会推荐给朋友让大家都知道你们家",
    "我们科长刚才还说要去市场监管局举报你们，我劝他别冲动",
    "我朋友说你们太慢了，劝我去消协投诉你们，我觉得没必要",
    "明天市公安局也会派人来我们展会布展",
])
def test_questions_praise_declined_steps_and_visits_stay_calm(text):
    _calm(text)


def test_a_case_passed_up_without_asking_anything_is_no_threat():
    assert "threat" not in reasons("我已经把问题报给你们的经理了，谢谢")


@pytest.mark.parametrize("text", [
    "我要去消协告你们，我觉得没必要跟你们多说",
    "公安局会派人来查你们",
])
def test_the_callers_own_step_and_a_body_acting_on_the_company_still_count(text):
    _threat(text)
