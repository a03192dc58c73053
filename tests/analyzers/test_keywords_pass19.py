"""Rulebook 2026.11.29 (issue 9, pass cn19, eval/labels/confirm_calls_pass19_protocol.md): confirm_need's precision —
questions that offer choices and lines that only check a detail of the order are no confirmation, read as frames with
their contrasts.

1. The customer's wish put to them (您是想退款吗 · 您这边是想反馈商家卫生问题吗) restates it; the same frame offering choices
   or asking an open question (您这边是想补送一份还是说给您退款呢 · 您是想投诉呢还是说 · 您这边是想怎么处理呢) asks what they
   want (`confirm_need.wish`, not_followed_by). A line that ends in a check restates their question (您是想问一下…什么时候能
   送到是吧); 您是说…还是… (which problem they meant) checks their words and still counts. GUIDE.md / LABELLING.md, confirm
   need: not an open or alternative question.
2. The confirm-need model does not score a line that only reads back a masked number (嗯好的是***对吧), how long or how many
   were booked (嗯入住两晚是吧), an amount of the order (押金金额是两百元对吗) or when the stay ended (先生您是前天退房的对吧)
   (`[detectors.need_check] record_checks`); a line that goes on to the problem, a claimed amount and a tag said alone
   (是吧先生, completing the line before) are still scored. GUIDE.md, confirm need: "Not: confirming only the order, date
   or phone number".
3. The restatement detector takes neither when the stay ended (先生您是前天退房的对吧: 退 in 退房 is no refund) nor a record
   value checked with 对吗 / 是吗 through its question ending (押金金额是两百元对吗) for a restated topic
   (`[detectors.restatement] record_values`, read by both checks).
Every sentence here is our own (none from the labelled call sets)."""

from __future__ import annotations

import pytest

from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.rulebook import load_rulebook
from tests.analyzers._service_act_calls import BYE, HELLO, OK, confirms_need, items, need_check_scores, pattern_restates


@pytest.fixture(scope="module")
def default() -> KeywordAnalyzer:
    return KeywordAnalyzer()


# ------------------------------------------------------------------ 1. the wish asked vs the wish restated

MISSING = "我点的外卖少送了一份饮料"


@pytest.mark.parametrize("line, confirmed", [
    ("那您这边是想让商家补送一份还是说直接给您退款呢", False),  # a choice of remedies
    ("那您是想换一份呢还是说", False),
    ("您是想退饮料的钱或者重新送一杯呢", False),
    ("那先生您这边是想怎么处理呢", False),  # an open question
    ("您是想要什么样的补偿呢", False),
    ("您是想退这杯饮料的钱吗", True),  # the wish put back, yes / no
    ("您这边是想反馈商家漏送的问题吗", True),
    ("您是想问一下饮料什么时候能补送过来是吧", True),  # their question restated, with a check
    ("您是说少送了饮料还是说整单都没送到啊", True),  # which problem they meant: 您是说
])
def test_a_wish_frame_that_offers_choices_is_no_confirmation(default, line, confirmed):
    assert confirms_need(default, MISSING, line) is confirmed


# ------------------------------------------------------------------ 2. a detail of the order read back: not scored

@pytest.mark.parametrize("line, scored", [
    ("嗯好的是***对吧", False),  # a masked number read back: which bike, order, phone
    ("是这个***是吗", False),
    ("嗯入住两晚是吧", False),  # how long was booked
    ("您是订了一间是吗", False),  # how many
    ("嗯押金金额是两百元对吗", False),  # an amount of the order
    ("先生您是前天退房的对吧", False),  # when the stay ended
    ("是吧先生", True),  # a tag said alone (completes the line before)
    ("嗯就是这个车子扫不开对吧", True),  # the problem
    ("入住两晚但是房间一直没有打扫是吧", True),
    ("多扣的金额是二十块是吧", True),  # the charge the customer reports
    ("您是前天退房的时候押金没有退给您对吧", True),  # the date, then the problem
])
def test_only_a_detail_of_the_order_read_back_is_not_scored_by_the_model(default, line, scored):
    assert need_check_scores(default, line) is scored


def test_a_booking_read_back_is_no_confirm_need(default):
    f = items(default, HELLO, ("C", "我订的酒店想改一下日期"), ("A", "好的我帮您查一下"),
              ("A", "嗯入住两晚是吧"), OK, ("A", "好的我帮您联系一下酒店"), *BYE)
    assert f["confirm_need"].value == 0.0


# ------------------------------------------------------------------ 3. a date or a value checked: no restated topic

DEPOSIT = "我退房的时候两百块押金没有退给我"


@pytest.mark.parametrize("line, restated", [
    ("先生您是前天退房的对吧", False),  # when: which stay
    ("嗯押金金额是两百元对吗", False),  # the value, checked through 吗
    ("押金实付是两百元是吗", False),
    ("您是说退房的时候押金没退是吗", True),  # the problem
    ("就是退房之后押金没有退给您对吗", True),
])
def test_a_date_or_value_read_back_is_no_restated_topic(default, line, restated):
    assert pattern_restates(default, DEPOSIT, line, any_pattern_group=True) is restated


def test_the_shipped_rulebook_is_2026_11_29_or_later():
    book = load_rulebook()
    assert book.version >= "2026.11.29"  # later rulebooks keep what 2026.11.29 shipped
    rule = next(r for r in book.rules if r.id == "confirm_need")
    wish = next(g for g in rule.groups if g.id == "wish")
    assert "还是" in wish.not_followed_by
    assert len(book.detectors["restatement"]["record_values"]) >= 2
