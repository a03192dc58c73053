"""One hold lexicon (the rulebook's [lexicons]) for keywords and acoustics; a silence is charged once."""

from __future__ import annotations

import pytest

from qa_engine.analyzers.acoustics import AcousticsAnalyzer
from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.conversation import Conversation, Utterance
from qa_engine.errors import ConfigError
from qa_engine.holds import hold_lexicon
from qa_engine.rulebook import load_rulebook, parse_rulebook


def call(*turns) -> Conversation:
    return Conversation(id="h", channel="phone",
                        utterances=[Utterance(speaker=s, start=a, end=b, text=t) for s, a, b, t in turns])


OPEN = [("agent", 0.0, 4.0, "您好，工号一零二四，请问有什么可以帮您"), ("customer", 4.5, 8.0, "我想查一下我的订单到哪了")]
END = [("customer", 34.0, 36.0, "好的谢谢"), ("agent", 36.5, 39.0, "还有什么可以帮您，感谢您的来电，再见")]


@pytest.fixture(scope="module")
def analyzers():
    return KeywordAnalyzer(), AcousticsAnalyzer()


def charges(analyzers, conv):
    keywords, acoustics = analyzers
    k, a = keywords.analyze(conv).items, acoustics.analyze(conv).items
    return {"dead_air": a["dead_air"].value, "hold_notice": k["hold_notice"].value,
            "hold_thanks": k["hold_thanks"].value, "holds": a["hold"].detail["holds"],
            "dead_gap_s": a["dead_air"].detail["longest_gap_s"]}


def test_nin_shaodeng_before_20s_silence_is_a_hold_not_dead_air(analyzers):
    conv = call(*OPEN, ("agent", 8.5, 10.0, "好的，您稍等"), ("agent", 30.0, 33.0, "感谢您的耐心等待，订单明天送到"), *END)
    got = charges(analyzers, conv)
    assert got == {"dead_air": 1.0, "hold_notice": 1.0, "hold_thanks": 1.0, "holds": 1, "dead_gap_s": 0.0}


def test_silence_without_any_hold_is_charged_once_as_dead_air(analyzers):
    conv = call(*OPEN, ("agent", 8.5, 10.0, "好的"), ("agent", 30.0, 33.0, "订单明天送到"), *END)
    got = charges(analyzers, conv)
    assert got["dead_air"] < 1.0 and got["dead_gap_s"] == pytest.approx(20.0)
    assert got["hold_notice"] is None and got["hold_thanks"] is None
    assert got["holds"] == 0


def test_unannounced_hold_is_charged_to_the_notice_only(analyzers):
    conv = call(*OPEN, ("agent", 8.5, 10.0, "好的"), ("agent", 30.0, 33.0, "让您久等了，订单明天送到"), *END)
    got = charges(analyzers, conv)
    assert got == {"dead_air": 1.0, "hold_notice": 0.0, "hold_thanks": 1.0, "holds": 1, "dead_gap_s": 0.0}


def test_unthanked_hold_is_charged_to_the_thanks_only(analyzers):
    conv = call(*OPEN, ("agent", 8.5, 10.0, "请稍等，我帮您查一下"), ("agent", 30.0, 33.0, "订单明天送到"), *END)
    got = charges(analyzers, conv)
    assert got == {"dead_air": 1.0, "hold_notice": 1.0, "hold_thanks": 0.0, "holds": 1, "dead_gap_s": 0.0}


def test_wait_asked_by_the_customer_is_neither_dead_air_nor_a_hold(analyzers):
    conv = call(*OPEN, ("customer", 8.5, 10.0, "你等一下，我找一下订单号"), ("customer", 30.0, 33.0, "找到了"), *END)
    got = charges(analyzers, conv)
    assert got["dead_air"] == 1.0 and got["holds"] == 0


def test_keyword_rule_and_acoustics_read_the_same_lexicon():
    book = load_rulebook()
    lexicon = hold_lexicon(book)
    assert "您稍等" in lexicon.notice and "让您久等了" in lexicon.thanks
    hold_rule = next(r for r in book.rules if r.id == "hold_notice")
    assert set(hold_rule.groups[0].phrases) == set(lexicon.notice)
    assert hold_lexicon() == lexicon                       # the shipped file, read without compiling


def test_custom_rulebook_lexicon_reaches_acoustics(tmp_path):
    from qa_engine.pipeline import Inspector

    text = (load_rulebook.__globals__["DEFAULT_RULEBOOK_PATH"]).read_text(encoding="utf-8")
    custom = tmp_path / "rb.toml"
    custom.write_text(text.replace('hold_notice = [\n', 'hold_notice = [\n    "麻烦等会儿",\n'), encoding="utf-8")
    inspector = Inspector(rulebook=custom)
    conv = call(*OPEN, ("agent", 8.5, 10.0, "麻烦等会儿"), ("agent", 30.0, 33.0, "订单明天送到"), *END)
    findings = inspector.analyze(conv)
    assert findings["acoustics"].items["dead_air"].value == 1.0
    assert findings["keywords"].items["hold_notice"].value == 1.0


def test_unknown_lexicon_reference_is_a_clear_error():
    with pytest.raises(ConfigError, match="unknown lexicon '@nope'"):
        parse_rulebook({"version": "1", "lexicons": {"a": ["x"]},
                        "rules": [{"id": "r", "kind": "required", "phrases": ["@nope"]}]})
