"""Thirty-fourth pass (``THREAT_PASSES.md`` "Thirty-fourth pass"; the guide's "Thirty-fourth pass"). fresh49_dev's two rule
errors under escalation-rules-33, read as general frames, **in-sample**:

- a cue word a phone recogniser wrote with one character of the same sound (就叫你们领到来接电话): one declared tolerance
  (``SOUND_ALIKE_CUES``, a pinyin match with one slip) instead of misspellings added one by one; everyday words that are one slip
  from a cue (我记着了, 总不能, 短信方便, 我想投宿一晚) stay as they are;
- the caller's own past threat quoted in one turn and taken back in a later turn (我上午打电话 说要投诉那个师傅 … 那个就不投诉了);

and two items the last pass left open: a present given to a lawyer (送给***律师) is a destination, as 寄给我的律师 is; a complaint
made before and its outcome denied (我投诉以后你们还是没处理) is the earlier complaint (prior), not a question.

The first line of the first two groups is the development call's own line; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers._escalation_reading import SOUND_ALIKE_CUES, rules_reading
from qa_engine.analyzers.escalation import CHOSEN_OPINION, VERSION, detect_threats, reading_text
from tests.analyzers.threat_probes import alerts, call, reasons


def test_the_version_is_rules_34_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 34


def _alerts(text: str, opinion=CHOSEN_OPINION) -> bool:
    return alerts(text, opinion)


# 1. a cue word with one character of the same sound (no cue on rules-33)
@pytest.mark.parametrize("text", [
    "你要是处理不了的话 就叫你们领到来接电话",
    "我要投素你们",
    "要是他们不给我道歉 我就给他们暴光",
    "我要找你们经里",
    "不给我退我就去消斜",
    "让你们主关来接电话",
    "我就上名航局的网站反映",
    "我要给你们差平",
    "我要打市长热现",
])
def test_a_cue_word_with_one_slip_of_the_same_sound_is_read(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None) and _alerts(text)


# 1b. everyday words one slip from a cue, and slips that would eat a cue written right: unchanged (no cue, or the same cues)
@pytest.mark.parametrize("text", [
    "三天，我记着了。",  # 着 a particle, not a slip of 记者
    "你们总不能这样吧",  # 不 a negation, not a slip of 总部
    "我领到优惠券了",  # 领导 only in a frame
    "我想投宿一晚",  # a word of its own
    "我在你们美体中心办的卡",
    "稍后会给您发送评价短信方便的话辛苦您点开",  # 信访 is not tolerated (短信方便)
    "要不就是怕当场无法圆谎",  # nor 法院 (无法圆谎, 法苑小区)
    "我家住在法苑小区",
    "文件管理器在哪",
    "我没想到会经历这种情况",
    "你们太主观了",
    "还要等上几年",
    "再不处理我就去找记着",
])
def test_everyday_words_one_slip_from_a_cue_are_not_read_as_it(text):
    assert "threat" not in reasons(text)
    assert not _alerts(text, None) and not _alerts(text)


def test_a_slip_never_eats_a_cue_written_right():
    assert rules_reading("我要去工商举报你们") == "我要去工商举报你们"  # not 工商局报
    assert rules_reading("公安局报案的回执") == "公安局报案的回执"  # 局 ends a body's name
    assert rules_reading("就叫你们领到来接电话") == "就叫你们领导来接电话"
    assert rules_reading("上名航局的网站") == "上民航局的网站"


def test_the_second_opinion_reads_the_text_as_trained():
    # the tolerance is the rules' reading only: the second opinion's input (reading_text) is unchanged
    assert reading_text("就叫你们领到来接电话") == "就叫你们领到来接电话"
    assert all(len(w) == len(s.split()) for w, s in SOUND_ALIKE_CUES.items())


# 2. a past threat quoted in one turn and taken back in a later one (a threat on rules-33)
_A = ("A", "嗯您说")


@pytest.mark.parametrize("turns", [
    [("C", "喂你好 那个我上午打电话 说要投诉那个修洗衣机的师傅"), _A,
     ("C", "就是他下午已经过来了 修好了 人也挺客气的 那个就不投诉了 你帮我撤了吧")],
    [("C", "我昨天说要打12315告你们"), _A, ("C", "后来你们给我退了，现在不打了")],
    [("C", "我上次说要找你们经理"), _A, ("C", "后来想想算了")],
    [("C", "我上午说要投诉那个骑手"), _A, ("C", "他后来给我送过来了，我就不投诉了")],
])
def test_a_past_threat_taken_back_in_a_later_turn_is_resolved(turns):
    for opinion in (None, CHOSEN_OPINION):
        hits = detect_threats(call(*turns), opinion)
        assert not any(h.threat for h in hits), hits
        assert hits[0].reason == "resolved"


@pytest.mark.parametrize("turns", [
    [("C", "我上午打电话说要投诉那个师傅"), _A, ("C", "他到现在也没来，我还是要投诉")],  # taken up again
    [("C", "我上午打电话说要投诉那个师傅"), _A, ("C", "他到现在也没来")],  # not taken back
    [("C", "我上午说要投诉那个师傅"), _A, ("C", "现在不投诉不行了")],  # a double negative
    [("C", "我上午说要投诉那个师傅"), _A, ("C", "那就不投诉了"), _A, ("C", "不行，我这次一定要投诉")],
    [("C", "我要投诉那个师傅"), _A, ("C", "那就不投诉了吧")],  # not quoted from the past: as before
    [("C", "我上午说要投诉那个师傅"), _A, ("C", "我老公说他就不投诉了")],  # someone else's taking back
])
def test_a_past_threat_not_taken_back_by_the_caller_still_alerts(turns):
    for opinion in (None, CHOSEN_OPINION):
        assert any(h.threat for h in detect_threats(call(*turns), opinion))


# 3. a present given to a lawyer is a destination (a threat with the rules alone on rules-33)
@pytest.mark.parametrize("text", [
    "我想订一束花送给***律师她今天生日",
    "我想订一束花送给张律师她今天生日",
    "我想订一束花送给**律师",
])
def test_a_present_given_to_a_lawyer_is_a_destination(text):
    assert reasons(text) == ["place"]
    assert not _alerts(text, None) and not _alerts(text)


@pytest.mark.parametrize("text", [
    "我要把材料交给***律师起诉你们",
    "我找了***律师，准备起诉你们",
    "我要找***律师告你们",
])
def test_a_lawyer_with_a_step_still_alerts(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None) and _alerts(text)


# 4. a complaint made before and its outcome denied (question, or a threat, on rules-33)
@pytest.mark.parametrize("text", [
    "我投诉以后你们还是没处理",
    "我投诉之后你们也没人联系我",
    "我投诉完了还是没人管",
])
def test_a_complaint_made_before_with_its_outcome_denied_is_prior(text):
    assert reasons(text) == ["prior"]
    assert not _alerts(text, None) and not _alerts(text)


@pytest.mark.parametrize("text, expected", [
    ("我投诉以后你们还是不处理，这次我要打12315", ["prior", "threat"]),
    ("我要投诉以后你们还是没处理怎么办", ["question"]),
    ("我投诉还是不投诉", ["question", "negated"]),
    ("你们再不处理我就投诉", ["threat"]),
    ("我上次投诉以后你们还是没处理", ["prior"]),
    ("我打了12315以后你们还是不管", ["threat"]),
])
def test_look_alikes_of_the_earlier_complaint(text, expected):
    assert reasons(text) == expected
