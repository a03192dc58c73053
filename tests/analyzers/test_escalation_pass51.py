"""Fifty-first pass (``THREAT_PASSES.md`` "Fifty-first pass"), read as general frames, **in-sample**: the three calm alerts of
``fresh70``, scored once this stop before the pass.

- a step however planned, dropped later in the turn once the matter settled (…准备打。结果师傅就到了…那就不打了);
- a complaint withdrawn with the bare verb (现在想撤了, 帮我撤了吧);
- someone's words quoted after a verb of saying (店员…说“你想投诉就去投诉”) — not the caller's own (我跟他说“我要投诉你们”).

The first sentence of each group is the fresh70 call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat


def test_the_version_is_rules_51_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 51


@pytest.mark.parametrize("text", [
    "说实话，晚上八点还没来电的时候，我都把市长热线的号码翻出来了，准备打。结果八点半你们师傅就到了，修得也快，那就不打了。",
    "我材料都准备好了要去消协，后来你们把钱退了，我也就不去了",
    "喂 你好 那个 我昨天晚上 因为骑手撒了汤那个事 提交了一个投诉 现在想撤了",
    "我那个投诉麻烦你帮我撤了吧",
    "我刚才打过商家电话了，店员态度很冲，说“写错就写错了，你想投诉就去投诉”。我不想跟他吵",
    "那个师傅回了我一句：“你去告啊”，我也懒得理他",
])
def test_a_dropped_step_a_withdrawal_and_quoted_words_are_no_threat(text):
    assert_calm(text)
    assert not alerts(text, None) and not alerts(text)


@pytest.mark.parametrize("text", [
    "我跟他说“我要投诉你们”",                         # the caller's own words, quoted
    "我要打12345 结果你们还是没修好 那就不打了直接去法院",   # not settled: the court stays
    "我不想撤 我就要投诉",                             # not withdrawn
])
def test_the_contrasts_stay_threats(text):
    assert_threat(text)
    assert alerts(text, None)
