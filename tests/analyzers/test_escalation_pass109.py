"""Hundred-and-ninth pass (``THREAT_PASSES.md`` "Hundred-and-ninth pass"), **in-sample**: the errors of fresh264 …
fresh271's first reading and the threat there that only the call model found.

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION, scan_text
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat


def test_the_version_is_rules_109_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 109


@pytest.mark.parametrize("threat", [
    # a post on a platform, the clause closed by 的
    "喂 我那个奶茶 点了四杯 送来就两杯 两边提皮球 我这个视频啊 我丑话说前头 我会发抖音的",
    # the superior of a department, 上级 before the title
    "那个你今天给不了我一个准确的接电时间 我就要找你们营业厅的上级领导 当面问问到底卡在哪",
    # the matter taken up to headquarters
    "预约了还不够，那预约有什么用？我跟你说清楚，这个事我会直接反映到你们银行总部去，支行这么办事不行。",
    # the caller's own call to the hotline, 说过 what the caller told it
    "户号是***幺二 那个我前天已经打了幺二三幺五说过这个事了 人家说会转给你们 我今天打过来就是想问问你们到底怎么说",
])
def test_the_caller_s_steps_read_as_threats(threat):
    assert_threat(threat)
    assert alerts(threat, None)


@pytest.mark.parametrize("calm", [
    # the shop owner's dare, his name heard as 老版
    "喂 你好 我点的那个炸鸡 送来少了一个鸡腿 我打电话给店里 那个老版说 你随便投诉 少就少了 反正我们是按单做的 态度特别冲",
    # complaints named beside feedback, in quotation marks
    "好的。对了，顺便问一下，你们app里“投诉”和“意见反馈”是一个入口吗？我看到两个按钮，不知道有什么区别。",
    # the time limit for handling complaints asked
    "你好，我们公司要选一家搬家公司做年度合作，表格里有一项要填你们的投诉处理时限，一般是多久？",
    # the guide's own withdrawal with 单
    "喂 你们已经把燃气标给我换好了 我今天就去把工商局那个单给撤了 跟你们说一声",
])
def test_dares_channels_and_withdrawals_stay_calm(calm):
    assert_calm(calm)
    assert not alerts(calm)


def test_a_listing_on_a_site_is_still_no_post():
    assert not scan_text("挂在网上的那套房还在吗")
