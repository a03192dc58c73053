"""Eighty-sixth pass (``THREAT_PASSES.md`` "Eighty-sixth pass"), **in-sample**: the rule errors of ``fresh138`` and
``fresh139``, scored once this stop before the pass, and a gap found while writing the eighty-fourth pass's probes.

- materials handed up to a court addressed with 向 are a case filed, not an errand (我已经向法院递交材料了);
- a cancellation in the passive is someone else's act, not the complaint withdrawn, even when an unpunctuated ASR clause
  runs on to it (我要投诉 … 他说我的单子被取消了);
- 早就 in someone else's step told as done (其他业主早就去住建局投诉了).

The first sentence of the first two groups is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION, scan_text
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat


def test_the_version_is_rules_86_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 86


@pytest.mark.parametrize("text", [
    "我已经向法院递交材料了，今天打电话是想要一下当时的检测报告。",
    "我要投诉 就是我在你们上面订的那个***酒店 今天晚上的 我人都倒前台了 他说我的单子被取消了 没有房了",
    "我要举报 我的订单莫名其妙被取消了",
])
def test_a_case_filed_and_a_complaint_beside_someone_elses_cancellation_are_threats(text):
    assert_threat(text)
    assert alerts(text, None)


@pytest.mark.parametrize("text", [
    "其他业主早就去住建局投诉了，我就问问维修基金的事",
    "邻居早就打12345了，我家倒还好",
])
def test_someone_elses_step_told_as_done_long_ago_is_reported(text):
    assert_calm(text)
    assert not alerts(text, None)


@pytest.mark.parametrize("text, reason", [
    ("帮我老婆去派出所递交材料", "place"),  # an errand: 去, not 向
    ("我投诉的那个单子取消了", "withdrawn"),  # the caller's own cancellation
])
def test_an_errand_and_the_callers_own_withdrawal_keep_their_reading(text, reason):
    assert [h.reason for h in scan_text(text)] == [reason]
