"""Rulebook 2026.12.02 (issue 9, eval/labels/verify_identity_pass_protocol.md): verify_identity v3 — the order or shop
the call is about picked out with a check, and a message sent to the caller's number is no check. Lines are invented in
the register of the real calls (masked names as *****)."""

from __future__ import annotations

import pytest

from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.rulebook import load_rulebook
from tests.analyzers._service_act_calls import verifies


@pytest.fixture(scope="module")
def default() -> KeywordAnalyzer:
    return KeywordAnalyzer()


@pytest.mark.parametrize("line", [
    "是*******这个吗",  # the masked shop name is dropped by normalisation: 是这个吗
    "嗯是这个*****的是吗",
    "*****的这个吗",
    "商家呃拉面是这个******这个是吧",
    "沙县小吃那个是吗",
    "请问下是反馈*******订单问题吗",
    "看到咱们这边儿有反馈这个***的订单问题是这个订单问题需要处理吗",
    "您反馈是哪个订单这边儿吃到虫了先生",
    "看到您有下两个订单是这个一百多的还是这个五百多的呢",
    "我看一下是今天购买那个****家店铺吗",
    "我这边呢看到您是在十二点五十九分下单的这个四川老饭庄的这个订单就是说出现了这种情况对吧",
])
def test_the_order_or_shop_picked_out_with_a_check_verifies(default, line):
    assert verifies(default, line)


@pytest.mark.parametrize("line", [
    # a long line ending in 这个吗 points at something else, not the order
    "您是说您收到的这个餐品里面的头发是在米饭里面的这个吗",
    "是这个问题吗",
    "您是想要退款是吗",
    # the customer's wish about the shop, not which shop
    "咱们这边是需要投诉这个*****的商家吗",
    # a message or a call-back sent to the caller's number informs; it checks nothing
    "我这边呢给您来电的手机号码上面发送一条短信然后辛苦您把图片上传一下",
    "专员会在四个小时之内回电到您手机尾号六六二八的手机您注意接听",
    "我向您来电号码发了个短信过去了",
])
def test_look_alikes_do_not_verify(default, line):
    assert not verifies(default, line)


def test_an_identity_check_by_the_number_still_verifies(default):
    assert verifies(default, "为了您的账户安全请您提供一下手机尾号后四位")
    assert verifies(default, "我给您来电号码发一个验证码您报一下")


def test_the_shipped_rulebook_is_2026_12_02_or_later():
    book = load_rulebook()
    assert book.version >= "2026.12.02"
    assert next(r for r in book.rules if r.id == "verify_identity").version >= 3
