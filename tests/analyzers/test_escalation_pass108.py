"""Hundred-and-eighth pass (``THREAT_PASSES.md`` "Hundred-and-eighth pass"), **in-sample**: the errors of fresh256 …
fresh263's first reading.

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION, scan_text
from tests.analyzers.threat_probes import GREETING, alerts, assert_calm, assert_threat, call, counts_threat


def test_the_version_is_rules_108_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 108


def test_from_beginning_to_end_is_no_plan_given_up():
    assert_threat("门口那张纸那么小谁看得见？我会把今天的经过原原本本发到微博上，让要去办业务的人别白跑。")
    assert [h.reason for h in scan_text("原本我准备去消协的")] == ["negated"]  # the plan given up, as before


def test_a_police_report_warned_of_after_a_loss_counts():
    conversation = call(GREETING, ("C", "我刚下车，包落在车上了，司机电话一直打不通。"), ("A", "您别着急，我马上联系司机。"),
                        ("C", "包里有证件。你们抓紧，联系不上我可真报警了。"))
    assert counts_threat(conversation)
    told = call(GREETING, ("C", "我刚下车，包落在车上了，司机电话一直打不通。"), ("A", "您别着急，我马上联系司机。"),
                ("C", "包里有证件，我已经报警了。"))
    assert not counts_threat(told)  # the report of the loss, made: the incident, as before


@pytest.mark.parametrize("calm", [
    # a complaint the agent lodged for the caller, withdrawn
    "你好，我昨天打电话说家里网络老掉线，当时有点着急，让客服给我提交了一个投诉。今天发现是我家路由器的问题，换了新的就好了，那个投诉能不能帮我撤了？",
    # a neighbour's step, the bureau not read across a pause after a clause told done
    "喂 我是***室的 楼下大姐上来找我 说我家洗衣机漏水渗到她家了 她说要去住建局投诉你们物业 那个 你们能派个人来看看管道不",
])
def test_a_complaint_lodged_for_the_caller_and_a_neighbour_s_step_stay_calm(calm):
    assert_calm(calm)
    assert not alerts(calm)


def test_a_bureau_named_after_going_there_is_still_read():
    assert_threat("这事你们不管我就到区教育局举报")
    assert_threat("我明天就去市场那个局投诉")
