"""Seventy-sixth pass (``THREAT_PASSES.md`` "Seventy-sixth pass"), **in-sample**: the rule errors of ``fresh114`` and
``fresh115`` (health, insurance and education lines), scored once this stop before the pass.

- the company's superior named first, then the caller's firm intention to see them (今天你们院长我是一定要见的) — not someone met
  (你们院长我见过);
- a body named as the one in charge (归药监局管还是归市场监管局管) is not a body turned to.

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat, reasons


def test_the_version_is_rules_76_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 76


@pytest.mark.parametrize("text", ["嗯 我把话撂这 今天你们院长我是一定要见的", "你们经理我今天必须见到"])
def test_a_superior_named_first_with_a_firm_intention_is_a_threat(text):
    assert_threat(text)
    assert alerts(text, None)


def test_a_superior_met_before_is_no_threat():
    assert "threat" not in reasons("你们院长我见过 人挺好的")


@pytest.mark.parametrize("text", [
    "喂 想问一下 药品质量的问题 一般是归药监局管还是归市场监管局管",
    "这种事是不是由消费者协会负责的？",
])
def test_a_body_named_as_in_charge_is_no_threat(text):
    assert_calm(text)
    assert not alerts(text, None)


def test_a_step_after_naming_the_body_in_charge_stays_a_threat():
    assert_threat("这事归市场监管局管 我这就去市场监管局举报")
