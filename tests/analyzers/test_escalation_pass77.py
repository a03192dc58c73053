"""Seventy-seventh pass (``THREAT_PASSES.md`` "Seventy-seventh pass"), **in-sample**: the rule error of ``fresh117``
(angry callers in rhetorical questions), scored once this stop before the pass.

- someone else's step with 一 (as soon as) before it (凭什么顾客一投诉，你们就扣我两百保证金) — the caller's own (我一投诉你们就知道
  厉害了) stays a threat;
- the steps of the complaint procedure asked about (投诉要经过哪几步，你给我讲清楚).

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat


def test_the_version_is_rules_77_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 77


@pytest.mark.parametrize("text", [
    "我是东街那家面馆的老板。凭什么顾客一投诉，你们就扣我两百保证金？",
    "核实？你们到底怎么核实的？投诉要经过哪几步，你给我讲清楚。",
    "有人一举报你们就封店吗",
])
def test_someone_elses_step_and_the_procedure_asked_are_no_threat(text):
    assert_calm(text)
    assert not alerts(text, None)


def test_the_callers_own_step_with_yi_stays_a_threat():
    assert_threat("我一投诉你们就知道厉害了")
