"""Hundredth pass (``THREAT_PASSES.md`` "Hundredth pass"), **in-sample**: the rule errors of fresh192 … fresh199's first
reading, one rule miss there that only the call model caught, and one left from stop 36 (我陪我妈去市场监管局举报你们).

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat


def test_the_version_is_rules_100_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 100


@pytest.mark.parametrize("calm", [
    # the complaint needs no more handling (在 the recogniser's 再)
    "喂 你好 我跟你们说一下 之前那个投诉帮我撤了吧 就是我那个宠物医院的团购 商家后来给我退了 也跟我道歉了 那个投诉就不用在处理了",
    "那个投诉就不用再跟进了",
    # the caller's denial elsewhere in the turn
    "喂 你好 那个 我想问一下 在你们这儿投诉一个骑手 骑手会被罚多少钱啊 我不是要投诉谁 就是我自己也想去跑外卖 先了解了解",
    "你好，我打这个电话不是为了投诉，就是骑手把餐放错楼了，我自己拿回来了。",
    # someone phoned the caller, then their words open with 说
    "刚才骑手给我打电话，说商家嫌他取餐晚了要投诉他，他急得不行，让我帮他说句话。他其实是准时送到的。",
    # someone else's review with the party addressed after 给
    "我表姐说你们上回的司仪迟到，她要去给你们差评。我们这次可别迟到。",
    # a bare 我给 of a review told from the past
    "上次我给差评以后他们就删了",
])
def test_calm_roles_read_calm(calm):
    assert_calm(calm)
    assert not alerts(calm, None)


@pytest.mark.parametrize("threat", [
    "喂 我是***花园五号楼的 昨天晚上回来车开到地库门口 你们保安说我月卡过期了不让进 还把我车轮子给锁了 我跟他说续费了他不听 我昨天晚上以经报警了 民警来了他才开的锁",
    "但是今天这个师傅我给差评 打一分",
    "我要找你们招生办的领导说话。我孩子的录取通知书寄错地址了，到现在没收到。",
    "我陪我妈去市场监管局举报你们",
    "我不是要投诉谁，你们赶紧处理，再不处理就投诉",
    "我本来不想投诉，但是你们这样，投诉！",
])
def test_the_caller_s_steps_read_as_threats(threat):
    assert_threat(threat)
    assert alerts(threat, None)


def test_a_deadline_with_nei_is_a_warning_not_the_loss_s_report():
    from tests.analyzers.threat_probes import GREETING, call, counts_threat

    conversation = call(GREETING, ("C", "喂 我刚下车发现手机落车上了 司机电话关机"), ("A", "请问是什么时候的订单"),
                        ("C", "就二十分钟前 车牌尾号*** 一个小时内不还我 我就报警了 手机里东西很重要"))
    assert counts_threat(conversation, None)
