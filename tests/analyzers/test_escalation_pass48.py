"""Forty-eighth pass (``THREAT_PASSES.md`` "Forty-eighth pass"), read as general frames, **in-sample**: the three errors of
``fresh68``, scored once this stop before the pass.

- 这就 ("right now") marks the caller's own step after someone else's words, as 就 and 马上 do (你们也说明天 我这就打幺二三四五);
- 投述: 述 (shu) heard for 诉 (su), a caller who merges the flat and the retroflex sibilant;
- 都 / 也 / 还 between the caller and a plan that did not happen (本来我都打算打12315了).

The first sentence of each group is the fresh68 call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat, reasons


def test_the_version_is_rules_48_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 48


@pytest.mark.parametrize("text", [
    "昨天你们也说明天 嗯 我这就打幺二三四五 让市里来问问你们",
    "你们说明天 我这就去投诉",
    "喂 我是八零六的 那个前台什么态度 我要投述她 你把她工号给我",
    "再不给我处理我就投述你们",
])
def test_a_step_now_and_a_flat_tongue_slip_read_as_threats(text):
    assert_threat(text)
    assert alerts(text, None) and alerts(text)


@pytest.mark.parametrize("text", [
    "我那笔退费今天终于到账了。说实话，本来我都打算打12315了，既然钱退了，那就算了。",
    "原本我也准备去消协的，后来商家主动赔了",
    "差点我都报警了",
])
def test_a_plan_with_du_or_ye_that_did_not_happen_is_no_step(text):
    assert_calm(text)
    assert not alerts(text, None) and not alerts(text)


def test_someone_elses_step_now_stays_theirs():
    assert "threat" not in reasons("他说他这就去投诉")
