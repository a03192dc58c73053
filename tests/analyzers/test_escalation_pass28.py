"""Twenty-eighth pass: the one error of the held-out ``fresh45_test`` and the twenty-seventh pass's open misread
(``THREAT_PASSES.md`` "Twenty-eighth pass"), fixed **in-sample** (fresh45_test was scored once, on main's
``escalation-rules-27``, before these fixes).

- The caller's own threat quoted from the past (当时 / 那时候 / 上次 … 说要投诉) and taken back later in the turn
  (我就不投诉了, 没投, 后来想想算了) read as a threat: it is now a past step settled (``resolved``, which the second
  opinion does not count back). Taken up again after that (这次我一定投诉, 现在我要去了) it stays a threat, and so does a
  double negative (不投诉不行) or a step tried and failed (没打通).
- 非要 / 非得 / 非 … 不可 (我非要见你们店长不可) read as an A-not-A question because of its 不: it insists, it does not
  ask; with 吗 / ？ after it (我非要投诉不可吗？) it still asks. Someone else insisting (我老公非要投诉你们不可) is reported.

Sentences written for these tests; none is a sentence of ``eval/labels/complaint_threat_fresh45.jsonl``.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import CHOSEN_OPINION, VERSION, detect_threats
from tests.analyzers.threat_probes import assert_calm as _calm
from tests.analyzers.threat_probes import assert_threat as _threat
from tests.analyzers.threat_probes import call, reasons


def test_the_version_is_rules_28_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 28


def _alerts_by_default(text: str) -> bool:
    return any(h.threat for h in detect_threats(call(("A", "您好，请问有什么可以帮您？"), ("C", text)), CHOSEN_OPINION))


# 1. the caller's own past threat, quoted and taken back (each reads as a threat on main, rules-27)
_TAKEN_BACK = [
    "喂你好前天那个骑手把我的汤洒了我当时说要投诉他后来商家又给我重新做了一份我就不投诉了",
    "之前我说要投诉那个快递员 他后来上门给我道歉了 我就不投诉了",
    "那时候我说要去消协告你们 后来没去",
    "我当时说要找你们经理 后来也没找",
    "上回我说要给差评 后来就没给",
    "那会儿我说要去找媒体曝光 后来我也就算了",
    "上次说要投诉没投 就想问下那个优惠券还能不能用",
    "当时我说要打幺二三幺五 后来就没打 今天就问一下退款进度",
    "我当时说要打12315，后来他们给我换了新的，我就没打",
    "上次我说要去法院起诉你们 后来你们赔了钱 这事就算了",
]


@pytest.mark.parametrize("text", _TAKEN_BACK)
def test_a_past_threat_quoted_and_taken_back_is_no_threat(text):
    _calm(text)
    assert "resolved" in reasons(text)
    assert not _alerts_by_default(text)


# 2. contrasts that must stay threats: the step taken up again, a double negative, a step that failed, no taking back
@pytest.mark.parametrize("text", [
    "我当时就说要投诉 现在我还是要投诉",
    "上次说要投诉没投 这次我一定投诉",
    "那时候说要去法院告你们 没去 现在我要去了",
    "上次我说要打12315 没打 这次又这样 我马上就打",
    "当时说要投诉 后来想想不投诉不行",
    "上次说要打12315 没打通 我现在再打",
    "上次我说要投诉 你们到现在也没处理 我要投诉",
    "我以前说过要去消协 没去 这回非去不可",
    "之前说要起诉 后来没起诉 现在我决定起诉",
    "上次我说要投诉 没投 结果你们还是这样 你们再不处理我就去投诉",
    "我当时就说要投诉 你们没打电话给我",
])
def test_a_past_threat_taken_up_again_or_not_taken_back_stays_a_threat(text):
    _threat(text)
    assert _alerts_by_default(text)


# 3. 非…不可 insists (on main, rules-27, each but 今天我非去12315告你们不可 reads a cue here as a question or finds none)
_INSISTED = [
    "我非要见你们店长不可",
    "我非要找你们店长不可",
    "我非得找你们领导不可",
    "这事我非投诉不可",
    "我今天非见到你们负责人不可",
    "我非要找你们老板不可 今天必须给我个说法",
    "今天我非去12315告你们不可",
    "你们不给退我非找媒体曝光不可",
]


@pytest.mark.parametrize("text", _INSISTED)
def test_an_insistence_with_fei_buke_is_a_threat(text):
    _threat(text)
    assert "question" not in reasons(text)
    assert _alerts_by_default(text)


@pytest.mark.parametrize("text", [
    "我非要投诉不可吗？",
    "非常想知道怎么投诉",
    "投诉不投诉",
])
def test_a_question_stays_a_question(text):
    assert "question" in reasons(text)
    assert "threat" not in reasons(text)
    assert not _alerts_by_default(text)


@pytest.mark.parametrize("text", [
    "我老公非要投诉你们不可",
    "我妈非要找你们领导不可 我拦不住",
    "邻居非要打12345",
])
def test_someone_else_insisting_is_reported(text):
    _calm(text)
    assert "reported" in reasons(text)
    assert not _alerts_by_default(text)


@pytest.mark.parametrize("text", [
    "除非见到你们经理 否则我不签字",
    "我见过你们经理，人挺好的",
])
def test_fei_in_other_words_makes_no_cue(text):
    assert "threat" not in reasons(text)
    assert not _alerts_by_default(text)
