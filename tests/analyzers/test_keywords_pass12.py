"""Rulebook 2026.11.21 (issue 9, pass cn12, eval/labels/confirm_calls_pass12_protocol.md): confirm_need read from the
customer's complaint in forms the topic list misses — a restatement read from the record and checked whatever the
topic (看到您之前反馈…是这个问题吗), what was ordered set against what came (点的A送成了B是吗), a delivery to an old address
restated. Each family has look-alikes that must not change (which order, an unnamed problem, a condition, a bare address
check). Every sentence here is our own (none from the labelled call sets)."""

from __future__ import annotations

import pytest

from qa_engine.analyzers.keywords import KeywordAnalyzer
from tests.analyzers._service_act_calls import BYE, HELLO
from tests.analyzers.test_keywords_operators import conv


@pytest.fixture(scope="module")
def default() -> KeywordAnalyzer:
    return KeywordAnalyzer()


def _confirm(analyzer: KeywordAnalyzer, line: str, customer: str = "嗯") -> float:
    items = analyzer.analyze(conv(HELLO, ("C", customer), ("A", line), ("C", "对的"), *BYE)).items
    return items["confirm_need"].value


# ------------------------------------------------------------------ 1. a restatement read from the record, checked

@pytest.mark.parametrize("line", [
    "我这边看到您之前反馈骑手送餐的时候对您大吼大叫是这个问题吗",
    "看到您昨天反馈骑手说让您自己去楼下取是这个事情吗",
    "查到您刚才投诉商家一直不接电话对吧",
    "看到您这边反映店员把您的奶茶倒掉了是吗",
])
def test_a_restatement_read_from_the_record_and_checked_is_one(default, line):
    assert _confirm(default, line) == 1.0


@pytest.mark.parametrize("line", [
    "看到您之前反馈过一个订单问题对吗",          # an unnamed problem of an order: nothing restated
    "看到您之前来电反馈过是吗",
    "看到您之前反馈的是这笔订单对吗",            # which order
    "我看到您之前是反映过这个订单是吗",
    "看到您之前反馈过的情况我们已经在处理了是吧",  # the handling's status
    "看到您之前反馈过什么问题吗",                # an open question
    "看到您之前反馈的手机号是尾号***的对吗",      # which phone
    "看到您之前反馈过我们会尽快处理",            # no check
])
def test_the_record_read_back_without_a_restatement_is_none(default, line):
    assert _confirm(default, line) == 0.0


# ------------------------------------------------------------------ 2. what was ordered set against what came

@pytest.mark.parametrize("line", ["点的不加葱给做成了全是葱的是吗", "嗯订的双人套餐送成了单人的对吧",
                                  "您点的是原味的结果做成了麻辣的对吗"])
def test_what_was_ordered_set_against_what_came_is_a_restatement(default, line):
    assert _confirm(default, line, "我点的不加葱的结果全是葱") == 1.0


@pytest.mark.parametrize("line", ["点的套餐做成了以后多久能送到吗",  # asking when, not restating
                                  "点的是大份的对吗",              # which item only
                                  "点的什么送成了什么呢"])          # an open question
def test_an_order_detail_or_a_question_after_the_choice_is_none(default, line):
    assert _confirm(default, line) == 0.0


# ------------------------------------------------------------------ 3. delivered to an old address, restated

@pytest.mark.parametrize("line", ["送到您以前的地址了是吗", "骑手给您送到老地址去了对吧", "是送到原来的地址了是吧"])
def test_a_delivery_to_an_old_address_restated_is_one(default, line):
    assert _confirm(default, line, "骑手送到我以前住的地方去了") == 1.0


@pytest.mark.parametrize("line", ["您的地址是幸福路***号对吗", "收货地址是这个是吗", "您现在的地址在哪里呢"])
def test_checking_which_address_is_none(default, line):
    assert _confirm(default, line, "骑手送到我以前住的地方去了") == 0.0
