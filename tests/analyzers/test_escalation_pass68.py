"""Sixty-eighth pass (``THREAT_PASSES.md`` "Sixty-eighth pass"), **in-sample**: the rule errors of ``fresh98`` and
``fresh99`` (calls to a food-delivery and e-commerce platform), scored once this stop before the pass.

- the caller's own step told as done after someone's words and a pause, with the recogniser's 以经 (客服一直说排期 我前天以经打了12345);
- written onto a platform (这个经历我会写到小红书上);
- a review announced with the targets first and 都 after the caller's 我 (商家和骑手我都给差评).

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_threat, reasons


def test_the_version_is_rules_68_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 68


@pytest.mark.parametrize("text", [
    "喂 我上周买的空调到现在没人来装 客服一直说排期 我前天以经打了12345",
    "定单号***幺三 那个 我丑话说在前头 这个经历我会写到小红书上 让大家别买",
    "订单尾号5103。十分钟内还送不到，商家和骑手我都给差评。",
])
def test_steps_told_or_announced_are_threats(text):
    assert_threat(text)
    assert alerts(text, None)


@pytest.mark.parametrize("text", [
    "他们都给差评了，我就不跟着凑热闹了。",
    "我都给差评了，你们还不改。",
    "他说我都给他差评。",
])
def test_reviews_given_or_told_are_no_threat(text):
    assert "threat" not in reasons(text)
