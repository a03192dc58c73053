"""Eighty-fifth pass (``THREAT_PASSES.md`` "Eighty-fifth pass"), **in-sample**: fresh137's calm call c137-050, scored once this
stop before the pass — a step told as done at an outside body, the matter settled, and the case it opened withdrawn in the
next sentence (我上个月打市长热线反映过…现在水很好。那个单子我想撤了).

The first sentence is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION, scan_text
from tests.analyzers.threat_probes import alerts, assert_threat


def test_the_version_is_rules_85_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 85


@pytest.mark.parametrize("text", [
    "我上个月打市长热线反映过我们楼水压低，你们已经装了加压泵，现在水很好。那个单子我想撤了，你们这边能办吗？",
    "我前天打幺二三幺五反映过这个事，现在东西已经换了。那个工单我一会儿就撤销。",
])
def test_a_case_told_as_done_and_withdrawn_later_is_no_threat(text):
    assert [h.reason for h in scan_text(text)][0] == "withdrawn"
    assert not alerts(text, None)


@pytest.mark.parametrize("text", [
    "我要去12345投诉。单子我想撤了",  # the order cancelled, the announced step stands
    "我打过12345了，工单我不会撤的",  # the withdrawal refused
    "我打过12345了，那个工单撤了吗",  # asked
])
def test_an_announced_step_or_a_withdrawal_refused_or_asked_stays_a_threat(text):
    assert_threat(text)
