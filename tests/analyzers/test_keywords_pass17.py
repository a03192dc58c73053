"""Rulebook 2026.11.26 (issue 9, pass cn17, eval/labels/confirm_calls_pass17_protocol.md): how agents confirm a need,
apologise and end a call, read as frames with their contrasts.

1. confirm_need: what came set against what was ordered or shown, checked (送来的餐品和您点的不一样是吗); a short yes / no
   answer to the customer's question that reuses their word (有门槛吗 | 有的不同的红包门槛不一样) is no echo.
2. apology_on_complaint: 不好意思 followed at once by the fault owned (不好意思给您送错了).
3. closings: the agent announcing the hang-up (好那挂了), or the customer breaking off with a bare 行了 / 算了, ends the
   call — a missing offer or farewell is charged, not sent to review.
Every sentence here is our own (none from the labelled call sets)."""

from __future__ import annotations

import pytest

from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.rulebook import load_rulebook
from tests.analyzers._service_act_calls import BYE, HELLO, items, pattern_restates


@pytest.fixture(scope="module")
def default() -> KeywordAnalyzer:
    return KeywordAnalyzer()


# ------------------------------------------------------------------ 1. confirm_need

@pytest.mark.parametrize("line, restated", [
    ("送来的餐品和您点的不一样是吗", True),
    ("嗯收到的手机壳跟图片颜色不一样是吗", True),  # a phone case is the goods, not a phone number
    ("实际情况跟照片不符而且卫生不好是吗", True),
    ("房间跟页面上写的不一致对吧", True),
    ("您留的手机号和下单的号码不一样是吗", False),  # a phone number: logistics
    ("送来的跟订单上的不一样是吗", False),  # the order
    ("跟图片哪里不一样呢是吗", False),  # an open question
    ("颜色跟图片不一样的话拍个照片是吗", False),  # a condition, not the problem
])
def test_what_came_set_against_what_was_ordered_or_shown(default, line, restated):
    assert pattern_restates(default, "我买的东西跟图片上的完全不一样", line) is restated


@pytest.mark.parametrize("customer, line, restated", [
    ("红包有门槛吗", "有的不同的红包门槛不一样", False),  # answers the question with its word
    ("这个能退吗", "可以的退款三天到账", False),
    ("红包门槛太高了", "红包门槛太高", True),  # no question asked: the echo stands
    ("我外卖里有头发", "头发头发", True),
])
def test_a_yes_no_answer_to_the_customers_question_is_no_echo(default, customer, line, restated):
    assert pattern_restates(default, customer, line) is restated


# ------------------------------------------------------------------ 2. apology: the fault owned

@pytest.mark.parametrize("line, given", [
    ("不好意思给您送错了", True),
    ("不好意思啊给您弄漏了", True),
    ("不好意思让您少收了一份", True),
    ("不好意思给您发一条短信您查收一下", False),  # excuse me before a step
    ("不好意思您看一下订单页面", False),
])
def test_sorry_followed_by_the_fault_owned(default, line, given):
    f = items(default, HELLO, ("C", "我的外卖送错了送来的不是我点的"), ("A", line), ("A", "我这边给您处理"), *BYE)
    assert (f["apology_on_complaint"].value == 1.0) is given


# ------------------------------------------------------------------ 3. closings: the call ended, no close

def _closings(analyzer: KeywordAnalyzer, *end):
    f = items(analyzer, HELLO, ("C", "我的外卖送错了"), ("A", "不好意思给您送错了我这边给您申请退款"), *end)
    return f["closing_offer_help"], f["closing_farewell"]


@pytest.mark.parametrize("end", [
    [("C", "好了"), ("A", "好那挂了")],
    [("C", "嗯"), ("A", "那我先挂了啊")],
    [("C", "行了"), ("A", "嗯")],  # the customer breaks off
    [("C", "算了吧"), ("A", "嗯")],
])
def test_a_call_that_ended_without_a_close_is_charged(default, end):
    for item in _closings(default, *end):
        assert item.value == 0.0
        assert not item.needs_review


@pytest.mark.parametrize("end", [
    [("C", "嗯"), ("A", "商家那边挂了")],  # the other side hanging up, mid-story
    [("C", "嗯"), ("A", "嗯")],  # cut while talking: unknowable
    [("C", "行了解了那我再看看"), ("A", "嗯")],  # the line goes on
    [("C", "我算了一下是二十块"), ("A", "嗯")],
])
def test_a_recording_cut_mid_talk_still_goes_to_review(default, end):
    for item in _closings(default, *end):
        assert item.needs_review


def test_the_agents_hang_up_after_a_farewell_passes_it(default):
    offer, farewell = _closings(default, ("C", "好了"), ("A", "好的再见那我先挂了"))
    assert farewell.value == 1.0


def test_the_shipped_rulebook_is_2026_11_26_or_later():
    book = load_rulebook()
    assert book.version >= "2026.11.26"
    confirm, apology = (r.version for r in book.rules if r.id in ("confirm_need", "apology_on_complaint"))
    assert confirm >= 16 and apology >= 10
    assert "有的" in book.detectors["restatement"]["echo_answer_openings"]
