"""Twenty-seventh pass: the two rules-alone errors of the held-out ``fresh44_test`` (``THREAT_PASSES.md`` "Twenty-seventh
pass"), fixed **in-sample** (the split was scored once, on main's ``escalation-rules-26``, before these fixes; under the
default policy the rules made no error there).

- A superior demanded to be seen after a question of the caller's (你让我去哪 我要见你们经理) read as reported speech: the
  让我 of the question was taken for someone telling the caller to take the step, and the 我 before the cue's own 要 did
  not count as the caller's intent. A cue that opens with 要 after 我 now lends the 要 to it (as 他说我要投诉 already read),
  and a superior demanded to be seen with the demand before 见 (我要当面见你们负责人, 我必须见到你们领导) is a cue.
- A body inside an address written or being corrected (我写成法院里面了, 地址写错了 写成了派出所那边) read as a legal step
  with the rules alone: after 写成 / 填成 / 打成 … in a turn that talks of an address it is a place; a step after it
  (不退我就去法院起诉你们) stays a threat.

Sentences written for these tests; none is a sentence of ``eval/labels/complaint_threat_fresh44.jsonl``.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import CHOSEN_OPINION, VERSION, detect_threats
from tests.analyzers.threat_probes import assert_calm as _calm
from tests.analyzers.threat_probes import assert_threat as _threat
from tests.analyzers.threat_probes import call, reasons


def test_the_version_is_rules_27_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 27


def _alerts_by_default(text: str) -> bool:
    return any(h.threat for h in detect_threats(call(("A", "您好，请问有什么可以帮您？"), ("C", text)), CHOSEN_OPINION))


# 1. a superior demanded to be seen or met (fresh44_test, in-sample); each of these fails on main (rules-26)
_SEE_THE_SUPERIOR = [
    "房间都没了你让我住哪 我要见你们经理 马上",
    "你让我等了一个小时 我要见你们领导",
    "客服让我再等等 我要找你们主管",
    "我要当面见你们负责人",
    "我必须见到你们领导 今天就要见",
    "我想见你们经理 这事你做不了主",
]


@pytest.mark.parametrize("text", _SEE_THE_SUPERIOR)
def test_a_superior_demanded_to_be_seen_is_a_threat(text):
    _threat(text)
    assert _alerts_by_default(text)


@pytest.mark.parametrize("text", [
    "我要见你们经理",
    "让我见你们领导",
    "叫你们主管出来见我",
    "我非要见你们店长",
    "今天我一定要见你们总经理",
    "我要亲自见你们老板 把话说清楚",
])
def test_the_demands_read_before_stay_threats(text):
    _threat(text)
    assert _alerts_by_default(text)


@pytest.mark.parametrize("text", [
    "我见过你们经理，人挺好的",
    "见你们经理挺和气的",
    "好的，那下次见",
    "我们经理明天要见你们的销售",
    "我想见见你们经理，当面谢谢他",
])
def test_seeing_a_superior_in_the_past_in_praise_or_in_farewell_is_no_threat(text):
    assert "threat" not in reasons(text)
    assert not _alerts_by_default(text)


@pytest.mark.parametrize("text", [
    "他说他要找你们经理",
    "我老公说要见你们经理",
])
def test_someone_else_demanding_a_superior_stays_reported(text):
    _calm(text)
    assert "reported" in reasons(text)


# 2. a body inside an address written or corrected (fresh44_test, in-sample); each of these fails on main (rules-26)
_WRITTEN_ADDRESS = [
    "地址写错了 写成了派出所那边",
    "收货地址改一下 我填成法院里头了",
    "门牌号我打成了消协那栋了 应该是三号楼",
]


@pytest.mark.parametrize("text", _WRITTEN_ADDRESS)
def test_a_body_inside_an_address_written_or_corrected_is_a_place(text):
    _calm(text)
    assert "place" in reasons(text)
    assert not _alerts_by_default(text)


@pytest.mark.parametrize("text", [
    "收货地址我填成了电视台宿舍",
    "地址填错了 写成公安局门口了",
    "送到法院后面那条街的小区",
    "我把地址写成法院了 麻烦帮我改一下",
    "定位我选成了公安局 其实是后面那个小区",
    "呃 地址那块 写成电视台了 不是电视台 是电视塔小区",
])
def test_an_address_read_before_stays_a_place(text):
    _calm(text)
    assert not _alerts_by_default(text)


@pytest.mark.parametrize("text", [
    "地址写错了那是你们的事 不退我就去法院起诉你们",
    "地址我写成了法院那边 算了 你们不退钱我就去法院告你们",
    "地址写错了你们也不能不送啊 我要打12315",
    "你们把我的投诉写成咨询了 我要去消协",
])
def test_a_step_after_an_address_stays_a_threat(text):
    _threat(text)
    assert _alerts_by_default(text)
