"""Rulebook 2026.12.01 (issue 9, pass cn23, eval/labels/confirm_calls_pass23_protocol.md): 禁语 in everyday words —
我管不了 with a filler between and the customer told to settle it with the rider themselves (推诿), booking a time with the
shop no sending back; the fault kept off the merchant in the potential form 怪不到 / 怪不着, and damage put on the customer's
own hands with words between (指责); satisfaction promised with 是 / 会 between, a refund promised for a day, an outcome
promised as won (过度承诺); the swear infix after the address, without 的 (辱骂); 那您说吧 thrown back with what the customer
wants (顶撞). Each family has look-alike guards that must not change. Every sentence here is our own (none from the
labelled call sets)."""

from __future__ import annotations

import pytest

from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.rulebook import load_rulebook
from tests.analyzers._service_act_calls import flagged as _flagged


@pytest.fixture(scope="module")
def default() -> KeywordAnalyzer:
    return KeywordAnalyzer()


# ------------------------------------------------------------------ 1. 推诿: 管不了 with a filler, the rider left to the customer

@pytest.mark.parametrize("line", [
    "我这边管不了骑手的",
    "这个我们这边也管不了",
    "客服这里真的管不着",
    "您自己跟骑手说吧",
    "你自己再找配送员沟通一下",
    "您还是自己跟站点联系吧",
])
def test_refusing_ownership_with_a_filler_or_the_rider_is_dismissive(default, line):
    assert "forbidden_dismissive" in _flagged(default, line)


@pytest.mark.parametrize("line", [
    "我这边管不了但是我帮您反馈给专员",             # acting in the same line
    "我们这边帮您跟骑手说一下",                     # the agent does it
    "您可以联系商家预约其他时间",                   # booking a time, the customer's own step with the shop
    "那您跟门店预约一下明天的时间",
    "您自己跟骑手联系过吗",                         # asking what the customer did
    "骑手说他管不了这个",                           # reported
])
def test_dismissive_look_alikes_stay_clean(default, line):
    assert "forbidden_dismissive" not in _flagged(default, line)


# ------------------------------------------------------------------ 2. 指责: 怪不到 / 怪不着, damage on the customer's hands

@pytest.mark.parametrize("line", [
    "这也怪不到商家头上",
    "这个怪不着我们平台",
    "那也赖不到骑手身上",
])
def test_the_fault_kept_off_the_merchant_is_blame(default, line):
    assert "forbidden_blame" in _flagged(default, line)


@pytest.mark.parametrize("line", [
    "是不是您这边拿到以后自己拆开的呢",
    "是你收到以后自己弄洒的吧",
    "是不是您自己不小心摔坏的",
])
def test_damage_put_on_the_customers_own_hands_is_blame(default, line):
    assert "forbidden_blame" in _flagged(default, line)


@pytest.mark.parametrize("line", [
    "这个怪不到您头上是商家的问题",
    "不是您自己拆开的对吧那就是骑手的问题",         # denied
    "如果是您自己拆开的话我们就没办法了",           # a condition
    "是不是您自己下的单呢",                         # who ordered, no damage named
                 # the fault taken off the customer
    "我们这边帮您找商家核实一下",
])
def test_blame_look_alikes_stay_clean(default, line):
    assert "forbidden_blame" not in _flagged(default, line)


# ------------------------------------------------------------------ 3. 过度承诺: satisfaction with 是 / 会 between, a refund for a day, an outcome won

@pytest.mark.parametrize("line", [
    "您放心肯定是会给您一个满意的结果的",
    "一定是能给您个满意的答复",
    "这个事情一定是让您满意的",
    "我们肯定会让您非常满意",
    "我催了以后百分之百今天给您退回来",
    "肯定明天就给您退",
    "我一定给您争取到全额赔偿",
    "这个肯定帮您申请下来",
])
def test_satisfaction_promised_with_words_between_is_promise(default, line):
    assert "forbidden_promise" in _flagged(default, line)


@pytest.mark.parametrize("line", [
    "不一定是会给您一个满意的结果",                 # negated
    "我们会尽量让您满意",                           # hedged, no certainty
    "如果您不满意的话可以再次来电",
    "肯定是给您个答复的",                           # an answer promised, not satisfaction
    "我尽量今天给您退回来",                         # hedged
    "不一定今天能给您退",                           # negated
    "我一定尽力帮您争取",                           # effort, not the result
    "我帮您尽量争取到一个退款",                     # hedged
    "一般明天会给您退回来",                         # an estimate
])
def test_promise_look_alikes_stay_clean(default, line):
    assert "forbidden_promise" not in _flagged(default, line)


# ------------------------------------------------------------------ 4. 辱骂: the swear infix after the address

@pytest.mark.parametrize("line", [
    "你他妈能不能好好说话",
    "您他妈听清楚了没有",
    "你特么别再打了",
])
def test_the_swear_infix_at_the_customer_is_profanity(default, line):
    assert "forbidden_profanity" in _flagged(default, line)


@pytest.mark.parametrize("line", [
    "你他妈妈来接电话了吗",                         # a mother
    "我他妈等了一个小时",                           # the speaker's own words, not aimed at the customer
    "您说骑手说你他妈能不能快点是吗",               # the customer quoted back
])
def test_profanity_look_alikes_stay_clean(default, line):
    assert "forbidden_profanity" not in _flagged(default, line)


# ------------------------------------------------------------------ 5. 顶撞: 那您说吧 + what the customer wants


@pytest.mark.parametrize("line", [
    "那您说吧您现在诉求是什么",
    "那你说嘛你到底想要什么",
    "那您说吧您想怎么办",
])
def test_that_you_say_then_what_do_you_want_is_rude(default, line):
    assert "forbidden_rude" in _flagged(default, line)


@pytest.mark.parametrize("line", [
    "您说吧",                                       # an invitation to go on
    "那您说吧",
    "请问您现在的诉求是什么呢",                     # a plain question
    "那您说一下您的诉求是什么我帮您记录",
])
def test_rude_look_alikes_stay_clean(default, line):
    assert "forbidden_rude" not in _flagged(default, line)


def test_the_shipped_rulebook_is_2026_12_01_or_later():
    book = load_rulebook()
    assert book.version >= "2026.12.01"
    versions = {r.id: r.version for r in book.rules}
    assert versions["forbidden_dismissive"] >= 11 and versions["forbidden_blame"] >= 7
    assert versions["forbidden_promise"] >= 10 and versions["forbidden_profanity"] >= 4
    assert versions["forbidden_rude"] >= 11
