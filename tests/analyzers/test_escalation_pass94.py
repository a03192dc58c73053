"""Ninety-fourth pass (``THREAT_PASSES.md`` "Ninety-fourth pass"), **in-sample**: the rule errors of ``fresh166`` …
``fresh169``, scored once this stop before the pass.

- a hotline told as called today, then a new question after a pause (我今天上午打了幺二三四五了 你们什么时候派人);
- the company's official account tagged with @ as with 艾特 (我昨天已经发了微博，@了你们的官方账号);
- the agent's offer declined with a light verb (不用弄那个投诉).

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import CHOSEN_OPINION, VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat, reasons


def test_the_version_is_rules_94_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 94


@pytest.mark.parametrize("done", [
    "单号***四 我今天上午打了幺二三四五了 你们什么时候派人",
    "我前两天已经找了消协了 你们打算什么时候给个说法",
])
def test_a_step_told_as_done_today_then_a_new_question(done):
    assert_threat(done)
    assert alerts(done, CHOSEN_OPINION)


@pytest.mark.parametrize("tagged", [
    "我昨天已经发了微博，@了你们的官方账号，把通话时间都写上了，你们先把那通电话的录音调出来听听。",
    "再不处理我就发朋友圈@你们官方微博",
])
def test_the_official_account_tagged_with_at_is_a_post(tagged):
    assert_threat(tagged)
    assert alerts(tagged, CHOSEN_OPINION)


def test_an_account_asked_through_with_at_stays_calm():
    assert "threat" not in reasons("我@你们官方问过了，说让我打这个电话")


@pytest.mark.parametrize("declined", [
    "不用不用 不用弄那个投诉 挖断了也不是你们故意的 嗯 能六点前修好就行",
    "不用搞投诉了，你们尽快修好就行",
])
def test_the_agents_offer_declined_with_a_light_verb(declined):
    assert_calm(declined)
    assert not alerts(declined, None)
