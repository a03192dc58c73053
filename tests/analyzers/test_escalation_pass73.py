"""Seventy-third pass (``THREAT_PASSES.md`` "Seventy-third pass"), **in-sample**: the rule errors of ``fresh108`` and
``fresh109``, scored once this stop before the pass.

- the case handed to someone with the authority, and the agent told to pass it up because they cannot decide
  (你没权限就往上升级，交给能做主的人处理) — not a plan upgraded (我想把套餐往上升级);
- another worker sent to redo a job (返工可以，换个人来，今天那个我不要了) is not a superior asked for — 换个人来 said to the agent
  who cannot help stays one (你处理不了就换个人来);
- someone else's step with their reason between (骑手跟我讲，有个顾客因为晚了五分钟就举报他).

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat, reasons


def test_the_version_is_rules_73_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 73


@pytest.mark.parametrize("text", [
    "你没权限就往上升级，交给能做主的人处理，今天必须给我个说法。",
    "这个事你们解决不了就往上报",
    "麻烦转给能拍板的人，我等着",
])
def test_the_case_passed_up_to_someone_who_decides_is_a_threat(text):
    assert_threat(text)
    assert alerts(text, None)


def test_a_plan_upgraded_is_no_threat():
    assert "threat" not in reasons("我想把套餐往上升级，看看有没有更快的")


@pytest.mark.parametrize("text", [
    "返工可以，换个人来，今天那个我不要了。",
    "明天再上门的时候换个人来吧 上次那个手脚太慢",
])
def test_another_worker_for_the_job_is_not_a_superior(text):
    assert_calm(text)
    assert not alerts(text, None)


def test_another_person_demanded_from_an_agent_who_cannot_help_stays_a_threat():
    assert_threat("你处理不了就换个人来")


@pytest.mark.parametrize("text", [
    "我想说件事：今天送餐的骑手跟我讲，有个顾客因为晚了五分钟就举报他，他都快哭了。",
    "邻居因为噪音就打了12345",
])
def test_someone_elses_step_with_their_reason_between_is_reported(text):
    assert_calm(text)
    assert not alerts(text, None)


def test_the_callers_own_step_with_a_reason_stays_a_threat():
    assert_threat("我因为这事要投诉")
