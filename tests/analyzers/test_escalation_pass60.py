"""Sixtieth pass (``THREAT_PASSES.md`` "Sixtieth pass"), **in-sample**: the rule errors of ``fresh82`` and ``fresh83``,
scored once this stop before the pass.

- after someone's words and a pause, the step put first with the caller's own intention right after it
  (上个月你们也说月底 就是 市长热线我今天下午就打);
- the escalation request taken back in the next clause by asking for it (…要求升级给你们主管的那个问题，帮我取消掉吧).

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat


def test_the_version_is_rules_60_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 60


@pytest.mark.parametrize("text", [
    "上个月你们也说月底 就是 市长热线我今天下午就打 我们班好几个家长都等着退钱呢",
    "你们客服上回说三天 结果呢 12345我明天一早就打",
    "我要投诉你们的骑手，帮我取消一下。",
    "我要投诉你们，帮我取消订单吧。",
])
def test_the_callers_own_steps_are_threats(text):
    assert_threat(text)
    assert alerts(text, None)


@pytest.mark.parametrize("text", [
    "你好，我昨天要求升级给你们主管的那个问题，帮我取消掉吧，班主任已经给我调好课了。",
    "前天打12345反映的那个事，麻烦帮我撤一下吧。",
    "他说市长热线我明天就打。",
])
def test_a_request_taken_back_and_words_reported_are_no_threat(text):
    assert_calm(text)
    assert not alerts(text, None)
