"""Rulebook 2026.11.24 (issue 9, pass cn15, eval/labels/confirm_calls_pass15_protocol.md): how agents confirm a need in
long, noisy calls, when an apology is due and when a recording starts too late to show the greeting, read as frames
with their contrasts.

1. confirm_need: the record's status set against what the customer got (显示已送达但是您没有拿到是吧); the tag in mid-line
   with the customer's wish after it (您是重复扣款了对吧想把多扣的退回来); an invoice for the order as the wish's object
   (您想给上周的外卖订单开发票是吗); 还有一个… (and also) inside a restatement.
2. apology_on_complaint: a line that only says what the customer bought (我订了一个酒店), or only that the order has not
   gone out yet (还没有配送), reports no failure.
3. greeting: a recording whose first line is the customer's 然后… starts inside their story (review, not fail).
Every sentence here is our own (none from the labelled call sets)."""

from __future__ import annotations

import pytest

from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.rulebook import load_rulebook
from tests.analyzers._service_act_calls import BYE, HELLO, OK, items, pattern_restates


@pytest.fixture(scope="module")
def default() -> KeywordAnalyzer:
    return KeywordAnalyzer()


def _confirm(analyzer: KeywordAnalyzer, customer: str, line: str) -> float:
    f = items(analyzer, HELLO, ("C", customer), ("A", "嗯"), ("A", line), OK, *BYE)
    return f["confirm_need"].value


# ------------------------------------------------------------------ 1. confirm_need

@pytest.mark.parametrize("line, restated", [
    ("嗯显示已送达但是您没有拿到是吧", True),
    ("写的是今天送达结果到现在还没发货对吧", True),
    ("显示已送达但是需要您先拍个照片是吧", False),  # the agent's condition after the contrast
    ("显示已送达请问您什么时候下的单是吧", False),  # an open question
])
def test_the_records_status_set_against_what_came(default, line, restated):
    assert pattern_restates(default, "骑手说送到了我根本没拿到", line) is restated


@pytest.mark.parametrize("line, restated", [
    ("嗯您是重复扣款了对吧想把多扣的退回来", True),
    ("你是收到的餐洒了是吧想要重新送一份", True),
    ("嗯宁是重复扣款了对吧想把多扣的退回来", True),  # 宁 for 您 ([asr_confusions])
    ("您是这个订单对吧想查一下", False),  # which order
    ("您是尾号***的手机对吧想问一下", False),  # which phone
    ("您是会员对吧要不要开通一个月卡", False),  # an offer, not the customer's wish
])
def test_the_tag_in_mid_line_with_the_wish_after_it(default, line, restated):
    assert pattern_restates(default, "我付了一次钱扣了两次", line) is restated


@pytest.mark.parametrize("line, restated", [
    ("就是说您想给上周的外卖订单开发票是吗", True),
    ("您需要给这个订单开个发票对吧", True),
    ("您想给这个订单开发票的话需要先确认收货是吧", False),  # a condition, not the wish checked
])
def test_an_invoice_for_the_order_is_the_wish(default, line, restated):
    assert pattern_restates(default, "上礼拜那几单外卖我想开发票", line) is restated


@pytest.mark.parametrize("line, restated", [
    ("就是说你这边少送了一份鸭血粉丝汤还有一个可乐是吗", True),
    ("就是说少了一份米饭还有两杯奶茶对吧", True),
    ("就是说您还有别的问题是吗", False),  # asks for more, restates nothing
])
def test_and_also_inside_a_restatement(default, line, restated):
    assert pattern_restates(default, "少送了一份粉丝汤和一个可乐", line) is restated


def test_a_restatement_found_by_the_pattern_passes_the_rule(default):
    assert _confirm(default, "我付了一次钱扣了两次", "嗯您是重复扣款了对吧想把多扣的退回来") == 1.0


# ------------------------------------------------------------------ 2. apology: a purchase or a wanted state is no failure

def _apology(analyzer: KeywordAnalyzer, *customer: str):
    lines = [("C", c) for c in customer]
    return items(analyzer, HELLO, *lines, ("A", "好的我这边帮您看一下"), *BYE)["apology_on_complaint"].value


@pytest.mark.parametrize("said", ["我订了一个酒店", "我在你们上面订了一个明天的火车票", "那个我刚刚下了一单"])
def test_saying_what_was_bought_reports_no_failure(default, said):
    detector = default.compiled.detectors["problem_report"]
    assert detector.find([said], [0], ["customer"], 0.0) == []


@pytest.mark.parametrize("said", ["我点了两个鸡腿只送来一个", "我订了一个酒店结果没有房间了", "我买了一份不新鲜的水果",
                                  "你好我中午点了一个那个外卖里面有头发", "我在你们上面订了一个酒店是坏的"])
def test_a_purchase_line_that_goes_on_to_what_came_is_still_scored(default, said):
    detector = default.compiled.detectors["problem_report"]
    assert detector.find([said], [0], ["customer"], 0.0) != []


@pytest.mark.parametrize("said", ["还没有配送", "嗯还没发货呢"])
def test_not_gone_out_yet_said_alone_is_no_failure(default, said):
    detector = default.compiled.detectors["problem_report"]
    assert detector.find([said], [0], ["customer"], 0.0) == []


@pytest.mark.parametrize("said", ["都等了一个小时了还没有配送", "我的外卖还没送到"])
def test_a_wait_or_a_delivery_owed_is_still_scored(default, said):
    detector = default.compiled.detectors["problem_report"]
    assert detector.find([said], [0], ["customer"], 0.0) != []


def test_an_address_change_before_dispatch_owes_no_apology(default):
    assert _apology(default, "我刚刚下了一单", "地址写成我家的了", "能不能帮我改一下地址", "还没有配送") is None


# ------------------------------------------------------------------ 3. greeting: the recording starts inside the story

@pytest.mark.parametrize("first, review", [
    ("嗯然后地址写成我家的了", True),
    ("所以说我现在还没吃上", True),
    ("结果送来的是凉的", True),
    ("喂你好", False),  # the customer's own opening: the agent's missing greeting is charged
    ("我然后又点了一单", False),  # 然后 not opening the line
])
def test_a_recording_that_starts_inside_the_customers_story(default, first, review):
    f = items(default, ("C", first), ("A", "嗯"), ("A", "对"), ("C", "我的外卖送错了"), *BYE)
    g = f["greeting"]
    assert g.value == 0.0  # no greeting said either way
    assert g.needs_review is review


def test_a_customers_then_after_the_agents_opening_is_ordinary_talk(default):
    f = items(default, ("A", "喂"), ("C", "然后地址写错了"), ("A", "嗯"), *BYE)
    assert f["greeting"].value == 0.0
    assert not f["greeting"].needs_review


def test_the_shipped_rulebook_is_2026_11_24_or_later():
    book = load_rulebook()
    assert book.version >= "2026.11.24"
    greeting, confirm = (r.version for r in book.rules if r.id in ("greeting", "confirm_need"))
    assert greeting >= 6 and confirm >= 15
    assert "opening_mid_story" in book.anchors
