"""Hundred-and-seventh pass (``THREAT_PASSES.md`` "Hundred-and-seventh pass"), **in-sample**: the errors of fresh248 …
fresh255's first reading and the two threats there that only the call model found.

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat


def test_the_version_is_rules_107_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 107


@pytest.mark.parametrize("threat", [
    # a lawsuit told as done, then a question about something else
    "喂 那个 俺已经把你们告到法院了 立了案了 今天打电话就是问问 俺家门口那个电梯到底啥时候修",
    # the window no longer cuts 跟 off 我跟他说 (the caller speaking, not the driver)
    "喂 你好 就是我刚才打的那个车 司机绕了一大圈 本来二十多块的路收了我六十八 我跟他说他还兄我 这个事我一会儿就打一二三四五反映",
    "免息还收手续费 那不就是换了个说法嘛 我先跟你讲清楚 这种话术我是会录个视频发到抖音上的",
    # the caller's order after a condition on the agent, whatever was reported before
    "喂 我停在你们负二层的车被刮了 保安说不归他们管 你要也这么说就叫你们领导来跟我讲 监控总有吧",
])
def test_the_caller_s_steps_read_as_threats(threat):
    assert_threat(threat)
    assert alerts(threat, None)


@pytest.mark.parametrize("calm", [
    # the alternative over a comma with 走 in both halves
    "我想先了解一下，你们这边丢件一般是走理赔，还是走投诉的流程？两种有什么不一样？",
    # the channel asked
    "喂 你好 我刚申请了你们的卡 还没下来 就是想先了解一下 以后用卡要是遇到问题 投诉一般走哪个渠道 多久给回复 我就是先问问心里有个底",
    # a line thrown by the driver, quoted
    "司机嫌我行李多，下车时还甩了一句“你去投诉吧，我不在乎”。",
    "店员撂下一句“有本事你去告啊”，就走了。",
])
def test_questions_and_lines_thrown_stay_calm(calm):
    assert_calm(calm)
    assert not alerts(calm)


@pytest.mark.parametrize("text", [
    "我要投诉，就是问问你们怎么处理",  # a step, then a question about it: still a threat
    "我跟他说“我要投诉你们”",  # the caller telling them, quoted
])
def test_the_caller_s_own_words_still_count(text):
    assert_threat(text)
