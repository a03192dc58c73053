"""Rulebook 2026.11.18 (issue 9, pass cn9, eval/labels/confirm_calls_pass9_protocol.md): apologies closed by a particle
that go on to the agent's next step or the outcome (不好意思啊我看一下…), restatement + tag forms of confirm_need
(是这样吗 · 没错吧 · 确认下您是… · a restated request whose object follows the verb), the short closing offer
(还有其他的吗), undercooked food as a reported failure, and openings cut inside the script (客服很高兴为您服务 · 帮您的).
Each family has look-alike guards. Every sentence here is our own (none from the labelled call sets)."""

from __future__ import annotations

import pytest

from qa_engine.analyzers.keywords import KeywordAnalyzer
from tests.analyzers._service_act_calls import BYE, HELLO
from tests.analyzers._service_act_calls import items as _items


@pytest.fixture(scope="module")
def default() -> KeywordAnalyzer:
    return KeywordAnalyzer()


# ------------------------------------------------------------------ 1. apology: 不好意思 closed by a particle

@pytest.mark.parametrize("line", [
    "不好意思啊我这边查一下骑手的位置",                  # goes on to the agent's next step
    "不好意思啊这个已经过了售后的时间了",                # goes on to the outcome
    "哎不好意思呀先生我帮您联系一下店家",
    "不好意思哈我马上给您登记一个补偿",
    "不好意思啊我给您看一下退款的进度",                  # 您看 inside the agent's step is no "您看…"
])
def test_an_apology_closed_by_a_particle_counts_whatever_follows(default, line):
    f = _items(default, HELLO, ("C", "我点的粥里面有一只虫子"), ("A", line), ("C", "好吧"), *BYE)
    f = f["apology_on_complaint"]
    assert f.value == 1.0, f.evidence


@pytest.mark.parametrize("line", [
    "不好意思啊请问您的订单是哪一个",                    # excuse me before a question
    "不好意思啊麻烦您把照片发一下",                      # before a request
    "不好意思啊您看这样可以吗",
    "不好意思呀先生您方便拍个照吗",
    "不好意思啊让您久等了我这边看到了",                  # for the wait
    "不好意思啊刚才没听清您再说一遍",                    # for mishearing
    "不好意思我这边先记录一下",                          # no particle: excuse me before a step (unchanged)
])
def test_excuse_me_the_wait_or_mishearing_is_still_no_apology(default, line):
    f = _items(default, HELLO, ("C", "我点的粥里面有一只虫子"), ("A", line), ("C", "好吧"), *BYE)
    assert f["apology_on_complaint"].value == 0.0


# ------------------------------------------------------------------ 2. apology due: undercooked food

@pytest.mark.parametrize("complaint", [
    "我点的烤鸡翅里面是生的",
    "这个饺子根本没煮熟",
    "米饭是夹生的没法吃",
    "排骨里面还带血",
])
def test_undercooked_food_makes_the_apology_due(default, complaint):
    f = _items(default, HELLO, ("C", complaint), ("A", "好的我给您申请退款"), ("C", "好"), *BYE)
    f = f["apology_on_complaint"]
    assert f.na_reason is None and f.value == 0.0


@pytest.mark.parametrize("complaint", [
    "我对这个地方不熟悉能帮我改个地址吗",
    "我想问一下血压计什么时候能送到",
])
def test_not_undercooked(default, complaint):
    f = _items(default, HELLO, ("C", complaint), ("A", "好的我帮您看一下"), ("C", "好"), *BYE)
    assert f["apology_on_complaint"].na_reason is not None


# ------------------------------------------------------------------ 3. confirm_need: restatement + tag forms

@pytest.mark.parametrize("line", [
    "就是骑手送错地址了是这样吗",                        # 是这样吗 as the tag
    "那就是粥洒了一半没错吧",                            # 没错吧 as the tag
    "确认下您是同一个红包被扣了两次没错吧",              # 确认下您是… + tag
    "跟您核实一下你是想把运费退回来对吧",
    "您要取消后天那间大床房的这个订单是吧",              # the object follows the verb
    "您是想退掉刚才多买的那两份凉皮对吗",
])
def test_restatement_with_a_tag_confirms_the_need(default, line):
    f = _items(default, HELLO, ("C", "我有个问题"), ("A", line), ("C", "对"), ("A", "好的我来处理"), *BYE)
    assert f["confirm_need"].value == 1.0


