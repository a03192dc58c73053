"""A customer's bare no (没有了 answering 还有什么可以帮您的吗) is left out of the customer's findings."""

from __future__ import annotations

import pytest

from qa_engine.analyzers._bare_answers import is_bare_no
from qa_engine.analyzers.sentiment import SentimentAnalyzer
from tests.analyzers.test_sentiment_model import conv


@pytest.mark.parametrize("text", ["没有了没有了", "啊没了", "没有啦", "不用了不用了", "嗯不需要了", "不对", "不是的", "没事没事"])
def test_bare_noes(text):
    assert is_bare_no(text)


@pytest.mark.parametrize("text", [
    "好的", "嗯",  # a bare yes reads low already and stays in
    "没收到", "不行", "不好", "没人管", "不是我要投诉",  # a no with something said: a feeling may be in it
    "没有没有没有没有没有没有",  # too long to be a plain answer
    "",
])
def test_not_bare_noes(text):
    assert not is_bare_no(text)


@pytest.fixture(scope="module")
def analyzer() -> SentimentAnalyzer:
    return SentimentAnalyzer()


def test_a_bare_no_at_the_close_does_not_count_as_a_negative_end(analyzer):
    opening = [("agent", "您好请问有什么可以帮您"), ("customer", "我想问一下我的退款到了没有"),
               ("agent", "已经退回您的账户了"), ("customer", "好的谢谢")]
    with_no = conv(*opening, ("agent", "请问还有什么可以帮您的吗"), ("customer", "没有了没有了"))
    without = conv(*opening, ("agent", "请问还有什么可以帮您的吗"))
    assert analyzer.class_probs(["没有了没有了"])[0][0] >= analyzer.threshold  # the model alone misreads it
    end = analyzer.analyze(with_no).items["customer_end"]
    assert end.value == pytest.approx(analyzer.analyze(without).items["customer_end"].value)
    assert 5 not in [e.utterance for e in end.evidence]
    # the per-utterance reading is unchanged: the turn is still scored and shown
    row = next(u for u in analyzer.analyze(with_no).detail["utterances"] if u["utterance"] == 5)
    assert row["label"] == "negative"


def test_a_call_of_bare_noes_only_is_still_read(analyzer):
    only = conv(("agent", "请问您还需要别的吗"), ("customer", "不用了"))
    assert analyzer.analyze(only).items["customer_end"].value is not None
