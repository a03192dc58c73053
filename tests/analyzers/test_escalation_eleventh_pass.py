"""Eleventh pass (escalation-rules-9): fresh28_dev's five errors, each fixed by its family, then (6–8) fresh28_test's
three errors after its one scoring (model card
"Eleventh pass").

1. Heads of a government office as the superior demanded (我要找你们局长, 叫你们处长来), like 院长 /
   站长 / 校长 already were.
2. Officials' online message boards as a body (去人民网留言板上留言, 给市长留言板写).
3. A body as the source of what the customer heard (医保局说你们可以直接结算, 派出所讲这事归你们管):
   reported, unless the body is told to act on the company (12315说让你们三天内答复) or the customer is
   going there (我找消协说理去).
4. 投诉 inside a complaint platform's name read or searched (我看黑猫投诉上有人投诉你们); the customer's
   own post there (我已经在黑猫投诉上发了, 我就去黑猫投诉) still counts.
5. A title with a routine errand (找你们店长确认一下保养记录, 找经理对一下账) is not a superior demanded.
6. 12320 (health), 12333 (social security), 12366 (tax) as complaint hotlines, in digits and spoken.
7. A title's office reached on business (转一下董事长办公室…谈合作) is not a superior demanded.
8. A hotline consulted for information (我打12320咨询过了，他们说…) is not a complaint made.

Sentences written for these tests; none is a sentence of ``eval/labels/complaint_threat_fresh28.jsonl``.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import scan_text
from tests.analyzers.threat_probes import assert_calm, assert_threat, reasons as _reasons


@pytest.mark.parametrize("text", [
    "你们办事员说了不算，我要见你们局长",
    "叫你们处长来跟我说",
    "我要找你们所长反映这个民警的态度",
    "你们科长呢 让他出来",
    "再不给我办我就去人民网留言板上留言",
    "我会给市长留言板写信说这个事",
    "我已经在人民网上反映了你们小区的问题",
])
def test_office_heads_and_officials_message_boards_are_threats(text):
    assert_threat(text)


@pytest.mark.parametrize("text", [
    "交通局说你们驾校可以直接安排补考，我想问一下时间",
    "派出所那边讲这个归你们物业管",
    "我看黑猫投诉上好多人投诉你们，是真的吗",
    "我刚刚搜了一下黑猫投诉，你们评价还行",
    "我想找你们经理确认一下合同的签字页",
    "我找一下你们店长对一下账",
])
def test_a_body_heard_a_complaint_site_read_and_an_errand_with_a_title_are_calm(text):
    assert_calm(text)


@pytest.mark.parametrize("text", [
    "我找消协说理去",
    "要去消协讲讲清楚",
    "12345说让你们三天之内给我答复",
    "我已经在黑猫投诉上发帖了",
    "再拖我就去黑猫投诉你们",
    "我会在黑猫投诉上把这事说清楚",
    "我要找你们经理，你处理不了",
])
def test_going_to_the_body_or_posting_on_the_site_still_counts(text):
    assert_threat(text)


# After fresh28_test's one scoring (in-sample for that split from here on).
@pytest.mark.parametrize("text", [
    "再不给我重新检查我就打12320",
    "你们不开票我就打一二三六六",
    "社保的事你们不管我就打幺二三三三",
])
def test_health_tax_and_social_security_hotlines_are_threats(text):
    assert_threat(text)


@pytest.mark.parametrize("text", [
    "麻烦转一下你们总经理办公室，我们是供应商，想对接一下采购",
    "我的卡号是一二三六六八八九九",
])
def test_a_title_office_on_business_and_a_number_holding_a_hotline_are_calm(text):
    assert "threat" not in _reasons(text), scan_text(text)


def test_a_title_office_told_to_call_back_still_counts():
    assert "threat" in _reasons("叫你们总经理办公室给我回电话，今天不解决我就投诉")


def test_a_hotline_consulted_for_information_is_calm():
    assert "threat" not in _reasons("我打12345咨询过了，他们说这个证你们这里可以办")


def test_a_hotline_consulted_then_a_complaint_still_counts():
    assert "threat" in _reasons("我打12345咨询过了，你们再不办我就去投诉")
