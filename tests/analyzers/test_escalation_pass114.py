"""Hundred-and-fourteenth pass (``THREAT_PASSES.md`` "Hundred-and-fourteenth pass"), **in-sample**: the rule errors of
fresh304 … fresh311's first reading (the calm hit the call model set aside included).

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, reasons


def test_the_version_is_rules_114_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 114


@pytest.mark.parametrize("calm", [
    # the caller's side (我们, then a pause) the target of a supposed complaint
    "喂 你好 我是***小吃的老板 刚开店 就是想了解一下 要是故客投诉我们 你们平台一般是怎么处理的 会扣分吗",
    # the channel asked with 走
    "想问一下员工对理赔结果有异议的话，投诉是走哪个渠道？",
    # the procedure of an escalation asked
    "我顺便问问，你们这边升级处理一般都是怎么个流程，要多久？",
])
def test_targets_channels_and_procedures_stay_calm(calm):
    assert_calm(calm)
    assert not alerts(calm, None)


@pytest.mark.parametrize("text", [
    # the caller's own complaint about their own side stays a step
    "我要投诉我们小区的物业",
    "再不处理我就投诉，我们已经等了三天了",
])
def test_the_caller_s_own_complaints_stay_steps(text):
    assert "threat" in reasons(text)
