"""Dead air that may be a hold: the notice or thanks may be in a garbled ASR line."""

from __future__ import annotations

from qa_engine.analyzers.acoustics import AcousticsAnalyzer
from qa_engine.conversation import Conversation, Utterance
from qa_engine.rulebook import load_rulebook


def call(notice: str, confidence: float | None, flags: list[str] | None = None) -> Conversation:
    """Agent line, a 25 s silence, then the call goes on without thanks."""
    lines = [("agent", 0.0, 4.0, "您好请问有什么可以帮您", 0.9, []), ("customer", 4.5, 7.0, "我想查一下订单", 0.9, []),
             ("agent", 7.5, 9.5, notice, confidence, flags or []),
             ("agent", 34.5, 37.0, "已经帮您查到了明天就可以处理好", 0.9, []),
             ("customer", 37.5, 39.0, "好的谢谢", 0.9, []), ("agent", 39.5, 41.0, "再见", 0.9, [])]
    return Conversation(id="t", utterances=[Utterance(speaker=s, start=a, end=b, text=t, confidence=c, flags=f)
                                            for s, a, b, t, c, f in lines])


def dead_air(conv: Conversation, similarity: float = 0.7):
    """dead_air under the shipped rulebook with the phrase-aware test at ``similarity`` (shipped: 0.6)."""
    book = load_rulebook().model_copy(update={"low_confidence_similarity": similarity})
    return AcousticsAnalyzer(rulebook=book).analyze(conv).items["dead_air"]


def test_garbled_notice_that_sounds_like_one_sends_dead_air_to_review() -> None:
    f = dead_air(call("好跟林曹等", 0.56))           # 您稍等 heard through the telephone band
    assert f.value < 1.0 and f.needs_review
    assert "utterance 2" in f.review_reason and "'您稍等'" in f.review_reason and "0.56" in f.review_reason


def test_dead_air_charged_when_the_line_reads_as_something_else_or_is_clear() -> None:
    f = dead_air(call("我想想这个问题", 0.56))         # doubtful, but nothing like a hold notice
    assert f.value < 1.0 and not f.needs_review
    f = dead_air(call("好跟林曹等", 0.95))           # clearly read: what it says stands
    assert f.value < 1.0 and not f.needs_review


def test_a_clear_notice_is_a_hold_and_an_unreadable_line_may_be_one() -> None:
    assert dead_air(call("您稍等", 0.95)).value == 1.0
    f = dead_air(call("", 0.0, ["asr_untranscribed: no text"]))
    assert f.needs_review and "no reading" in f.review_reason


def test_typed_text_is_never_doubtful() -> None:
    assert not dead_air(call("好跟林曹等", None)).needs_review


def test_shipped_rulebook_reads_where_the_notice_would_be() -> None:
    # low_confidence_similarity = 0.6 since rulebook 2026.12.03 (eighth ASR round, eval/asr_similarity_rule.md):
    # a garbled line that sounds like a notice excuses the silence, one that reads as something else does not.
    assert load_rulebook().low_confidence_similarity == 0.6
    f = AcousticsAnalyzer().analyze(call("好跟林曹等", 0.56)).items["dead_air"]
    assert f.value < 1.0 and f.needs_review
    f = AcousticsAnalyzer().analyze(call("我想想这个问题", 0.56)).items["dead_air"]
    assert f.value < 1.0 and not f.needs_review
