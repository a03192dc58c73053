"""Fifty-third pass (``THREAT_PASSES.md`` "Fifty-third pass"), read as general frames, **in-sample**: the five errors of
``fresh73`` (talkative callers), scored once this stop before the pass.

- a body's complaint website named by its use (在国家邮政局的申诉网站上把这件事提交了) is the channel used, not a place;
- someone else's words go on with 还说要 (她…说要打幺二三四五投诉你们 还说要找电视台), and a subjectless 说要 right after
  someone else's outburst (我老公一看就火了 说要报警) is theirs; a time before where they said it (她昨天在楼道里说) is read past;
- a complaint withdrawn later in the turn (…提了一个投诉。…那个投诉我已经在平台上撤回了) withdraws its earlier cues;
- a plan dropped once the matter settled may have a longer explanation between the two (…结果早上电来了，物业也解释了…所以我就不打了).

The first sentence of each group is the fresh73 call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat


def test_the_version_is_rules_53_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 53


@pytest.mark.parametrize("text", [
    "我前天已经在国家邮政局的申诉网站上把这件事提交了，受理编号也拿到了。",
    "我已经在市场监管局的投诉平台上把材料交了",
    "他说要投诉你们 我也要去找电视台",          # the caller's own step after someone else's
])
def test_the_callers_own_step_is_a_threat(text):
    assert_threat(text)
    assert alerts(text, None)


@pytest.mark.parametrize("text", [
    "喂 你好 我是七号楼的 我们楼下那个垃圾桶好几天没清了 味道特别大 我对门那个大姐脾气急 她昨天在楼道里说要打幺二三四五投诉你们 "
    "还说要找电视台 我跟她说我先问问物业吧 别闹那么大",
    "喂 你好 我昨天晚上把车停在你们地面停车场 今天早上发现后视镜被人撞坏了 我老公一看就火了 说要报警 还说要找律师 我说你先别急",
    "你好，我上周在12315平台上提了一个投诉。后来商家主动联系我，换了新的。那个投诉我已经在平台上撤回了，想问一下还要确认什么吗？",
    "我本来想今天一早打12345反映一下，结果早上电来了，物业也解释了是变压器烧了，你们半夜抢修的，所以我就不打了。",
])
def test_someone_elses_words_a_later_withdrawal_and_a_settled_plan_are_no_threat(text):
    assert_calm(text)
    assert not alerts(text, None) and not alerts(text)
