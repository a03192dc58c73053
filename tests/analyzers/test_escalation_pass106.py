"""Hundred-and-sixth pass (``THREAT_PASSES.md`` "Hundred-and-sixth pass"), **in-sample**: the four calm rule hits of fresh240 …
fresh247's first reading.

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION, scan_text
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat


def test_the_version_is_rules_106_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 106


@pytest.mark.parametrize("calm", [
    # an earlier call's complaint named as a noun, its queue asked
    "你好，我之前打过你们电话，有个投诉，是关于我们楼下那个电表箱门一直关不上的事，工单号是***。上周四说会有人来修，"
    "我今天下楼看还是老样子，想问一下排到什么时候了。",
    # the complaint named, then the caller wanting it withdrawn in the next clause
    "楼道灯不亮那个投诉，我想撤销了，灯昨天已经修好了。",
    # who handles complaints, asked
    "您好，我是社区网格员，在整理便民手册。请问你们医院的投诉归哪个科室管，电话多少？",
])
def test_earlier_complaints_withdrawals_and_questions_stay_calm(calm):
    assert_calm(calm)
    assert not alerts(calm)


def test_a_husband_talked_to_is_no_bureau():
    text = "那就去掉玻璃险 其他的照旧 你先给我报个价 发到我手机上 我跟我老公商量一下 没问题的话这个礼拜就交"
    assert not scan_text(text)
    assert not alerts(text)


@pytest.mark.parametrize("threat", [
    "我要投诉，这事归哪个部门管？",  # the caller's own step, then the question
    "我已经去公商那边 嗯 就是市监 登记了",  # the bureau's slip still read (thirty-ninth pass)
    "那个投诉我不想撤销了，你们根本没处理。",  # a withdrawal refused
])
def test_the_caller_s_steps_still_read_as_threats(threat):
    assert_threat(threat)
