"""Sixty-seventh pass (``THREAT_PASSES.md`` "Sixty-seventh pass"), **in-sample**: the rule errors of ``fresh96`` and
``fresh97``, scored once this stop before the pass.

- someone's words after their 跟我说 and a pause, addressed to the caller (师傅跟我说，有意见你尽管去投诉);
- a complaint filed at a regulator's own centre (在工信部的电信用户申诉受理中心申诉了);
- the central bank by its name (我昨天已经去人民银行分行投诉了);
- how long escalation handling takes, asked (你们这边升级处理一般要多久);
- a case to be taken back with 给 (报的那个单 想给撤了).

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat


def test_the_version_is_rules_67_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 67


@pytest.mark.parametrize("text", [
    "我上周已经在工信部的电信用户申诉受理中心申诉了，你们怎么到现在都没联系我？",
    "不是我办的 我昨天已经去人民银行分行投诉了 他们让我等通知",
    "我跟你说，你们再不处理我就去投诉。",
])
def test_steps_taken_or_announced_are_threats(text):
    assert_threat(text)
    assert alerts(text, None)


@pytest.mark.parametrize("text", [
    "昨天装柜子的师傅跟我说，有意见你尽管去投诉。我没当回事，就想问尾款怎么付。",
    "问一下，你们这边升级处理一般要多久？上次那个问题已经解决了，我就是好奇。",
    "喂 那个 我家暖气以经热了 谢谢师傅 我前几天打幺二三四五报的那个单 想给撤了",
    "我家住在人民银行宿舍。",
])
def test_words_told_questions_withdrawals_and_places_are_no_threat(text):
    assert_calm(text)
    assert not alerts(text, None)
