"""Sixty-second pass (``THREAT_PASSES.md`` "Sixty-second pass"), **in-sample**: the rule errors of ``fresh86`` and ``fresh87``,
scored once this stop before the pass (all set aside by the call-level veto under the default policy; these tests read the
rules alone).

- the alternative question over a comma (燃气开户是打你们这个电话，还是要打12345？);
- 这 / 那 in the slot of a cue word's character is that word, no slip (惦记这个 is no 记者);
- the Wu third person 伊 before 讲 / 说 is 他 (伊讲他同事…还去消协投诉过: the husband's report).

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat, reasons


def test_the_version_is_rules_62_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 62


@pytest.mark.parametrize("text", [
    "我刚搬来，想问一下燃气开户是打你们这个电话，还是要打12345？",
    "是找你们售后，还是直接找消协？",
    "喂 侬好 我老公上礼拜送来一件羊绒大衣 伊讲他同事在别家洗坏过衣服 还去消协投诉过 所以叫我来问问洗好了伐",
])
def test_alternatives_and_reports_are_no_threat(text):
    assert_calm(text)
    assert not alerts(text, None)


def test_this_in_a_cue_words_slot_is_no_slip():
    assert reasons("那挺好，俺家孩子就惦记这个，衣服得穿多厚啊，那边贼冷吧？") == []


@pytest.mark.parametrize("text", [
    "你们再不给我处理，我还是要打12345？",
    "我要找记这个事的记者。",
    "伊利的奶有问题，我要去消协投诉。",
])
def test_the_callers_own_steps_stay_threats(text):
    assert_threat(text)
    assert alerts(text, None)
