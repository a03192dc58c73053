"""Rulebook 2026.11.30 (issue 9, pass cn21, eval/labels/confirm_calls_pass21_protocol.md): confirm_need's precision —
the confirm-need model's hit must restate something.

The model (`[detectors.need_check]`) learnt that a short line closed by a tag is a check; it also fires on a line that
checks which item, stay or order the call is about, read from the record (这个是麻辣香锅对吧 · 您是订的昨天入住的对吧 · 这边看到
您有一个订单里面有三样商品是吧). GUIDE.md / LABELLING.md, confirm need: the agent restates the customer's *problem or request*
and checks it; "Not: confirming only the order, date or phone number". A line that shares no content with anything the
customer has said so far in the call, and names no failure or wish (`restating_cues`: 没 · 不 · 坏 · 退 · 想 …), restates
nothing the customer said: it must reach `min_probability_unshared` (0.95), not the group's 0.8. Contrasts that keep the
group's bar: the customer's own words echoed (嗯洗洁精是吗 after 送成了洗洁精), a failure named in other words (热水器用不了是吗),
a tag said alone (是吧先生, completing the line before).

The same pass adds to `[detectors.need_check] record_checks` (lines the model does not score), GUIDE.md "Not: confirming
only the order, date or phone number": an item, shop or stay of the order picked out by 这个 and checked (是这个海景民宿对吧 ·
您现在入住的是这个海景民宿对吧), not 是这个情况对吧 (pointing back at the report) nor a line naming the failure (是这个蛋糕压扁了
对吧); the caller's role checked (嗯嗯您是商家是吧); a number read back alone (嗯八一二是吧), not with the failure
(三零二房间空调坏了是吧). And `record_questions`: the customer's answer to the agent's which-shop / which-order question (您是
在哪家店买的呢 | 就是那个肯德基) is a record detail, so echoing it back (嗯肯德基的是吧) shares nothing of the problem; the shop
named in the complaint itself still does.
Every sentence here is our own (none from the labelled call sets)."""

from __future__ import annotations

import pytest

from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.rulebook import load_rulebook
from qa_engine.text import normalize
from tests.analyzers._service_act_calls import confirms_need

HOTEL = "我订的民宿到了发现热水器坏了"


@pytest.fixture(scope="module")
def default() -> KeywordAnalyzer:
    return KeywordAnalyzer()


def _model_hit(analyzer: KeywordAnalyzer, customer: str, line: str, bar: float = 0.8) -> bool:
    """Whether the confirm-need model finds the agent's ``line`` (after ``customer`` and a back-channel) at ``bar``."""
    detector = analyzer.compiled.detectors["need_check"]
    texts = [normalize(customer), normalize("嗯"), normalize(line)]
    return len(detector.find(texts, [2], ["customer", "agent", "agent"], bar)) == 1


@pytest.mark.parametrize(("customer", "line", "confirmed"), [
    # which stay or what the order holds, read from the record: nothing the customer said, no failure named
    (HOTEL, "您是订的昨天入住的对吧", False),
    (HOTEL, "那这边看到您有一个订单里面有三样商品是吧", False),
    # the reported failure restated, in the customer's words or others
    (HOTEL, "热水器用不了是吗", True),
    (HOTEL, "就是说热水器坏了是吗", True),
    ("我点的奶茶里面有一根头发", "有头发是吗", True),
    # the wrong item the customer named, echoed and checked
    ("我买的洗衣液送成了洗洁精", "嗯洗洁精是吗", True),
])
def test_a_model_hit_must_restate_what_the_customer_said(default, customer, line, confirmed):
    assert confirms_need(default, customer, line) is confirmed


