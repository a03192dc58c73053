"""Hundred-and-eleventh pass (``THREAT_PASSES.md`` "Hundred-and-eleventh pass"), **in-sample**: the rule errors of fresh280 …
fresh287's first reading and the threats there that only the call model found.

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat, reasons


def test_the_version_is_rules_111_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 111


@pytest.mark.parametrize("threat", [
    # a time of day, then 就去: the plan's time, not a complaint made before
    "这肯定是哪里泄露了 我先说好 那几个号码我都记下来了 今天下午就去举报 嗯 你们也得查查我的资料到底谁看过",
    "明天上午我就去投诉",
    # the threats only the call model found: a review on every platform, a post on a platform told as done
    "我先给你们打个预防针，这次住宿我一定在每个平台都给差评。房间空调根本不制冷，床单上还有头发。",
    "对，归还的时候我还拍了照。这事我已经在小红书上发了帖子，底下好多人说遇到一样的情况。",
])
def test_the_caller_s_plans_read_as_threats(threat):
    assert_threat(threat)
    assert alerts(threat, None)


@pytest.mark.parametrize("calm", [
    # a third person's plan
    "你好，私教课能转给别人吗？我同事那家健身房不让转，他正准备找律师。",
    # the caller's own goods the target of a supposed report
    "你好，我是新来的卖家，想了解一下，买家要是举报我的商品，平台一般怎么处理？",
    # someone else's step, declined by the caller with 让他
    "昨天我在商场刷卡被拒了两次，挺尴尬的。我先生听说以后很生气，说要投诉你们，我让他先别急，我先打来问问。",
    # complaints in the list of services one line takes
    "喂 俺刚班来 想问问你们这物业 报修 缴费 投诉都是打这一个号不",
    # how the procedure usually goes, asked
    "你好，想问一下，一般在你们平台投诉一个商家，多久会有处理结果？我就是了解一下。",
    # a complaint to the company told as submitted, followed up
    "你好，我上周五就商家卖临期酸奶的事提交过一个投诉，说三个工作日内回复，今天都周四了还没消息。",
    # a court as a landmark, 正对面
    "手机尾号四四幺七 驿站叫***便民驿站 就在法院正对面",
])
def test_others_plans_suppositions_lists_and_follow_ups_stay_calm(calm):
    assert_calm(calm)
    assert not alerts(calm)


@pytest.mark.parametrize("text", [
    # complaints submitted at a body stay steps
    "流程走了两个月。上周我已经向银保监会提交了投诉，今天打来是跟你们说一声。",
    "贴个公告就算数？区发改委那边我已经交了举报材料，等他们来查吧。",
])
def test_a_complaint_submitted_at_a_body_is_still_a_step(text):
    assert "threat" in reasons(text)


def test_a_past_complaint_with_just_is_still_told_as_made():
    assert "threat" not in reasons("我上周就去投诉了，到现在也没人管")
