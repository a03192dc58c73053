"""Ninety-sixth pass (``THREAT_PASSES.md`` "Ninety-sixth pass"), **in-sample**: three rule errors of ``fresh174`` …
``fresh177``, scored once this stop before the pass.

- the case's state asked after the complaint named (这个投诉是不是已经结案了): a noun;
- complaints beside 提建议 (投诉和提建议是同一个渠道吗): the channel;
- 分别 / 一般 / 都 before 打哪个号码 (报修 缴费 投诉分别打哪个号码): the procedure asked.

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat


def test_the_version_is_rules_96_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 96


@pytest.mark.parametrize("calm", [
    "你好，我上个月二十号在你们这里投诉过营业厅多收卡费的事，当时说十五个工作日内回复。前两天我收到了退款短信，五十块钱已经到账了，但一直没人回电话，我想确认一下这个投诉是不是已经结案了。",
    "你好，我想先问一下，你们这边投诉和提建议是同一个渠道吗？",
    "就是想问一下你们这边报修 缴费 投诉分别打哪个号码 还是都打这一个",
    "投诉一般打哪个电话",
])
def test_the_case_state_the_channel_and_the_procedure_are_no_threat(calm):
    assert_calm(calm)
    assert not alerts(calm, None)


def test_a_complaint_announced_before_a_question_stays_a_threat():
    assert_threat("再不处理我就投诉，是不是已经没人管了")
