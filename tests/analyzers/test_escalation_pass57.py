"""Fifty-seventh pass (``THREAT_PASSES.md`` "Fifty-seventh pass"): two open items of stop 31, read on sentences written for
these tests (no blind set's call).

- a withdrawal refused is no withdrawal: 投诉我是不会撤回的 keeps the step standing, 我撤回投诉 still takes it back;
- a post asking others (我在贴吧发帖问了一下) exposes nobody, where a post announced (我就在小红书上发帖) still does.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat


def test_the_version_is_rules_57_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 57


@pytest.mark.parametrize("text", [
    "你们再不处理 我就投诉 投诉我是不会撤回的",
    "我昨天打了幺二三幺五投诉你们 这个投诉我是不会撤回的",
    "市场监管局那边的投诉我不会撤回的。",
    "我已经去市场监管局投诉了，这个投诉我绝对不撤销。",
])
def test_a_refused_withdrawal_leaves_the_step_standing(text):
    assert_threat(text)
    assert alerts(text, None)


@pytest.mark.parametrize("text", [
    "我上周打了12345投诉你们，后来那个投诉我已经撤回了。",
    "我想撤回投诉，问题已经解决了。",
    "那个12315的投诉我已经撤销了，谢谢你们。",
    "我上午那条不是投诉，只是想问问进度，那个误会的投诉能不能帮我取消？",
])
def test_a_withdrawal_still_takes_the_step_back(text):
    assert_calm(text)
    assert not alerts(text, None)


@pytest.mark.parametrize("text", [
    "我在贴吧发帖问了一下，大家都说要等七个工作日。",
    "我在小红书上发帖问问有没有人遇到过，好像不少人都是这样。",
])
def test_a_post_asking_others_is_no_threat(text):
    assert_calm(text)
    assert not alerts(text, None)


@pytest.mark.parametrize("text", [
    "你们再不退钱，我就在小红书上发帖。",
    "我已经在微博发帖了，问问大家你们这种公司该怎么办。",
])
def test_a_post_announced_or_made_is_still_a_threat(text):
    assert_threat(text)
    assert alerts(text, None)
