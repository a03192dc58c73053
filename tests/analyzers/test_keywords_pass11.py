"""Rulebook 2026.11.20 (issue 9, pass cn11, eval/labels/confirm_calls_pass11_protocol.md): 禁语 read in the agent's own
words — the customer's duty left undone or their own slip put to them (指责), impatience in ordinary words (顶撞 /
不耐烦), washing hands of the matter (推诿), satisfaction promised and a promise refused in other words (过度承诺), the top
option named (诱导好评), a third party's words to the customer read back (reported, not the agent's); and three headline
forms (a choice set against what happened without 您, 还有别的要问的吗, the customer's own slip owes no apology). Each
family has look-alike guards that must not change. Every sentence here is our own (none from the labelled call sets)."""

from __future__ import annotations

import pytest

from qa_engine.analyzers.keywords import KeywordAnalyzer
from tests.analyzers._service_act_calls import BYE, HELLO
from tests.analyzers._service_act_calls import flagged as _flagged
from tests.analyzers._service_act_calls import items as _items


@pytest.fixture(scope="module")
def default() -> KeywordAnalyzer:
    return KeywordAnalyzer()


# ------------------------------------------------------------------ 1. 指责: the customer's duty or slip put to them

@pytest.mark.parametrize("line", [
    "那您点餐的时候也没写备注呀",
    "您签收的时候都不检查一下的吗",
    "你下单前自己不看清楚",
    "那您当时怎么没有核对一下呢",
    "你为什么不提前确认一下",
    "是不是您自己电话号码填错了",
    "您自己规格选错了吧",
    "这个是您自己的操作失误",
    "那这个也不能怪骑手啊",
    "这种情况怪不得商家",
])
def test_the_customers_duty_or_slip_put_to_them_is_blame(default, line):
    assert "forbidden_blame" in _flagged(default, line)


@pytest.mark.parametrize("line", [
    "您下单的时候有备注吗",                       # a plain check, no stress
    "您下单的时候没有备注是吗",
    "您自己下单的时候有没有选错规格呢",            # asking whether
    "如果是您自己填错了地址的话我们也可以帮您改",    # a condition
    "您是说您自己填错了是吗",                     # the customer's words checked back
    "这个不怪您是骑手送错了",                     # taking the fault off the customer
    "您怎么称呼呢",
    "您自己确认一下收货地址",
])
def test_blame_look_alikes_stay_clean(default, line):
    assert "forbidden_blame" not in _flagged(default, line)


# ------------------------------------------------------------------ 2. 顶撞 / 不耐烦 in ordinary words

@pytest.mark.parametrize("line", [
    "我都说了这个没办法加急",
    "您到底有没有在听啊",
    "你能不能好好听我讲",
    "您听我说完行不行",
    "这个我已经给您讲过两遍了",
    "我都解释第四遍了",
    "您还要我说几遍",
    "你怎么就听不明白呢",
    "我说得还不够清楚吗",
    "您冲我发火也没用",
    "您再吼也没有用",
    "您别再问我了",
    "你这人怎么这样",
    "那您还想怎么样嘛",
])
def test_impatience_in_ordinary_words_is_rude(default, line):
    assert "forbidden_rude" in _flagged(default, line)


@pytest.mark.parametrize("line", [
    "我刚才跟您说了会在二十四小时内回复",           # a plain reminder
    "我都说了什么您还记得吗",
    "您听我给您解释一下",
    "您听得清楚吗",
    "您到底想要退款还是换货呢",
    "您能不能提供一下订单号",
    "我说得不太清楚我再说一遍",
    "您想怎么处理呢",
    "您第二次来的时候可以直接找前台",
    "您别着急我马上帮您处理",
])
def test_impatience_look_alikes_stay_clean(default, line):
    assert "forbidden_rude" not in _flagged(default, line)


# ------------------------------------------------------------------ 3. 推诿: washing hands of the matter

@pytest.mark.parametrize("line", [
    "这个不是我们平台的问题",
    "这个跟我们就没有关系了",
    "这不是我们的责任",
    "您找我们也没用",
    "您跟我说也没有用",
    "反正您找谁都一样",
    "这个我说了不算",
    "您自己看着办吧",
    "您去问商家吧",
    "你找骑手去吧",
])
def test_washing_hands_of_the_matter_is_dismissive(default, line):
    assert "forbidden_dismissive" in _flagged(default, line)