@pytest.mark.parametrize(("customer", "line", "hit"), [
    (HOTEL, "您是订的昨天入住的对吧", False),
    (HOTEL, "那这边看到您有一个订单里面有三样商品是吧", False),
    ("我点的外卖送来汤全洒了", "嗯好的这个是酸菜鱼对吧", False),
    # shares the customer's words: the group's bar
    ("我买的洗衣液送成了洗洁精", "嗯洗洁精是吗", True),
    ("我买的蛋糕送来都压扁了", "蛋糕送来的时候已经压扁了是吗", True),
    # a tag said alone completes the agent's line before it: the group's bar
    ("我那个快递一直没有送到", "是吧先生", True),
])
def test_the_model_bar_is_higher_for_a_line_that_restates_nothing(default, customer, line, hit):
    assert _model_hit(default, customer, line) is hit


def test_a_failure_named_in_other_words_keeps_the_group_bar(default):
    detector = default.compiled.detectors["need_check"]
    assert detector.options.min_probability_unshared == 0.95
    assert detector._restates([normalize("我的快递呢"), normalize("一直没有送到是吗")], ["customer", "agent"], 1)
    assert not detector._restates([normalize("我的快递呢"), normalize("这个是宫保鸡丁对吧")], ["customer", "agent"], 1)


def test_without_the_option_every_line_keeps_the_group_bar():
    from qa_engine.analyzers.service_acts import NeedCheck, NeedCheckOptions

    plain = NeedCheck(NeedCheckOptions())
    texts = [normalize(HOTEL), normalize("嗯"), normalize("您是订的昨天入住的对吧")]
    assert len(plain.find(texts, [2], ["customer", "agent", "agent"], 0.8)) == 1


def test_the_shipped_rulebook_is_2026_11_30_or_later():
    assert load_rulebook().version >= "2026.11.30"


def _record(analyzer: KeywordAnalyzer, line: str) -> bool:
    """Whether ``line`` matches a `record_checks` pattern (the model does not score it)."""
    return analyzer.compiled.detectors["need_check"]._record.search(normalize(line)) is not None


@pytest.mark.parametrize(("line", "record"), [
    # which item, shop or stay, picked by 这个
    ("是这个海景民宿对吧", True),
    ("您现在入住的是这个海景民宿对吧", True),
    ("嗯好的我看一下是这个手撕面包两袋装的对吧", True),
    ("嗯好的这个是宫保鸡丁对吧", True),
    # pointing back at the report, or naming the failure: scored
    ("是这个情况对吧", False),
    ("是这个蛋糕压扁了对吧", False),
    ("是这个蛋糕送来的时候已经化了吗", False),
    # the caller's role
    ("嗯嗯您是商家是吧", True),
    ("您是骑手对吗", True),
    ("您是商家这边骑手一直不来取餐是吧", False),
    # a number read back alone
    ("嗯八一二是吧", True),
    ("七五是吧", True),
    ("三零二房间空调坏了是吧", False),
])
def test_a_detail_picked_from_the_record_is_not_scored(default, line, record):
    assert _record(default, line) is record


@pytest.mark.parametrize(("customer", "line"), [
    ("我订的海景民宿到了发现热水器坏了", "是这个海景民宿对吧"),
    ("喂你好我这边是商家啊骑手一直不来取餐", "嗯嗯您是商家是吧"),
])
def test_a_detail_picked_from_the_record_is_no_confirm_need(default, customer, line):
    assert not confirms_need(default, customer, line)


def _shop_echo(analyzer: KeywordAnalyzer, turns: list[tuple[str, str]]) -> bool:
    detector = analyzer.compiled.detectors["need_check"]
    texts = [normalize(t) for _, t in turns]
    roles = [r for r, _ in turns]
    return len(detector.find(texts, [len(turns) - 1], roles, 0.8)) == 1


def test_echoing_the_answer_to_a_which_shop_question_restates_nothing(default):
    asked = [("customer", "我买的奶茶送来洒了一半"), ("agent", "您是在哪家店买的呢"), ("customer", "就是那个肯德基"),
             ("agent", "嗯肯德基的是吧")]
    assert not _shop_echo(default, asked)
    # the shop named in the complaint itself: the customer's words, the group's bar
    told = [("customer", "我买的肯德基汉堡送来全凉了"), ("agent", "嗯"), ("agent", "嗯肯德基的是吧")]
    assert _shop_echo(default, told)
