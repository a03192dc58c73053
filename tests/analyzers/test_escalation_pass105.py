"""Hundred-and-fifth pass (``THREAT_PASSES.md`` "Hundred-and-fifth pass"), **in-sample**: the four calm rule hits of fresh232 …
fresh239's first reading, and the four labelled calls whose alerts moved away from their label when ``threat-opinion-3``
replaced ``threat-opinion-2`` (rule errors the old opinion had hidden, and steps the new one sets aside).

The first sentence of each group is the blind or labelled call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat, kept_from_the_vetoes


def test_the_version_is_rules_105_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 105


@pytest.mark.parametrize("calm", [
    # the channel asked as an alternative, 是申请 … 还是走
    "我问一下，你们定损要是客户不认可，是申请复核还是走投诉？我的案子还没定损，先了解一下。",
    "想问问退款被拒了是申请复核还是走投诉？",
    # a group the caller serves, in a supposition
    "我刚上线一套房子，想问一下，如果房客投诉卫生问题，你们一般是怎么处理的？",
    "要是乘客投诉我绕路，平台会扣分吗？",
    # how long a complaint takes to be answered, the reply named
    "我想了解一下，持卡人对服务有意见的话一般怎么处理，投诉多久有回复，这些我都要写进比较表里。",
    # households counted, their words
    "喂 俺们楼好几户都说要去住建局反映 俺不管那些 俺就问俺家暖气啥时候能热乎",
    # a product code
    "我要买一个型号是 A12315 的滤芯",
    # a sign to stop at
    "嗯 我穿红衣服 拿着个箱子 你让他看到派出所的牌子就停",
])
def test_questions_suppositions_others_codes_and_landmarks_stay_calm(calm):
    assert_calm(calm)
    assert not alerts(calm)


@pytest.mark.parametrize("threat", [
    # the caller's order opening its own segment, after the company's words
    "喂 我这个事是第四次打了 就是上个月取消的那个酒店订单 说七个工作日退款 现在二十天了还没到 每次你们都说在等等 "
    "让你们上级给我回个电话 我不想再跟客服一遍一遍说了",
    # the caller's own step in a supposition still counts
    "如果你们今天不退，我就投诉到底。",
    # a complaint not answered in time, announced
    "我要投诉你们，多久能给我答复？",
])
def test_the_caller_s_steps_still_read_as_threats(threat):
    assert_threat(threat)
    assert alerts(threat)


def test_a_case_filed_at_a_hotline_told_as_done_is_kept_from_the_vetoes():
    text = "喂 俺那个退休提取交了一个多月了 俺上礼拜以经在一二三四五那立案了 今天就想问问卡在哪儿"
    kept = kept_from_the_vetoes(text, "hotline")
    assert kept and all(kept)
    assert alerts(text)


@pytest.mark.parametrize("text", [
    "他说 让你们领导出来解释",  # a verb of saying before the pause: their words, as before
    "我朋友已经在12345那立案了",  # someone else's case is not the caller's
])
def test_the_new_readings_stop_where_they_should(text):
    assert not any(kept_from_the_vetoes(text, "hotline")) if "12345" in text else not alerts(text, None)
