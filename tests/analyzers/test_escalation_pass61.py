"""Sixty-first pass (``THREAT_PASSES.md`` "Sixty-first pass"), **in-sample**: the rule errors of ``fresh84`` and ``fresh85``,
scored once this stop before the pass.

- a step told as done, then a pause and a question to the company (我昨天以经去市场监管局举报了 今天就问问你们怎么说);
- how complaints are handled asked, and complaints named beside praise (投诉处理一般几天内回复 · 投诉跟表扬是不是一个入口);
- 咋 (the northern 怎么) in a question (问下用户投诉你们一般咋处理), and 咋回事 as an angry why after a step;
- a review promised with the review first and written (不退的话差评我肯定写).

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat


def test_the_version_is_rules_61_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 61


@pytest.mark.parametrize("text", [
    "喂 你们店卖过期酸奶 我孩子喝了拉肚子 我昨天以经去市场监管局举报了 今天就问问你们怎么说",
    "提醒你一句，不退的话差评我肯定写，还配图。",
    "差评我是一定要写的。",
    "我要投诉你们 咋回事啊 这都第三次了",
])
def test_steps_taken_or_promised_are_threats(text):
    assert_threat(text)
    assert alerts(text, None)


@pytest.mark.parametrize("text", [
    "我在看你们发来的合同，想问一下，投诉处理一般几天内回复？条款里好像写的七天。",
    "喂 我想问一下 你们app里投诉跟表扬是不是一个入口啊 我想表扬一下今天那个司机",
    "喂 我是新开店的商家 问下用户投诉你们一般咋处理",
    "差评我肯定写不了，他们家挺好的。",
])
def test_questions_and_innocent_roles_are_no_threat(text):
    assert_calm(text)
    assert not alerts(text, None)
