"""Hundred-and-fourth pass (``THREAT_PASSES.md`` "Hundred-and-fourth pass"), **in-sample**: the errors of fresh224 …
fresh231's first reading and the rule-level errors there that the call model set right.

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat, kept_from_the_vetoes


def test_the_version_is_rules_104_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 104


@pytest.mark.parametrize("threat", [
    # a complaint filed at the body with 提交了
    "喂 你好 我这个号码想携号转网 申请了三次都说不符合条件 我前天已经在通信管理局那边提交了申诉 就是想再问问你们",
    # 我保证 after a discourse marker whose 跟 the window cuts
    "喂 你好 今天上午那个装宽带的师傅来我家 线拉得乱七八遭 嗯 我跟你说 等会APP让评价我保证给他差评 你们能不能换个师傅来返工",
    # the police line named first, told as dialled
    "幺幺零我已经打过了 刚才那个司机 我说走高架 他就把车停路边让我滚下去",
])
def test_the_caller_s_steps_read_as_threats(threat):
    assert_threat(threat)
    assert alerts(threat, None)


@pytest.mark.parametrize("text, category", [
    ("我会报警的，除非你们今天下午之前把走廊监控调出来给我看。", "police"),
    ("12315我是真会打的，你们别逼我，剩下的课时给我退了。", "hotline"),
])
def test_firm_intentions_are_kept_from_the_vetoes(text, category):
    kept = kept_from_the_vetoes(text, category)
    assert kept and all(kept)


@pytest.mark.parametrize("calm", [
    "你好，上周那个健身卡团购的事，商家已经把钱全退给我了，我把工商局那边的单子也撤了。",
    "好的，那我把你们的热线、抢修专线还有12345都写进去。",
    "幺幺零打过了吗？",
])
def test_withdrawals_lists_and_questions_stay_calm(calm):
    assert not alerts(calm, None)
