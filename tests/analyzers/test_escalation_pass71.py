"""Seventy-first pass (``THREAT_PASSES.md`` "Seventy-first pass"), **in-sample**: the rule errors of ``fresh104`` and
``fresh105`` (young callers in online slang), scored once this stop before the pass.

- the platform named first, then the caller's own announced video, post or article (B站我要发个视频吐槽你们,
  知乎上我会写一篇长文) — not praise (小红书我要发个笔记推荐你们家);
- a post on a local board (不行我就去本地贴吧发帖);
- a blogger's or streamer's exposure told (说有博主要在B站曝光你们乱扣费): someone else's step;
- an escalation request the caller says may be withdrawn now (我让你们转给上级处理的那个工单，可以撤了).

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat, reasons


def test_the_version_is_rules_71_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 71


@pytest.mark.parametrize("text", [
    "B站我要发个视频吐槽你们 这认证就是故意卡学生优惠吧",
    "知乎上我会写一篇长文，把你们门店办卡时怎么忽悠学生的全写出来。",
    "一张券就想打发我？处理结果我会盯着，不行我就去本地贴吧发帖，让大家都知道。",
    "小红书上 我今晚就写个避雷帖",
])
def test_a_post_announced_on_a_platform_named_first_or_local_is_a_threat(text):
    assert_threat(text)
    assert alerts(text, None)


def test_a_post_to_praise_on_a_platform_named_first_is_no_threat():
    assert "threat" not in reasons("小红书我要发个笔记推荐你们家，服务太好了")


@pytest.mark.parametrize("text", [
    "我男朋友刷到个帖子，说有博主要在B站曝光你们乱扣费，我想查查我的账单。",
    "听说有个up主要在抖音曝光你们 是真的吗",
])
def test_a_bloggers_exposure_told_is_someone_elses_step(text):
    assert_calm(text)
    assert not alerts(text, None)


def test_the_callers_own_exposure_on_a_platform_stays_a_threat():
    assert_threat("我要在B站曝光你们")


@pytest.mark.parametrize("text", [
    "昨天我让你们转给上级处理的那个工单，可以撤了，装备已经找回来了。",
    "上周找你们领导的那个投诉 现在可以撤销了 问题解决了",
])
def test_an_escalation_the_caller_says_may_be_withdrawn_is_no_threat(text):
    assert_calm(text)
    assert not alerts(text, None)


def test_asking_whether_it_may_be_withdrawn_is_not_a_withdrawal():
    assert_threat("我要找你们领导投诉，可以撤了吗？不可能")
