"""``_resemble``: how closely some span of an ASR text sounds like a phrase."""

from __future__ import annotations

import pytest

from qa_engine.analyzers._resemble import best_resemblance, key, resemblance


@pytest.mark.parametrize(("phrase", "text", "value"), [
    ("您好", "您好", 1.0),
    ("您好", "喂零好啊", 1.0),                       # n/l, ing/in: one fuzzy class
    ("您好", "零航空号", 0.75),                      # hang keeps hao's initial: half a syllable
    ("您好", "嗯号", 0.5),                           # en shares neither initial nor final with nin
    ("感谢您的来电", "当天灵的爱点", 4 / 6),
    ("请稍等", "请稍", 2 / 3),                        # one syllable lost
    ("尾号", "好的请问还有什么可以帮您", 0.5),
    ("再见", "铁", 0.0),
    ("您好", "", 0.0),
])
def test_resemblance_values(phrase: str, text: str, value: float) -> None:
    assert resemblance(key(phrase), key(text)) == pytest.approx(value)


def test_resemblance_finds_the_span_anywhere_and_is_not_symmetric() -> None:
    long = "我这边已经帮您查到了明天就可以处理好感谢您的耐心等待"
    assert resemblance(key("耐心等待"), key(long)) == 1.0
    assert resemblance(key(long), key("耐心等待")) < 0.2     # the phrase must be found in the text


def test_best_resemblance_names_the_phrase() -> None:
    phrases = [(p, key(p)) for p in ("尾号", "感谢您的耐心等待", "让您久等了")]
    assert best_resemblance(phrases, key("当天灵的爱心等待")) == (pytest.approx(0.75), "感谢您的耐心等待")
    assert best_resemblance([], key("您好")) == (0.0, "")


def test_best_resemblance_beat_skips_what_cannot_win_but_keeps_the_maximum() -> None:
    phrases = [(p, key(p)) for p in ("尾号", "感谢您的耐心等待", "让您久等了")]
    text = key("当天灵的爱心等待")
    assert best_resemblance(phrases, text, beat=0.5) == (pytest.approx(0.75), "感谢您的耐心等待")
    assert best_resemblance(phrases, text, beat=0.75) == (0.75, "")        # nothing beats it
