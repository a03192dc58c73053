"""Sixty-sixth pass (``THREAT_PASSES.md`` "Sixty-sixth pass"), **in-sample**: the rule errors of ``fresh94`` and ``fresh95``,
scored once this stop before the pass.

- 报警 split by 过 / 了 (我已经报过警了，民警让我再跟你们协商一次);
- the caller's own call made for someone (我昨天已经替她打了12345);
- a withdrawal done for someone (那个升级专员的单子帮他撤销吧).

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat


def test_the_version_is_rules_66_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 66


@pytest.mark.parametrize("text", [
    "我已经报过警了，民警让我再跟你们协商一次。",
    "户主叫孙秀兰。我昨天已经替她打了12345，工单都生成了，说是会督办。",
    "我帮他打了12315，人家说会处理。",
])
def test_steps_the_caller_took_are_threats(text):
    assert_threat(text)
    assert alerts(text, None)


def test_a_withdrawal_done_for_someone_is_no_threat():
    text = "你好，我替我舅舅打的。他上周热水器漏水，打电话让你们帮他升级处理，昨天师傅上门修好了，他说那个升级专员的单子帮他撤销吧。"
    assert_calm(text)
    assert not alerts(text, None)

