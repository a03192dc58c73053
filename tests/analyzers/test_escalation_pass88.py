"""Eighty-eighth pass (``THREAT_PASSES.md`` "Eighty-eighth pass"), **in-sample**: the rule errors of ``fresh142`` …
``fresh145``, scored once this stop before the pass.

- an earlier complaint to the company followed up: its progress asked as 进展; a complaint 提交过 at the company
  (在你们这边提交过一个投诉); the earlier time further back than the context window (我前天因为…的事在你们这投诉了);
- a complaint registered at a body (在住建局那边登记投诉了) is a step taken there, not a place.

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import CHOSEN_OPINION, VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat


def test_the_version_is_rules_88_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 88


@pytest.mark.parametrize("follow_up", [
    "我前天打过电话，投诉流量多扣费，工单号***，想问下进展。",
    "我上午来过电话，投诉你们师傅没按时上门，想问问现在有什么进展",
    "你好，上个月十八号我在你们这边提交过一个投诉，是关于催收人员说话态度不好的，当时说十五个工作日内给回复，到现在一直没人联系我，我想问问结果。",
    "我在你们平台提交了一个投诉，编号***，想看看处理到哪一步了",
    "你好，我前天因为司机开车打电话的事在你们这投诉了，客服说会回访，我想问一下结果出来了吗？",
    "我昨天因为骑手把汤洒了一半还不道歉的事在你们这边投诉过，想问下处理了没有",
])
def test_an_earlier_complaint_to_the_company_followed_up_is_no_threat(follow_up):
    assert_calm(follow_up)
    assert not alerts(follow_up, None)
    assert not alerts(follow_up, CHOSEN_OPINION)


@pytest.mark.parametrize("threat", [
    "我要在你们这边提交一个投诉，你们这个骑手太过分了",
    "昨天到现在都没人给我打电话处理这个事情，我要投诉了",
    "我前天打过电话，今天还是没人来，我要投诉，你们看着办",
])
def test_a_complaint_announced_now_stays_a_threat(threat):
    assert_threat(threat)


@pytest.mark.parametrize("filed", [
    "三号楼***室 手机尾号幺***二 就是 我前天已经在住建局那边登记投诉了 我就想问你们这边到底啥时侯退",
    "押金的事我已经在消协那边登记投诉了，你们看着办吧",
])
def test_a_complaint_registered_at_a_body_is_a_step_taken_there(filed):
    assert_threat(filed)
    assert alerts(filed, CHOSEN_OPINION)


def test_the_callers_own_business_registered_stays_an_errand():
    assert_calm("我上个月在工商那边登记了，营业执照下来了，想问问你们开店要什么材料")