@pytest.mark.parametrize("line", [
    "确认下您是这个订单是吧",                            # only which order
    "确认一下您是尾号***的手机是吗",                     # only which phone
    "你想换的话得重新下单是吧",                          # a condition, not the request
    "确认下您是哪个订单是吧",                            # an open question
    "那我给您退五块钱没错吧",                            # the remedy, not the need
    "那我帮您补一份是吧",
])
def test_checks_of_the_order_conditions_and_remedies_are_not_a_restatement(default, line):
    f = _items(default, HELLO, ("C", "我要反馈一下"), ("A", line), ("C", "嗯"), ("A", "好的"), *BYE)
    assert f["confirm_need"].value == 0.0, f["confirm_need"].evidence


# ------------------------------------------------------------------ 4. closing offer: 还有其他的吗

@pytest.mark.parametrize("line", ["还有其他的吗", "嗯还有别的吗", "好的还有别的没有", "那还有其它的事吗"])
def test_the_short_closing_offer_counts(default, line):
    f = _items(default, HELLO, ("C", "我的奶茶洒了"), ("A", "好的给您退奶茶的钱"), ("A", line),
               ("C", "没了"), ("A", "再见"))
    assert f["closing_offer_help"].value == 1.0


@pytest.mark.parametrize("line", ["还有别的口味吗", "还有别的口味可以换"])
def test_not_a_closing_offer(default, line):
    f = _items(default, HELLO, ("C", "我的奶茶洒了"), ("A", "好的给您退奶茶的钱"), ("A", line),
               ("C", "好"), ("A", "再见"))
    assert f["closing_offer_help"].value == 0.0


# ------------------------------------------------------------------ 5. openings cut inside the script

@pytest.mark.parametrize("first", ["客服很高兴为您服务", "外卖客服请问有什么可以帮您", "帮您的", "以帮您的吗",
                                   "问有什么可以帮您"])
def test_an_opening_cut_inside_the_script_is_a_truncated_start(default, first):
    f = _items(default, ("A", first), ("C", "我的外卖没到"), ("A", "好的我看一下"))["greeting"]
    assert f.value == 0.0 and f.needs_review and "mid-script" in f.review_reason


@pytest.mark.parametrize("first", ["客服请说", "美团客服请讲", "喂说吧"])
def test_a_whole_opening_without_a_greeting_still_fails(default, first):
    f = _items(default, ("A", first), ("C", "我的外卖没到"), ("A", "好的我看一下"))["greeting"]
    assert f.value == 0.0 and not f.needs_review


# ------------------------------------------------------------------ 6. 禁语 in other words, and their look-alikes

def _forbidden(analyzer: KeywordAnalyzer, line: str) -> set[str]:
    items = _items(analyzer, HELLO, ("C", "我的外卖里有根头发"), ("A", line), ("C", "好吧"), ("A", "再见"))
    return {k for k, f in items.items() if k.startswith("forbidden_") and f.value == 0.0}


@pytest.mark.parametrize("line, rule", [
    ("我这边不是也跟您说了吗", "forbidden_rude"),             # 我这边不也是说了吗, other order
    ("你怎么又打过来了呀", "forbidden_rude"),                 # 怎么又来电了呀, other words
    ("您怎么又打电话来了", "forbidden_rude"),
    ("一定让商家给您赔偿", "forbidden_promise"),              # an outcome the merchant decides
    ("我肯定叫骑手给您道歉", "forbidden_promise"),
])
def test_forbidden_in_other_words(default, line, rule):
    assert rule in _forbidden(default, line)


@pytest.mark.parametrize("line", [
    "商家是不是也跟您说了",                                   # a question, not a retort
    "商家怎么又打过来了",                                     # about a third party
    "不一定能让商家给您退",                                   # negated
    "我尽量让商家给您退",                                     # hedged
    "不能给您保证什么时候到",
    "绝对不会泄露您的信息",                                   # conduct reassurance
    "我没有权限直接赔但我可以给您提交申请",                   # a limit while acting
    "麻烦您对本次服务做个评价",                               # a neutral rating request
])
def test_forbidden_look_alikes_stay_clean(default, line):
    assert not _forbidden(default, line)
