"""Seventy-eighth pass (``THREAT_PASSES.md`` "Seventy-eighth pass"), **in-sample**: the rule errors of ``fresh118`` and
``fresh119`` (a noisy 8 kHz line with recogniser slips in cue words), scored once this stop before the pass.

- a review named first with the caller's mind made up (这个差评我是写定了) is kept from the learned vetoes;
- a request made to the company earlier (上午我让你们升级处理的…) and withdrawn in a later turn (那个不用了，帮我撤销吧);
- 投宿 (to lodge) with a person as its object read as the recogniser's slip for 投诉 (我就投宿那个师傅) — not a night's lodging
  (我想在你们酒店投宿一晚);
- 妖 for the spoken 幺 inside a spoken hotline (我昨天已经在妖二三妖五那边登记了).

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION, EscalationAnalyzer
from tests.analyzers.threat_probes import GREETING, alerts, assert_threat, call, counts_threat, reasons


def test_the_version_is_rules_78_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 78


def test_a_review_with_the_callers_mind_made_up_alerts_as_shipped():
    text = "补送，今晚做饭要用。七点前送不到，这个差评我是写定了。"
    assert_threat(text)
    conversation = call(GREETING, ("C", "我下午买的菜少了一盒鸡蛋，一袋青菜也是烂的。"), ("A", "抱歉，您需要退款还是补送？"), ("C", text))
    assert EscalationAnalyzer().analyze(conversation).items["threat"].value == 0.0


def test_a_request_made_earlier_and_withdrawn_in_a_later_turn_is_no_threat():
    conversation = call(GREETING, ("C", "上午我让你们升级处理的那笔转账，现在钱已经到了。"),
                        ("A", "好的，我看到您上午提交的升级工单还在处理中。"), ("C", "那个不用了，帮我撤销吧，谢谢你们。"))
    assert not counts_threat(conversation, None)


def test_a_request_made_earlier_and_kept_stays_a_threat():
    conversation = call(GREETING, ("C", "上午我让你们升级处理的那笔转账，到现在还没到。"),
                        ("A", "好的，升级工单还在处理中。"), ("C", "那你们抓紧，今天必须给我个说法。"))
    assert counts_threat(conversation, None)


@pytest.mark.parametrize("text", [
    "又是急单 我 我告诉你 明天还不来 我就投宿那个师傅 连你们一起",
    "别查了 我 我昨天已经在妖二三妖五那边登记 了 他们说会联系你们",
    "再不处理我就打吆二三四五",
])
def test_recogniser_slips_in_the_cue_word_are_read_as_the_word(text):
    assert_threat(text)
    assert alerts(text, None)


@pytest.mark.parametrize("text", ["我想在你们酒店投宿一晚", "出差的时候在那个镇上投宿过"])
def test_a_nights_lodging_is_no_threat(text):
    assert "threat" not in reasons(text)
