"""Uncertainty: findings that rest on doubtful ASR output ask for review instead of judging."""

from __future__ import annotations

import tomllib

from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.conversation import Conversation, Utterance
from qa_engine.rulebook import parse_rulebook

RULES = '''
version = "review-1"
low_confidence = 0.6
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
    f = analyze(("agent", "嗯号", 0.41), ("customer", "喂", 0.9))["greeting"]
    assert f.value == 0.0 and f.needs_review
    assert "utterances 0" in f.review_reason and "0.6" in f.review_reason


def test_keywords_whole_call_miss_not_excused_by_one_line_in_a_short_call() -> None:
    # Four agent lines: the whole-call window is as short as a positional one, but one
    # garbled line is not where a whole-call phrase would be; half the lines garbled is.
    lines = [("agent", "喂你好", 0.9), ("agent", "嗯号", 0.41), ("agent", "好的", 0.9), ("agent", "再会", 0.9)]
    f = analyze(*lines)["thanks"]
    assert f.value == 0.0 and not f.needs_review
    lines[2] = ("agent", "好的", 0.3)
    f = analyze(*lines)["thanks"]
    assert f.needs_review and "50% of the searched utterances" in f.review_reason


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
    utts = [("agent", "请稍", 0.3), ("agent", "好了", 0.9)]
    a = KeywordAnalyzer(parse_rulebook(tomllib.loads(RULES)))
    c = Conversation(id="t", utterances=[
        Utterance(speaker="agent", start=0, end=2, text=utts[0][1], confidence=utts[0][2]),
        Utterance(speaker="agent", start=20, end=22, text=utts[1][1], confidence=utts[1][2])])
    f = a.analyze(c).items["hold"]
    assert f.value == 0.0 and f.needs_review
