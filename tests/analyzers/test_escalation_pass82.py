"""Eighty-second pass (``THREAT_PASSES.md`` "Eighty-second pass"), **in-sample**: the rule errors of ``fresh128`` and
``fresh129``, scored once this stop before the pass.

- a clause opening with 他说 after someone else is named earlier in the sentence is that person speaking, and the
  subjectless clause after it goes on with their words (我同事也在你们这办的卡，他说私教老换人，要去投诉);
- an alternative question whose second half names the place before the cue (一般是找机场还是找航空公司投诉？);
- what counts as a complaint asked (点进去会不会就直接算投诉了？).

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat


def test_the_version_is_rules_82_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 82


@pytest.mark.parametrize("text", [
    "我同事也在你们这办的卡，他说私教老换人，要去投诉。我的私教课这周还能约吗？",
    "我邻居家也装了你们的宽带，她说网速老掉，准备去通信管理局反映。我家的还行，就是想问问套餐。",
    "乘客行李延误的话，一般是找机场还是找航空公司投诉？我下个月第一次坐飞机。",
    "想问下 这种情况能不能找你们 还是找物业投诉？",
    "你好，我刚才在你们app上看到有个“投诉建议”的入口，点进去会不会就直接算投诉了？",
    "我这样反映一下 算不算投诉啊",
])
def test_someone_elses_words_and_questions_are_no_threat(text):
    assert_calm(text)
    assert not alerts(text, None)


@pytest.mark.parametrize("text", [
    "我朋友也买了，他说质量太差，我要去投诉。",  # the caller's own step after their words
    "商家不给退，他说菜都做了，要去投诉。",  # no one else named before 他: left as the rules read it
    "你们能不能退，还是我找消协投诉？",  # the caller's own step as the second half
    "这事你们不管，我还是找消协投诉吧。",
    "你就当作投诉处理吧。",  # asking for it to be handled as a complaint
])
def test_the_callers_own_step_stays_a_threat(text):
    assert_threat(text)
