"""Hundred-and-sixteenth pass (``THREAT_PASSES.md`` "Hundred-and-sixteenth pass"), **in-sample**: the rule errors of fresh320
… fresh327's first reading, and a planned live stream of fresh18_test's that the risk probability alone had carried.

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat, reasons


def test_the_version_is_rules_116_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 116


@pytest.mark.parametrize("threat", [
    # a review written on the platform's page, as a condition
    "我要的是退钱。不退的话我就在你们平台页面写差评，补票我用不上。",
    "再不发货 我就去你们店铺主页写差评",
    # a live stream planned to show everyone
    "修复不了我明天就去你们门店门口开直播让大家看看",
    "你们今天不给个说法，我马上就在店里开个直播，让网友都评评理。",
])
def test_the_caller_s_steps_read_as_threats(threat):
    assert_threat(threat)
    assert alerts(threat, None)


@pytest.mark.parametrize("calm", [
    # how long a report usually takes, the object of the step before 一般
    "那个我问一下 你们平台举报一个卖家一般要几天出节果啊 我就了解一下",
    # the purpose of the call denied with the bare 不为
    "喂 你好 我打这个电话不为投诉 就想问问俺家暖气片最上面那个小发门 放气是往左拧还是往右拧",
    # the platform's own help as the first half of the alternative, the body the second
    "签约以后要是跟房东有纠纷，一般是你们平台出面协调，还是要去找住建局？我先了解清楚。",
    # what the procedure is, 是个什么流程
    "喂 你好 我想问一下啊 就是说在你们凭台上 如果想投诉一个商家 一般是个什么流程 要多久有结果",
])
def test_questions_and_denials_stay_calm(calm):
    assert_calm(calm)
    assert not alerts(calm, None)


def test_a_stream_that_shows_a_product_is_no_cue():
    text = "我今晚要开直播让粉丝看看你们家新款，能先寄个样品吗"
    assert "threat" not in reasons(text)
    assert not alerts(text, None)
