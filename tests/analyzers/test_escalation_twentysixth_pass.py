"""Twenty-sixth pass: the two errors of the held-out ``fresh43_test`` (model card "Twenty-sixth pass"), fixed **in-sample**
(the split was scored once, on main's ``escalation-rules-25``, before these fixes).

- Under the default policy a question of which body to turn to (如果理赔金额有争议，一般是找你们复核，还是要找银保监会？ … 我就是先
  了解一下) alerted: the rules read it as a question, the second opinion counted it back (p 0.92). The frame — the company as one half
  of an alternative (是找你们还是找X), or a department asked for (应该找哪个部门) — with no step of the caller's announced in the turn
  is now a ``procedure``, which the second opinion does not count back; followed by the caller's own step (…？我这就去) it is a threat.
- With the rules alone a room number that is exactly 12315 (我是12315房间的，麻烦再送两条浴巾上来) read as the hotline. A hotline
  number naming a room, a house, a seat, a unit or a parcel (12315房间, 12345号房, 住在12315, 12315室, 座位12345) is a mention;
  打 / 拨 before it still dial it.

Sentences written for these tests; none is a sentence of ``eval/labels/complaint_threat_fresh43.jsonl``.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import CHOSEN_OPINION, VERSION, detect_threats
from tests.analyzers.threat_probes import assert_calm as _calm
from tests.analyzers.threat_probes import assert_threat as _threat
from tests.analyzers.threat_probes import call, reasons


def test_the_version_is_rules_26_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 26


def _alerts_by_default(text: str) -> bool:
    return any(h.threat for h in detect_threats(call(("A", "您好，请问有什么可以帮您？"), ("C", text)), CHOSEN_OPINION))


# 1. which body to turn to, no step announced (fresh43_test, in-sample)
_WHICH_BODY = [
    "退保金额对不上的话，一般是找你们核对，还是要去找银保监会？",
    "想问一下，这种情况是找你们还是找消协？",
    "保单纠纷是先找你们处理还是直接找金融监管局？我就是问问",
    "快递丢了一般是找你们还是找邮政管理局啊",
    "我该找哪个部门，是市场监管局还是消协？",
    "这种事一般是找你们投诉还是打12315投诉？",
    "我应该去哪个部门投诉，是住建局吗？",
]


@pytest.mark.parametrize("text", _WHICH_BODY)
def test_which_body_to_turn_to_is_a_procedure_and_does_not_alert(text):
    _calm(text)
    assert "procedure" in reasons(text)  # not a plain question, which the second opinion may count back
    assert not _alerts_by_default(text)


@pytest.mark.parametrize("text", [
    "不给我解决我就去找银保监会",
    "你们是让我找你们还是直接找银保监会？我这就去",
    "是找你们还是找消协？你们不管我明天就去找消协",
    "你们到底退不退，还是要我去找消协？",
    "是今天退钱还是等我去找银保监会？",
])
def test_a_step_announced_or_an_ultimatum_stays_a_threat(text):
    _threat(text)
    assert _alerts_by_default(text)


# 2. a hotline number naming a room, a house, a seat or a parcel (fresh43_test, in-sample)
_UNIT_NUMBERS = [
    "我是12345房间的，空调一直在滴水",
    "12315号房的热水器坏了，麻烦派人看一下",
    "我住在12315，能不能帮我加一床被子",
    "12345室的门卡消磁了",
    "我的座位12345旁边有人一直抽烟",
    "嗯我是幺二三幺五房间的 帮我送个吹风机",
    "12315号包裹我签收了，但里面少了一件",
    "12315号床的病人家属，想问一下陪护的事",
]


@pytest.mark.parametrize("text", _UNIT_NUMBERS)
def test_a_hotline_number_naming_a_room_or_seat_is_a_mention_and_does_not_alert(text):
    _calm(text)
    assert not _alerts_by_default(text)


@pytest.mark.parametrize("text", [
    "我打12315了",
    "再不处理我就打12315",
    "我是12345房间的，再不修空调我就打12345投诉你们",
    "住了三天热水都没有，我要打12315",
    "打12315室也没用是吧，那我直接去市场监管局",
    "再不退钱我就去12315柜台投诉你们",
])
def test_the_line_dialled_stays_a_threat(text):
    _threat(text)


def test_a_guest_in_a_hotline_numbered_room_telling_of_a_step_is_reported():
    _calm("12315房间的客人说要打12315投诉你们")
    assert not _alerts_by_default("12315房间的客人说要打12315投诉你们")
