"""Hundred-and-nineteenth pass (``THREAT_PASSES.md`` "Hundred-and-nineteenth pass"), **in-sample**: the rule errors of fresh336
… fresh343's first reading (the first sets read on rules-118 and the 0.595 threshold), and fresh318's hotline before 两边.

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_threat


def test_the_version_is_rules_119_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 119


@pytest.mark.parametrize("threat", [
    # 不管 + a wh-word concedes, it does not ask
    "我丑话说在前头 这车再挡着我 我是会报警的 我不管他是谁的车 这都第二回了",
    "再不退钱我就去消协，不管你们是什么大公司。",
    # 必须 is the intention, the morning is the ride's
    "今天早上那个司机我必须投诉，从机场到酒店绕了一大圈，多收了四十多块。",
    # the body to be asked how the company runs things
    "下次还这样，我就打电话到卫健委问问你们怎么管的。",
    # a word opened by 一 / 两 after the spoken hotline is no digit of it
    "喂 俺们这一片停水三天了 我一会就打幺二三四五 一桶水都扛不上楼",
    "我现在挂了电话就打一二三四五 两边推了一个月了",
])
def test_the_caller_s_steps_read_as_threats(threat):
    assert_threat(threat)
    assert alerts(threat, None)


def test_a_relative_s_angry_words_passed_on_stay_calm():
    calm = "我父亲一个人在家，刚才打电话给我，气得说要投诉你们。我跟他说可能是检修，我先打过来问问。"
    assert not alerts(calm, None)


@pytest.mark.parametrize("calm", [
    # the procedure asked at the hotline itself
    "我想打幺二三四五问问一般怎么投诉物业",
    # a number read out with a word after it
    "验证码是幺二三四五 一会儿我再发你",
])
def test_procedure_and_numbers_stay_calm(calm):
    assert not alerts(calm, None)
