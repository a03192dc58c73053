"""Hundred-and-thirteenth pass (``THREAT_PASSES.md`` "Hundred-and-thirteenth pass"), **in-sample**: the rule errors of fresh296
… fresh303's first reading and the threat there that only the call model found.

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat, reasons


def test_the_version_is_rules_113_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 113


@pytest.mark.parametrize("threat", [
    # a warning not to force a review
    "我是给我爸过生日订的 你们别逼我在点评上给差评啊",
    # the caller's bare 给 with the targets and the verb, after a condition
    "我一点要开会。这单要是十二点半还到不了，我给商家和骑手都打差评，你再帮我催一下。",
    # the whole account written out on a platform
    "我先把话说在前面，这件事再拖，我就在微博上把整个过程原原本本写出来。",
])
def test_the_caller_s_steps_read_as_threats(threat):
    assert_threat(threat)
    assert alerts(threat, None)


@pytest.mark.parametrize("calm", [
    # the company's line for handling complaints asked
    "想问一下，你们银行有没有专门受理投诉的电话，还是就打这个客服号码？老人们分不太清。",
    # each service's line asked
    "我是刚搬来的租户，想把常用电话记一下，报修和投诉各是打哪个号码？",
])
def test_lines_asked_about_stay_calm(calm):
    assert_calm(calm)
    assert not alerts(calm)


@pytest.mark.parametrize("text", [
    # 给你们 / 给他 stay intention words, whatever follows the review
    "你们要是不把多扣的钱退回来 我在点评上给你们停车场打差评 以后也不来了",
    "今天下午之前再不给我换我就给你们这个站点差评",
])
def test_a_review_for_the_company_stays_a_threat(text):
    assert "threat" in reasons(text)


def test_a_bare_review_told_from_the_past_stays_told():
    assert "threat" not in reasons("上次我给商家和骑手都打差评以后，他们就来电话了")
