"""Hundred-and-third pass (``THREAT_PASSES.md`` "Hundred-and-third pass"), **in-sample**: the rule errors of fresh216 …
fresh223's first reading and one rule-level error there that the call model set right.

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, kept_from_the_vetoes


def test_the_version_is_rules_103_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 103


@pytest.mark.parametrize("calm", [
    # a bare 说 after a clause opening with the shop's owner
    "你好，我点的酸菜鱼少了一份米饭。我打电话给商家，老板很凶，说你随便投诉，一份米饭而已。",
    # 他 / 她 + the step in a sentence that opened with someone else's words
    "我朋友跟我说，上次你们师傅把他家墙蹭了，他当时就投诉了。我明天也约了你们，想提醒一下注意墙角。",
    # a withdrawal one short segment after the case named
    "喂 我上回在一二三四五那边提的那个单 停电那个 已经给撤了 电来了 跟你们说一声",
])
def test_calm_roles_read_calm(calm):
    assert_calm(calm)
    assert not alerts(calm, None)


@pytest.mark.parametrize("text", [
    "我安全。房源是古城那家***小院，摄像头我拍照了，也已经报警，派出所做了笔录。",
    "尾号***八 就是个白色得小轿车 我马上就报警 你们赶紧给他打电话让他停车",
])
def test_the_caller_s_police_report_is_kept_from_the_vetoes(text):
    assert any(kept_from_the_vetoes(text, "police"))


@pytest.mark.parametrize("text", [
    "我朋友说他也已经报警了",
    "他说他马上就报警",
])
def test_someone_else_s_police_report_is_not_kept(text):
    assert not any(kept_from_the_vetoes(text, "police"))
