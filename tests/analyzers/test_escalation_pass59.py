"""Fifty-ninth pass (``THREAT_PASSES.md`` "Fifty-ninth pass"), **in-sample**: the rule errors of ``fresh80`` and ``fresh81``,
scored once this stop before the pass.

- clauses that open with a bare 说 go on with the words of the person named before them, through what that person did in
  between (刚才有个顾客打电话到店里，说要给我们差评，还说要去投诉);
- a case withdrawn in the clause right after the cue's (之前在消协登记的那个单子，我也已经撤销了).

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat


def test_the_version_is_rules_59_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 59


@pytest.mark.parametrize("text", [
    "你好，我是一家面馆的老板。刚才有个顾客打电话到店里，说要给我们差评，还说要去投诉。",
    "我邻居昨天下午跑到物业那儿，说要打12345，还说要找电视台。",
    "退费我昨天收到了，谢谢。之前在消协登记的那个单子，我也已经撤销了。",
    "上周打12345反映的那个事，我已经撤回了。",
])
def test_someone_elses_words_and_a_case_withdrawn_are_no_threat(text):
    assert_calm(text)
    assert not alerts(text, None)


@pytest.mark.parametrize("text", [
    "我今天打了电话，说要投诉你们。",
    "我已经去消协登记了，你们撤了吗？",
    "我要打12345，我已经撤了一次了，这次不撤。",
])
def test_the_callers_own_steps_stay_threats(text):
    assert_threat(text)
    assert alerts(text, None)
