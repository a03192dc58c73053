"""Ninety-third pass (``THREAT_PASSES.md`` "Ninety-third pass"), **in-sample**: the rule error of ``fresh162`` …
``fresh165``, scored once this stop before the pass.

- a body as a landmark with a northern direction word after it (俺家就在市场监管局后头那个家数院: 后头 / 前头 / 后边 / 前边 / 跟前,
  as 后面 already read).

The first sentence is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat


def test_the_version_is_rules_93_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 93


@pytest.mark.parametrize("address", [
    "喂 俺家燃气表坏了 不走字 你们派个人来看看 俺家就在市场监管局后头那个家数院",
    "我住在法院前头那个小区，你们师傅明天几点能到",
])
def test_a_body_as_a_landmark_is_a_place(address):
    assert_calm(address)
    assert not alerts(address, None)


def test_a_complaint_at_the_body_stays_a_threat():
    assert_threat("你们再不修我就去市场监管局后头那个办事大厅投诉")
