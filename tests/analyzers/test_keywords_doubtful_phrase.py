"""A low-confidence line excuses a miss only where the phrase could be: it sounds like it."""

from __future__ import annotations

import tomllib

from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.conversation import Conversation, Utterance
from qa_engine.rulebook import load_rulebook, parse_rulebook

RULES = '''
version = "doubtful-phrase-1"
low_confidence = 0.6
low_confidence_similarity = 0.7
[[rules]]
id = "apology"
kind = "required"
role = "agent"
tolerance = "exact"
phrases = ["致歉", "抱歉", "给您添麻烦"]
not_followed_by = ["久等"]
[[rules]]
id = "thanks_wait"
kind = "required"
role = "agent"
phrases = ["感谢您的耐心等待"]
not_followed_by = ["吗"]
[[rules]]
id = "verify"
kind = "required"
role = "agent"
phrases = ["手机尾号", "核实您的身份"]
[[rules]]
id = "need"
kind = "required"
role = "agent"
detector = "restatement"
window = { first_utterances = 2 }
'''


def _book():
    data = tomllib.loads(RULES)
    data["detectors"] = {"restatement": dict(load_rulebook().detectors["restatement"])}
    return parse_rulebook(data)


def items(*lines: tuple[str, float]):
    c = Conversation(id="t", utterances=[
        Utterance(speaker="agent", start=i * 3.0, end=i * 3.0 + 2, text=t, confidence=conf)
        for i, (t, conf) in enumerate(lines)])
    return KeywordAnalyzer(_book()).analyze(c).items


CLEAN = [("您好请问有什么可以帮您", 0.9), ("好的我看一下", 0.9), ("明天给您回电", 0.9), ("再见", 0.9)]


def test_whole_call_miss_excused_by_the_line_that_sounds_like_the_phrase_wherever_it_is() -> None:
    lines = list(CLEAN)
    lines[2] = ("麻烦说一下手机为靠", 0.45)            # 尾号 heard as 为靠: one line of four
    f = items(*lines)["verify"]
    assert f.value == 0.0 and f.needs_review
    assert "utterance 2" in f.review_reason and "'手机尾号'" in f.review_reason and "0.45" in f.review_reason


def test_whole_call_miss_charged_when_every_line_is_doubtful_but_reads_as_something_else() -> None:
    f = items(*[(t, 0.4) for t, _ in CLEAN])["verify"]
    assert f.value == 0.0 and not f.needs_review
    assert "sound like none of its phrases" in f.detail["low_confidence_charged"]


def test_exact_condition_judges_a_line_with_text_as_read() -> None:
    # An exact rule says a near text is another word: 之前 sounds exactly like 致歉,
    # 不好意思 is 很不好意思 without 很. A doubtful line with text does not excuse its miss.
    for text in ("我在下午六点之前回电您", "非常报歉", "真是给您填麻烦了"):
        f = items((text, 0.4))["apology"]
        assert f.value == 0.0 and not f.needs_review, text
        assert "exact condition" in f.detail["low_confidence_charged"]
    # A line with no reading still may hold it (the window rule: 1 of 2 agent lines).
    c = Conversation(id="t", utterances=[
        Utterance(speaker="agent", start=0, end=2, text="", confidence=0.0, flags=["asr_untranscribed: no text"]),
        Utterance(speaker="agent", start=3, end=5, text="好的", confidence=0.9)])
    assert KeywordAnalyzer(_book()).analyze(c).items["apology"].needs_review


def test_phrase_held_but_set_aside_by_the_rule_is_no_excuse() -> None:
    # 感谢您的耐心等待吗 holds the phrase, which the rule sets aside (what follows it).
    f = items(("感谢您的耐心等待吗", 0.4))["thanks_wait"]
    assert f.value == 0.0 and not f.needs_review
    assert "set aside" in f.detail["low_confidence_charged"]
    assert items(("感谢您的爱心等待", 0.4))["thanks_wait"].needs_review     # heard, not set aside


def test_detector_condition_keeps_the_window_rule() -> None:
    # A detector finds acts in words no list has: any doubtful line in its small window may
    # hold one, whatever it sounds like.
    f = items(("我这边看一下", 0.4), ("好的", 0.9))["need"]
    assert f.value == 0.0 and f.needs_review and "where the phrase would be" in f.review_reason
    assert not items(("我这边看一下", 0.9), ("好的", 0.9))["need"].needs_review
