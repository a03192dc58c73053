"""Eightieth pass (``THREAT_PASSES.md`` "Eightieth pass"), **in-sample**: the rule errors of ``fresh122`` and ``fresh123``
(bodies and outlets named in plain, spoken and local names), scored once this stop before the pass.

- headquarters' people called for with 把 (那个你把总部的人给我叫来);
- the experience written up as a post and put out (我就把这一晚的经历写成小红书发出去);
- the complaint procedure asked about (你们那个投诉是走哪个流程);
- the second half of a question about which body is in charge (是归区教育局管还是市场监管局管啊);
- others' words with the progressive 在 (群里好多人在说要去区里的住建局);
- a request to the company whose 让 opens the cue, withdrawn later in the turn (上午我让你们升级到主管的那个工单，…帮我撤销吧).

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat


def test_the_version_is_rules_80_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 80


@pytest.mark.parametrize("text", [
    "我都戴了十天了 你们店说不清楚 那个你把总部的人给我叫来",
    "十分钟内还不来修，我就把这一晚的经历写成小红书发出去。",
    "我在说我要去住建局",
])
def test_steps_named_these_ways_are_threats(text):
    assert_threat(text)
    assert alerts(text, None)


@pytest.mark.parametrize("text", [
    "喂 你好 我就问一下啊 假如寄的东西坏了 你们那个投诉是走哪个流程 我先了解了解",
    "喂 老师你好 我就是好奇问一下 你们这种培训机构是归区教育局管还是市场监管局管啊",
    "喂 我是二期的业主 群里好多人在说要去区里的住建局 我就想问问交房到底定在哪天",
    "上午我让你们升级到主管的那个工单，货刚刚已经送到了，帮我撤销吧。",
])
def test_procedure_jurisdiction_others_words_and_a_withdrawal_are_no_threat(text):
    assert_calm(text)
    assert not alerts(text, None)


def test_a_body_that_gets_things_done_stays_a_threat():
    assert_threat("要不还是市场监管局管用 我明天就去市场监管局")