@pytest.mark.parametrize("line", [
    "这个不是我们平台的问题我们也会帮您跟进",        # still acting in the same line
    "商家说这个跟他们没有关系",                     # a third party's words
    "这不是您的责任",                              # the customer's fault denied
    "这个跟我们没有关系的话我帮您核实一下",
    "我帮您联系商家",
    "没关系的我这边帮您联系骑手",
    "您去商家那边取一下就可以了",
])
def test_dismissive_look_alikes_stay_clean(default, line):
    assert "forbidden_dismissive" not in _flagged(default, line)


# ------------------------------------------------------------------ 4. 过度承诺: satisfaction promised; a promise refused

@pytest.mark.parametrize("line", [
    "您放心一定会给您一个满意的答复",
    "肯定给你一个满意的结果",
    "我们一定给您处理到满意为止",
])
def test_satisfaction_promised_is_over_promise(default, line):
    assert "forbidden_promise" in _flagged(default, line)


@pytest.mark.parametrize("line", [
    "我们会尽量给您一个满意的答复",                 # hedged
    "不一定能给您一个满意的结果",                   # negated
    "我不敢跟您说一定能退下来但是我会帮您申请",       # a promise refused in other words
    "这个我不能说肯定会处罚商家",
    "我这边不敢打包票",
])
def test_a_hedged_or_refused_promise_is_none(default, line):
    assert "forbidden_promise" not in _flagged(default, line)


# ------------------------------------------------------------------ 5. 诱导好评: the top option named

@pytest.mark.parametrize("line", [
    "一会儿评价的时候您点最好的那个选项就行",
    "待会儿麻烦给我打个最高分",
    "短信来了您选非常满意就可以了",
])
def test_the_top_option_named_is_soliciting(default, line):
    assert "forbidden_solicit_rating" in _flagged(default, line)


@pytest.mark.parametrize("line", [
    "稍后会有一条短信邀请您对我的服务进行评价",
    "麻烦您对本次服务做个评价",
    "您对这个处理结果满意吗",
    "我帮您选最好的那家店重新下单",
])
def test_a_neutral_rating_request_stays_clean(default, line):
    assert "forbidden_solicit_rating" not in _flagged(default, line)


# ------------------------------------------------------------------ 6. a third party's words to the customer, read back

@pytest.mark.parametrize("line", [
    "就是说那个骑手还对您说了滚是吗",
    "您说商家对你说了你有病是吧",
])
def test_what_someone_said_to_the_customer_read_back_is_not_the_agents(default, line):
    assert _flagged(default, line, "骑手骂我了") == set()


def test_the_agents_own_abuse_still_counts(default):
    assert "forbidden_profanity" in _flagged(default, "你给我滚")


# ------------------------------------------------------------------ 7. headline forms

@pytest.mark.parametrize("line", ["点的是大份结果送来的是小份对吧", "嗯订的十二点结果一点才送到是吗"])
def test_a_choice_set_against_what_happened_without_nin_is_a_restatement(default, line):
    f = _items(default, HELLO, ("C", "我点的大份给我送的小份"), ("A", line), ("C", "对"), *BYE)
    assert f["confirm_need"].value == 1.0, f["confirm_need"].evidence


@pytest.mark.parametrize("line", ["点的是大份结果需要您再补差价对吧", "点的什么结果呢"])
def test_a_condition_or_an_open_question_after_the_choice_is_none(default, line):
    f = _items(default, HELLO, ("C", "嗯"), ("A", line), ("C", "对"), *BYE)
    assert f["confirm_need"].value == 0.0


@pytest.mark.parametrize("offer", ["还有别的要问的吗", "还有什么想了解的吗"])
def test_asking_what_else_they_want_to_ask_is_a_closing_offer(default, offer):
    f = _items(default, HELLO, ("C", "我想问下会员怎么退"), ("A", "您在我的页面里就可以退"), ("A", offer),
               ("C", "没了"), ("A", "好的再见"))
    assert f["closing_offer_help"].value == 1.0


@pytest.mark.parametrize("line", ["我刚才下单电话写错了能改吗", "我自己下单的时候数量选错了"])
def test_the_customers_own_slip_with_when_and_what_owes_no_apology(default, line):
    f = _items(default, HELLO, ("C", line), ("A", "可以的我帮您改一下"), *BYE)
    assert f["apology_on_complaint"].value is None


def test_a_merchants_slip_still_owes_one(default):
    f = _items(default, HELLO, ("C", "商家把我的地址写错了送到别的地方去了"), ("A", "我帮您联系一下"), *BYE)
    assert f["apology_on_complaint"].value == 0.0
