"""Hundred-and-twenty-first pass (``THREAT_PASSES.md`` "Hundred-and-twenty-first pass"), **in-sample**: fresh352 … fresh359's
threat miss at first reading (the first sets read on rules-120) and two threats there that only the call model found.

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_threat, reasons


def test_the_version_is_rules_121_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 121


@pytest.mark.parametrize("threat", [
    # a journalist friend enlisted to write a report
    "我提前跟你说一声，我同学是跑民生新闻的记者，这种加价套路我会找他写篇报道。",
    # headquarters phoned with no 你们 before it
    "你们再催不动 我可直接打总部了 嗯 明天上午家里有人",
    # the driver asking a price to return the phone, the police called about him
    "喂 我已经打幺幺零了 民警马上过来 就是我刚才打车把手机落在车上了 我用朋友手机打那个司机电话 他接了说要两百块才给送回来",
])
def test_the_caller_s_steps_read_as_threats(threat):
    assert_threat(threat)
    assert alerts(threat, None)


@pytest.mark.parametrize("calm", [
    "我昨天直接打总部问过了，他们说让我找门店。",
    "总部的地址在哪，我想寄个样品过去。",
])
def test_headquarters_asked_or_called_before_stay_calm(calm):
    assert "threat" not in reasons(calm)
    assert not alerts(calm, None)
