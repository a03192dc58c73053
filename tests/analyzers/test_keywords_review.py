"""Uncertainty: findings that rest on doubtful ASR output ask for review instead of judging."""

from __future__ import annotations

import tomllib

from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.conversation import Conversation, Utterance
from qa_engine.rulebook import parse_rulebook

RULES = '''
version = "review-1"
low_confidence = 0.6
low_confidence_similarity = 0.7  # the phrase-aware test (the shipped rulebook has it off)
[[rules]]
id = "greeting"
kind = "required"
phrases = ["您好"]
window = { first_utterances = 2 }
[[rules]]
id = "rude"
kind = "forbidden"
phrases = ["你听不懂吗"]
[[rules]]
id = "homophone"
kind = "forbidden"
tolerance = "pinyin"
phrases = ["再见"]
[[rules]]
id = "thanks"
kind = "required"
role = "agent"
phrases = ["感谢您的来电"]
[[rules]]
id = "hold"
kind = "required"
phrases = ["请稍等"]
gap = { min_seconds = 10, side = "before", within = 1 }
'''


def analyze(*utts: tuple[str, str, float | None], flags: dict[int, list[str]] | None = None):
    a = KeywordAnalyzer(parse_rulebook(tomllib.loads(RULES)))
    flags = flags or {}
    c = Conversation(id="t", utterances=[
        Utterance(speaker=s, start=i * 3.0, end=i * 3.0 + 2, text=t, confidence=conf, flags=flags.get(i, []))
        for i, (s, t, conf) in enumerate(utts)])
    return a.analyze(c).items


def test_keywords_review_miss_on_low_confidence_window() -> None:
    # 宁号 (ning hao) is no pinyin match for 您好 but sounds like it: where the greeting would be.
    f = analyze(("agent", "宁号", 0.41), ("customer", "喂", 0.9))["greeting"]
    assert f.value == 0.0 and f.needs_review
    assert "utterance 0" in f.review_reason and "'您好'" in f.review_reason and "1.00" in f.review_reason


def test_keywords_low_confidence_line_read_as_something_else_charges_the_miss() -> None:
    # Read below 0.6, but clearly another sentence: nothing in it sounds like 您好.
    f = analyze(("agent", "我这边帮你查一下订单", 0.41), ("customer", "喂", 0.9))["greeting"]
    assert f.value == 0.0 and not f.needs_review
    assert "sound like none of its phrases" in f.detail["low_confidence_charged"]
    # One syllable of two (嗯号: en·hao) is not enough either; one half-heard is (零航: ling·hang).
    assert not analyze(("agent", "嗯号", 0.41))["greeting"].needs_review
    assert analyze(("agent", "零航", 0.41))["greeting"].needs_review      # ling·hang: 0.75


def test_keywords_review_unread_line_keeps_the_window_rule() -> None:
    # No text at all (speech the recogniser could not transcribe) can hold the phrase.
    f = analyze(("agent", "", 0.0), ("agent", "查一下订单", 0.9), flags={0: ["asr_untranscribed: no text"]})["greeting"]
    assert f.needs_review and "where the phrase would be" in f.review_reason
    # A sparse read (1 character in 4.6 s) is no reading of the speech either.
    f = analyze(("agent", "铁", 0.68), flags={0: ["asr_doubtful: 1 character(s) in 4.6 s of speech"]})["greeting"]
    assert f.needs_review


def test_keywords_similarity_zero_is_the_window_rule_alone() -> None:
    book = parse_rulebook(tomllib.loads(RULES.replace('low_confidence_similarity = 0.7', 'low_confidence_similarity = 0')))
    c = Conversation(id="t", utterances=[Utterance(speaker="agent", start=0, end=2, text="我这边帮你查一下订单",
                                                   confidence=0.41)])
    assert KeywordAnalyzer(book).analyze(c).items["greeting"].needs_review


def test_keywords_whole_call_miss_not_excused_by_one_line_in_a_short_call() -> None:
    # Four agent lines: the whole-call window is as short as a positional one, but one
    # unreadable line is not where a whole-call phrase would be; half the lines unreadable is.
    lines = [("agent", "喂你好", 0.9), ("agent", "", 0.0), ("agent", "好的", 0.9), ("agent", "再会", 0.9)]
    f = analyze(*lines)["thanks"]
    assert f.value == 0.0 and not f.needs_review
    lines[2] = ("agent", "", 0.0)
    f = analyze(*lines)["thanks"]
    assert f.needs_review and "50% of the searched utterances" in f.review_reason
    # Garbled lines that read as other sentences do not excuse it, however many;
    lines = [("agent", "喂你好", 0.3), ("agent", "嗯号", 0.41), ("agent", "好的", 0.3), ("agent", "再会", 0.3)]
    assert not analyze(*lines)["thanks"].needs_review
    # one that sounds like 感谢您的来电 does, wherever it is in the call.
    lines[2] = ("agent", "当天灵的来点", 0.3)
    f = analyze(*lines)["thanks"]
    assert f.needs_review and "utterance 2" in f.review_reason and "感谢您的来电" in f.review_reason


def test_keywords_review_not_for_confident_or_typed_text() -> None:
    assert not analyze(("agent", "嗯号", 0.95))["greeting"].needs_review
    assert not analyze(("agent", "嗯号", None))["greeting"].needs_review  # typed chat is certain
    # low confidence outside the searched window does not matter
    f = analyze(("agent", "喂", 0.9), ("agent", "在", 0.9), ("agent", "嗯", 0.2))["greeting"]
    assert f.value == 0.0 and not f.needs_review


def test_keywords_review_flags_count_as_doubtful() -> None:
    f = analyze(("agent", "喂", 0.9), flags={0: ["asr_doubtful: repetition"]})["greeting"]
    assert f.needs_review


def test_keywords_review_forbidden_hit_only_on_low_confidence() -> None:
    f = analyze(("agent", "你听不懂吗", 0.3))["rude"]
    assert f.value == 0.0 and f.needs_review and "low-confidence" in f.review_reason
    f = analyze(("agent", "你听不懂吗", 0.3), ("agent", "你听不懂吗", 0.95))["rude"]
    assert f.value == 0.0 and not f.needs_review  # one confident hit is enough


def test_keywords_review_forbidden_hit_only_by_homophone() -> None:
    f = analyze(("agent", "在见", 0.95))["homophone"]
    assert f.value == 0.0 and f.needs_review and "homophone" in f.review_reason
    f = analyze(("agent", "再见", 0.95))["homophone"]
    assert f.value == 0.0 and not f.needs_review


def test_keywords_review_hits_are_not_reviewed() -> None:
    f = analyze(("agent", "您好", 0.2))["greeting"]
    assert f.value == 1.0 and not f.needs_review


def test_keywords_review_gap_miss_with_low_confidence_before_it() -> None:
    utts = [("agent", "请稍的", 0.3), ("agent", "好了", 0.9)]   # qing·shao·de: 请稍等 half-heard
    a = KeywordAnalyzer(parse_rulebook(tomllib.loads(RULES)))
    c = Conversation(id="t", utterances=[
        Utterance(speaker="agent", start=0, end=2, text=utts[0][1], confidence=utts[0][2]),
        Utterance(speaker="agent", start=20, end=22, text=utts[1][1], confidence=utts[1][2])])
    f = a.analyze(c).items["hold"]
    assert f.value == 0.0 and f.needs_review and "'请稍等' (similarity 0.83" in f.review_reason
