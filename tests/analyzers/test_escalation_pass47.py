"""Forty-seventh pass (``THREAT_PASSES.md`` "Forty-seventh pass"), read as general frames, **in-sample**: the five threat
calls of the held-out halves that no setting alerted on, each scored once at an earlier stop.

- the petitions office written with one slip of the same sound (信方局), 局 / 办 written right;
- a summons arriving, told to the company as a warning (法院传票到了别说我没提醒你们);
- a post written on an app or a forum named by its own name (在掌上江城app上发帖);
- an outside body that says it recorded the case (市长热线 他们说 记下了): the caller's complaint lodged;
- the police line dialled by its number (打幺幺零, 拨110).

The first sentence of each group is the held-out call's (fresh51, fresh56, fresh60, fresh60, fresh61); the others were
written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION, detect_threats
from tests.analyzers.threat_probes import alerts, assert_threat, call, reasons


def test_the_version_is_rules_47_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 47


@pytest.mark.parametrize("text", [
    "登记登记每次都登记我明天就去那个信方局那儿坐着去",
    "再不修我就去区信放办反映",
    "核查 就 核查 后果 你们 自己 掂量 法院 传票 到了 别说 我 没 提醒 你们",
    "律师函一到别怪我没提醒你们",
    "过去有什么用 我现在正在那个 掌上江城 app 上发帖 照片视频全传上去 标题就写锦苑物业拿人命不当回事",
    "我在小区业主论坛上发个帖子 让大家看看你们物业",
    "市长热线 他们说 记下了 让我再跟你们 沟通一次",
    "我打了12345 他们说已经受理了",
    "半个小时之内要是联系不上他 我就打幺幺零 说他偷我东西",
    "再不开门我就拨110",
])
def test_each_frame_reads_as_a_threat(text):
    assert_threat(text)
    assert alerts(text, None) and alerts(text)


@pytest.mark.parametrize("text", [
    "我发短信方便吗",               # 信访 alone keeps out of the slip reading (短信方便)
    "我收到法院传票了 怎么办",        # a summons the caller received, no warning
    "我在论坛上发帖问了一下",          # a post asking
    "我在你们app上发帖求助过",         # a post seeking help
    "我上次在论坛发帖推荐过你们",       # praise
    "我打了12345 他们说让我找你们",     # the body sent the caller here: stays reported
    "我的电话是一三幺幺零二八八",        # 110 inside a longer number
])
def test_the_contrasts_stay_calm(text):
    assert "threat" not in reasons(text)
    assert not alerts(text, None)


def test_the_lodged_case_is_read_across_the_callers_two_turns():
    conversation = call(("A", "喂 你好 清源自来水"), ("C", "我们小区 停水 三天了 一个通知都没有 我刚挂了一个电话 就是市里那个"),
                        ("A", "嗯 您说"), ("C", "市长热线 他们说 记下了 让我再跟你们 沟通一次"))
    hits = [h for h in detect_threats(conversation, None) if h.threat]
    assert [(h.utterance, h.category) for h in hits] == [(3, "hotline")]
