"""Hundred-and-second pass (``THREAT_PASSES.md`` "Hundred-and-second pass"), **in-sample**: the rule errors of fresh208 …
fresh215's first reading and two rule misses there that only the call model caught.

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat, kept_from_the_vetoes


def test_the_version_is_rules_102_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 102


@pytest.mark.parametrize("calm", [
    # an alternative question after 想问一下, with no question mark
    "喂 你好 我是***小区三号楼的楼长 在给楼里的老人整理一张长用电话的单子 贴在电梯里 想问一下晚上停电了是打你们这个号 还是打一二三四五也可以",
    # a number left off a list
    "那我就写你们这个号 一二三四五就不写了 省得老人家打错",
    # the channel asked after the complaint named
    "喂 你好 我是***公司行政 在整理员工出差用车需知 想问一下员工坐车遇到问题的话 投诉是走app还是打电话",
    # someone told after hearing it
    "孩子说午饭没吃饱，我老公听了说要投诉你们，我觉得没那么严重，先打来问问。",
])
def test_calm_roles_read_calm(calm):
    assert_calm(calm)
    assert not alerts(calm, None)


@pytest.mark.parametrize("threat", [
    "四十八小时都过了 这笔钱是我要交房租的 你帮我把这个事升级处理 别再让我等网点回电了",
    "满五年 我手里的合同复印见上写的就是三年 你们系统里那份是不是后来改过的 我提醒你们啊 这个事我已经约了律师下礼拜去看合同",
    "那你联系 那个水箱上一次洗是什么时候你们得给我个记录 我把丑话说在前面 卫健委那边我会去找 让他们来取水化验",
    "投诉是走app还是打电话我不管，我今天就要投诉你们",
])
def test_the_caller_s_steps_read_as_threats(threat):
    assert_threat(threat)
    assert alerts(threat, None)


def test_the_caller_s_announced_police_report_is_kept_from_the_vetoes():
    kept = kept_from_the_vetoes("我要报警，司机半路把我和孩子赶下车，还骂人。", "police")
    assert kept and all(kept)


@pytest.mark.parametrize("calm", [
    "我约了律师下午帮我看一下租房合同",
    "我家在卫健委那边，离你们网点近吗",
])
def test_a_lawyer_booked_and_a_place_stay_calm_without_a_warning_or_a_step(calm):
    assert not alerts(calm, None)
