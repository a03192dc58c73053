"""Hundred-and-tenth pass (``THREAT_PASSES.md`` "Hundred-and-tenth pass"), **in-sample**: the errors of fresh272 …
fresh279's first reading and the threats there that only the call model found.

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION, scan_text
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat, kept_from_the_vetoes


def test_the_version_is_rules_110_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 110


@pytest.mark.parametrize("threat", [
    # a post told as done, 了 between the verb and the platform
    "是的。我要求退一半的钱。这家店我已经发了微博，把经过和时长截图都贴上去了。",
    "喂 我刚发了小红书 把你们那个司机绕路的接图都放上去了 本来二十块的路跑了六十",
    # the platform first, an adverb before the post told as done
    "喂 我在小红书上已经发了帖子了 把你们拒陪的通知书也贴上去了 今天打过来就是想再问一遍",
    # the material put up 往 + the platform
    "我家门口的监控都拍着呢 我跟你讲 这个视频往抖音上一发 你们自己想想是什么后果",
    # the case handed up to headquarters to decide
    "报案号****5530。你们这边要是给不出依据，这个案子我要交给你们总部去定，分公司说了不算。",
    # two titles joined in the 把 … 叫来 demand
    "你把你们经理或者领导叫来接电话，这个事我跟你们说了三遍了。",
    "把你们店长和经理给我叫过来",
    # the body named first, the caller's step there told as done
    "墙都是那种板子 楼道里全是电线 住建局那边我下午已经报上去了 他们说明天派人过来 我今天晚上是不敢住了",
    "消协那边我昨天已经投诉了",
    # a pressing tag after the step asks nothing
    "我要让这家店上新闻 你知道吗 我点的那个轻食沙啦 打开盖子里面有一只活的虫子在爬",
    "再不退钱我就去告你们，听到没有",
    # the caller's answer to what they said, after a pause
    "对 就是要退 剩下的十八节 他们说不能退 那就让他们等着收法院传票吧",
    # 非 … 不可 before a review
    "喂 你看着吧 这家饺子店我非给它一个差评不可 吃出来一块塑料片",
    "这个骑手我非得给他一个差评",
])
def test_the_caller_s_steps_read_as_threats(threat):
    assert_threat(threat)
    assert alerts(threat, None)


@pytest.mark.parametrize("calm", [
    # the company asked to post proof of its work for the caller to check
    "修好了拍个照片发业主群里，我看看。",
    # a customer's complaint as a shop owner's supposition, its handling asked
    "你好，我是三楼新开的奶茶店，想了解一下，如果顾客在商场这边投诉了，一般是怎么处理的？",
    # the police station as the spot a courier is sent to
    "尾号幺***三 你让他到派出所门口给我打电话 我下楼去接",
])
def test_proof_suppositions_and_spots_stay_calm(calm):
    assert_calm(calm)
    assert not alerts(calm)


@pytest.mark.parametrize("text", [
    # STC3: a post of the day told in passing, nothing to do with the company's failure
    "在国内订购了一个20元包50M的漫游香港上网流量,25日当天漫游上网,发了条微博,上了下某信某Q",
    "今天发了条微博,其实根本没啥运营商的事儿",
])
def test_a_post_of_the_day_is_no_threat(text):
    assert not any(h.threat for h in scan_text(text))


def test_a_review_announced_whatever_happens_is_kept_from_the_vetoes():
    text = "我先说一句，今天这个师傅就算下午来了装好了，我也会在app上给他打差评，你先帮我问问他下午还能不能来。"
    assert kept_from_the_vetoes(text, "review") == [True]
    assert kept_from_the_vetoes("我会给他打差评", "review") == [False]


def test_a_polite_request_to_escalate_is_kept_from_the_vetoes():
    text = "昨天问了在线客服，说让我等，等了一天还是没退。请你帮我升级处理。"
    assert kept_from_the_vetoes(text, "superior") == [True]
