"""Twenty-second pass: fresh39 (80 short calls written plainly in the issue's own style, ten ordinary domains; model card
"Twenty-second pass"). ``fresh39_dev`` showed no error of the rules on main (its one calm alert is the complaint-risk
probability alone), so nothing changed before ``fresh39_test``'s one scoring. That run showed one calm alert from a cue, fixed
here after it (in-sample for ``fresh39_test``):

1. Someone placed by where they live next to the caller (隔壁 / 对门 / 楼上 / 楼下, whoever they are: 隔壁租户, 楼上那个大爷,
   对门阿姨, 隔壁老王) who says they will take a step is reported speech, and so are the other tenants of a rented building
   (租户 / 租客 / 房客, like 住户 / 业主); the caller's own step after such a report, a tenant speaking as 我 / 我们租户, and a
   parcel left downstairs (放在楼下说是…) still count or are no speaker.

Sentences written for these tests; none is a sentence of ``eval/labels/complaint_threat_fresh39.jsonl``.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION, detect_threats
from tests.analyzers.threat_probes import assert_calm as _calm, assert_threat as _threat, call


def test_the_version_is_rules_22_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 22


@pytest.mark.parametrize("text", [
    "楼上那个大爷说电梯老停要去住建局投诉你们",
    "隔壁老王说要打12345投诉你们物业",
    "对门阿姨说要找电视台曝光你们",
    "隔壁的说要投诉你们 我觉得没必要",
    "好几个租客说要打幺二三四五反映你们",
    "房客说要给你们差评",
    "同一层的租户说要去住建局举报你们",
])
def test_a_neighbour_or_another_tenant_saying_they_will_take_a_step_is_reported(text):
    _calm(text)


@pytest.mark.parametrize("text", [
    "隔壁租户说你们乱收费，我也要去住建局投诉你们",
    "我是租户，我要去住建局投诉你们",
    "我们租户要联名去住建局投诉你们",
    "外卖放在楼下说是送到了，我要投诉这个骑手",
    "楼下保安说不让进，我要投诉",
])
def test_the_callers_own_step_after_such_a_report_or_a_place_downstairs_still_counts(text):
    _threat(text)


def test_a_neighbours_step_declined_in_a_calm_call_does_not_alert_with_the_rules_alone():
    conv = call(("A", "您好很高兴为您服务"),
                ("C", "嗯 就是楼上那个租客说水管老漏要去住建局投诉你们 我跟她讲不用 你们派个师傅来看看就行"),
                ("A", "好的 明天上午师傅上门"))
    assert [h for h in detect_threats(conv, None) if h.threat] == []
