"""Seventy-ninth pass (``THREAT_PASSES.md`` "Seventy-ninth pass"), **in-sample**: the rule errors of ``fresh120`` and
``fresh121`` (the Meituan phone register), scored once this stop before the pass.

- the line for complaints asked about (你们报修和投诉是不是都打这个号);
- customers' complaints on the platform, asked about by a merchant (如果顾客在平台上投诉我们店 你们一般都是怎么处理的);
- a complaint already lodged with the company itself and followed up (给你们客服提了一个投诉，…想看一下商家那边是怎么回复的) — one
  lodged at a regulator (我已经向市场监管局提了一个投诉) stays a step taken.

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat


def test_the_version_is_rules_79_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 79


@pytest.mark.parametrize("text", [
    "喂 你好 我在给我爸妈做一张常用电话卡 想问下你们报修和投诉是不是都打这个号",
    "喂 你好 我是新开的一家粥店 想了解一下 如果顾客在平台上投诉我们店 你们一般都是怎么处理的 会扣分吗",
    "你好，我前天打过电话，给你们客服提了一个投诉，就是粥里有虫子的那个，想看一下商家那边是怎么回复的。",
])
def test_a_line_asked_about_others_complaints_and_a_follow_up_are_no_threat(text):
    assert_calm(text)
    assert not alerts(text, None)


@pytest.mark.parametrize("text", ["我要在平台上投诉这家店", "我已经向市场监管局提了一个投诉", "我要给你们客服提一个投诉"])
def test_the_callers_own_complaint_stays_a_threat(text):
    assert_threat(text)
