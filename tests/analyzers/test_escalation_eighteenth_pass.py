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

Sentences written for these tests; none is a sentence of ``eval/labels/complaint_threat_fresh35.jsonl``.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import assert_calm as _calm, assert_threat as _threat


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
