"""Eighty-third pass (``THREAT_PASSES.md`` "Eighty-third pass"), **in-sample**: the verb 报警 in its other senses, which
until now only the second opinion's veto set aside (found while testing ``eval/labels/threat_police_verb_protocol.md``):

- a device sounding its alarm (冰箱一直在报警, 车老是自己报警) and an alarm feature (一键报警的手环);
- the step inside a game, a film or a show named before it in the clause (游戏里要一直开警车报警抓人).

The first sentences are fresh24_test's and fresh34_test's calm calls; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION, scan_text
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat


def test_the_version_is_rules_83_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 83


@pytest.mark.parametrize("text", [
    "新买的冰箱一直在报警，滴滴滴地响",
    "我的车停在楼下老是自己报警，半夜响好几次",
    "我想买你们那个一键报警的手环给我妈",
    "这个手环老是乱报警，能换一个吗",
])
def test_a_device_alarm_or_an_alarm_feature_is_no_step(text):
    assert_calm(text)
    assert not alerts(text, None)


@pytest.mark.parametrize("text", [
    "我装这台主要是玩《警察模拟器》的，游戏里要一直开警车报警抓人，画面特效挺多的。",
    "电影里那个人最后报警了",
])
def test_the_police_verb_inside_a_game_or_a_film_is_no_step(text):
    assert [h.reason for h in scan_text(text) if h.cue == "报警"] == ["mention"]


@pytest.mark.parametrize("text", [
    "我的车被砸了我要报警",
    "车子又被刮了 我一定会报警",
    "你们再不处理我就报警",
    "游戏里被人骗了 我要报警",
])
def test_the_callers_own_police_report_stays_a_threat(text):
    assert_threat(text)
