"""Rulebook 2026.11.25 (issue 9, pass cn16, eval/labels/confirm_calls_pass16_protocol.md): 禁语 in everyday words —
a refusal said twice, 不是我们管的, the customer told to ring the merchant themselves, the agent's own try called
useless (推诿); 到底 + an A-not-A question, 我怎么知道 / 早干嘛去了, shouting answered with 有什么用, 到底想要怎么样
(顶撞 / 不耐烦); what the customer should have done before buying, 您自己都不…吗 (指责); a time, an approval or the full
sum promised, 没问题我给您保证, a result promised against another (过度承诺); the top score named around a reply digit
(诱导好评). Each family has look-alike guards that must not change. Every sentence here is our own (none from the
labelled call sets)."""

from __future__ import annotations

import pytest

from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.rulebook import load_rulebook
from tests.analyzers._service_act_calls import flagged as _flagged


@pytest.fixture(scope="module")
def default() -> KeywordAnalyzer:
    return KeywordAnalyzer()


# ------------------------------------------------------------------ 1. 推诿: refusing ownership in everyday words

@pytest.mark.parametrize("line", [
    "没办法就是没办法您再打几次也一样",
    "不行就是不行先生",
    "退不了就是退不了",
    "配送这块不是我们管的",
    "这个不是客服负责的",
    "您自己打商家电话问问吧",
    "你直接打给店家就行了",
    "您可以自己去打骑手的电话",
    "我这边催也没用的",
    "我们找也是一样的",
])
def test_refusing_ownership_in_everyday_words_is_dismissive(default, line):
    assert "forbidden_dismissive" in _flagged(default, line)


@pytest.mark.parametrize("line", [
    "我帮您打给商家问一下",                        # the agent rings
    "您打给商家了吗",                              # a question about what the customer did
    "您自己打过商家电话吗",
    "这个不是您的问题是骑手送错了",                 # the customer's fault denied
    "商家说不是他们管的我这边帮您跟进",             # reported, and acting
    "我们这边会帮您催一下骑手",
    "客服回了没办法就是没办法是吗",                # a reply reported (reporters: 回了 · 回复了)
    "商家回复了不行就是不行",
])
def test_dismissive_look_alikes_stay_clean(default, line):
    assert "forbidden_dismissive" not in _flagged(default, line)


# ------------------------------------------------------------------ 2. 顶撞 / 不耐烦

@pytest.mark.parametrize("line", [
    "您到底找没找过啊",
    "你到底查没查订单",
    "你不告诉我手机号我怎么查",
    "您都没说是哪一单我怎么知道",
    "现在才说你早干什么去了",
    "你跟我嚷嚷也没用",
    "你冲我大吼大叫有什么用",
    "那您到底想要怎么样",
    "到底要怎样嘛",
])
def test_impatience_in_everyday_words_is_rude(default, line):
    assert "forbidden_rude" in _flagged(default, line)


@pytest.mark.parametrize("line", [
    "您到底有没有收到餐呢",                         # a check, not A-not-A impatience
    "我怎么知道您的订单号呢我帮您查一下手机号",       # no customer omission before it
    "您想要怎么处理呢",                              # asking the customer's wish
    "您到底想要怎么样处理我们都可以帮您",
    "商家到底想怎么样我帮您问一下",                   # about a third party
    "骑手骂您什么了",
])
def test_rude_look_alikes_stay_clean(default, line):
    assert "forbidden_rude" not in _flagged(default, line)


# ------------------------------------------------------------------ 3. 指责

@pytest.mark.parametrize("line", [
    "你下单之前应该看一下规格的",
    "您签收的时候就应该检查一下",
    "您自己都没检查的吗",
    "你自己都不看一下吗",
])
def test_the_customers_omission_put_to_them_is_blame(default, line):
    assert "forbidden_blame" in _flagged(default, line)


@pytest.mark.parametrize("line", [
    "您下次下单之前可以看一下规格",               # advice for next time
    "以后您下单的时候应该注意一下地址",
    "那后面就是银行处理了跟我们没关系了",          # disowning (推诿), not faulting the customer
])
def test_blame_look_alikes_stay_clean(default, line):
    assert "forbidden_blame" not in _flagged(default, line)


def test_washing_hands_is_dismissive_not_blame(default):
    assert _flagged(default, "那后面就是银行处理了跟我们没关系了") == {"forbidden_dismissive"}


# ------------------------------------------------------------------ 4. 过度承诺

@pytest.mark.parametrize("line", [
    "半小时之内肯定到账",
    "二十分钟以内一定送到",
    "这个一定给您申请下来",
    "退款一分钱都不会少您放心",
    "我肯定给您把钱退回来",
    "没问题我跟您保证",
    "保证比之前那家好很多",
])
def test_outcomes_others_decide_promised_is_promise(default, line):
    assert "forbidden_promise" in _flagged(default, line)


@pytest.mark.parametrize("line", [
    "一般二十四小时之内到账",                    # an estimate, no certainty
    "半小时之内不一定能到",                      # negated
    "不一定能给您申请下来",
    "我尽量给您申请下来",
    "没问题我帮您备注一下",
    "为了保证您的账户安全",                      # 保证 = ensure
    "我们绝对不会泄露您的信息",                  # conduct
])
def test_promise_look_alikes_stay_clean(default, line):
    assert "forbidden_promise" not in _flagged(default, line)


# ------------------------------------------------------------------ 5. 诱导好评

@pytest.mark.parametrize("line", [
    "稍后短信回复个一就是非常满意",
    "如果满意的话麻烦回复一",
    "满意请回复数字1",
])
def test_the_top_score_around_a_reply_digit_is_soliciting(default, line):
    assert "forbidden_solicit_rating" in _flagged(default, line)


@pytest.mark.parametrize("line", [
    "稍后会有短信麻烦您对本次服务做个评价",        # a neutral request
    "满意的话麻烦回复一下短信",                    # 回复一下, no digit
    "不满意的话可以回复一我们再跟进",
])
def test_rating_look_alikes_stay_clean(default, line):
    assert "forbidden_solicit_rating" not in _flagged(default, line)


def test_the_shipped_rulebook_is_2026_11_25_or_later():
    book = load_rulebook()
    assert book.version >= "2026.11.25"
    assert "回了" in book.reporters
    versions = {r.id: r.version for r in book.rules}
    assert versions["forbidden_dismissive"] >= 10 and versions["forbidden_rude"] >= 10
    assert versions["forbidden_blame"] >= 6 and versions["forbidden_promise"] >= 9
    assert versions["forbidden_solicit_rating"] >= 8
