"""Hundred-and-twelfth pass (``THREAT_PASSES.md`` "Hundred-and-twelfth pass"), **in-sample**: the errors of fresh288 …
fresh295's first reading and the threats there that only the call model found.

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat, kept_from_the_vetoes


def test_the_version_is_rules_112_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 112


@pytest.mark.parametrize("threat", [
    # a review declared unavoidable
    "不是打扫的事 不给我换房间的话差评是跑不了的 我订的是大床房又不是这种",
    # what the caller does first, then 就去; a question later in the turn does not govern it
    "嗯 你先帮我把卡冻上 我挂了电话就去报警 那个三笔是什么地方刷的你也给我说一下 我好跟人家说清楚",
    # a department between 你们 and the title
    "这个人我不想再跟他说了，请你把你们理赔部门的经理叫过来跟我谈。",
    "这次请直接把电话转给你们招生办的领导，我要跟他说清楚。",
    # the material appearing on the caller's account; a post written and ready; a reporter friend
    "催了三回了。今天下班前还没个准信，这张运单截图就会出现在我的微博上。",
    "对，房东还说海景要去楼顶天台看。我要换房或者退差价。小红书的笔记我已经写好了，今晚就发出去。",
    "***6621。你们记着，我朋友就是晚报的记者，我会让她把这事报出来。钱什么时候退？",
    # the matter's material handed to a regulator
    "维修基金的账一直不公开，这事我要往住建局递材料。电梯什么时候能修好？",
    # evidence the caller firmly means to send to a regulator
    "你们不给个说法，我是会把录音整理好寄给银保监会的，我也不想闹到那一步。",
    # a body named first, the caller's step there told done with 过 or by 我们
    "新老板说不认以前的卡 消费者协会那边我昨天去过了 材料都交了 他们说会联系你们",
    "好多了 就是说 卫健委那边我们已经打电话过去了 他们说会来取样",
])
def test_the_caller_s_steps_read_as_threats(threat):
    assert_threat(threat)
    assert alerts(threat, None)


def test_where_the_complaint_entry_is_asked_stays_calm():
    calm = "你好，我想问个事儿：在app里面投诉是从哪里进的？我在“我的”页面里翻了半天也没找到。"
    assert_calm(calm)
    assert not alerts(calm)


def test_an_unavoidable_review_is_kept_from_the_vetoes():
    assert kept_from_the_vetoes("不给我换房间的话差评是跑不了的", "review") == [True]


def test_an_errand_at_a_bureau_stays_a_place():
    assert not alerts("我下午要往住建局递材料，办房产证的", None)
