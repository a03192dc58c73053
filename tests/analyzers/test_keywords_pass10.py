"""Rulebook 2026.11.19 (issue 9, pass cn10, eval/labels/confirm_calls_pass10_protocol.md): the customer's words quoted
back with 已经 are a restatement (the third-party exclusion 说已经 vetoed 您是说已经…是吗); a short line with 吧 is no
echo (你投诉吧); 宁好 and 报歉 / 抱欠 through the rulebook's ASR confusions (now also for the exact apology rule);
没办法给您保证 is no promise; 是你自己没锁好 blames; the agent's 那先这样 closes the call; a rider service line and a
merchant who says so (also heard as 商加) owe no apology. Each family has look-alike guards. Every sentence here is our
own (none from the labelled call sets)."""

from __future__ import annotations

import pytest

from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.rulebook import compile_rulebook, parse_rulebook
from tests.analyzers._service_act_calls import BYE, HELLO
from tests.analyzers._service_act_calls import items as _items
from tests.analyzers.test_keywords_operators import conv


@pytest.fixture(scope="module")
def default() -> KeywordAnalyzer:
    return KeywordAnalyzer()


# ------------------------------------------------------------------ 1. confirm_need: the customer's words with 已经

@pytest.mark.parametrize("line", [
    "嗯您是说已经还车了但是还在扣费是吗",
    "您是说已经退款了可是一直没收到对吧",
    "就是说已经送到了但是您没拿到是吗",
    "你是说已经取消了还是扣了钱是吗",
])
def test_the_customers_words_with_already_quoted_back_are_a_restatement(default, line):
    f = _items(default, HELLO, ("C", "我车已经还了怎么还在扣钱"), ("A", line), ("C", "对"), *BYE)
    assert f["confirm_need"].value == 1.0, f["confirm_need"].evidence


@pytest.mark.parametrize("line", [
    "商家那边说已经给您退了是吗",           # what a third party says is done, checked: news, not the need
    "他说已经送到了对吗",
    "骑手这边说已经送达了是吗",
    "店家说已经重新做了一份是吗",
])
def test_a_third_partys_already_is_still_no_restatement(default, line):
    f = _items(default, HELLO, ("C", "嗯"), ("A", line), ("C", "对"), *BYE)
    assert f["confirm_need"].value == 0.0


# ------------------------------------------------------------------ 2. confirm_need: 吧 is no echo

@pytest.mark.parametrize("line", ["你投诉吧", "那你就投诉吧", "您去投诉吧"])
def test_telling_the_customer_to_go_ahead_is_no_echo(default, line):
    f = _items(default, HELLO, ("C", "你这什么态度我要投诉你"), ("A", line), ("C", "行"), *BYE)
    assert f["confirm_need"].value == 0.0


@pytest.mark.parametrize("line", ["吃到了钢丝", "头发头发", "有虫子是吧"])
def test_a_plain_echo_still_confirms(default, line):
    f = _items(default, HELLO, ("C", "我吃到了钢丝还有头发还有虫子"), ("A", line), ("C", "对"), *BYE)
    assert f["confirm_need"].value == 1.0


# ------------------------------------------------------------------ 3. ASR confusions: 宁好, 报歉 / 抱欠

@pytest.mark.parametrize("first", ["宁好美团外卖很高兴为您服务", "嗯宁好这边是美团客服"])
def test_ning_hao_is_a_greeting(default, first):
    f = _items(default, ("A", first), ("C", "你好"), *BYE)
    assert f["greeting"].value == 1.0


def test_a_whole_opening_without_a_greeting_still_fails(default):
    f = _items(default, ("A", "喂美团客服请讲"), ("C", "你好"), *BYE)["greeting"]
    assert f.value == 0.0 and not f.needs_review


@pytest.mark.parametrize("line", ["非常报歉给您带来不便了", "非常抱欠", "实在报欠我这边马上帮您处理"])
def test_an_apology_written_with_a_homophone_counts(default, line):
    f = _items(default, HELLO, ("C", "我的饭里有一根头发"), ("A", line), ("C", "好吧"), *BYE)
    f = f["apology_on_complaint"]
    assert f.value == 1.0 and "asr_confusion" in f.evidence[0].note


@pytest.mark.parametrize("line", [
    "您说的是前一个订单吗",                  # 前一 sounds like 歉意: the rule stays exact but for the declared confusions
    "报歉让您久等了",                        # an apology for the wait, whatever its spelling
    "您这个欠款我看一下",
])
def test_look_alikes_of_the_apology_stay_out(default, line):
    f = _items(default, HELLO, ("C", "我的饭里有一根头发"), ("A", line), ("C", "好吧"), *BYE)
    assert f["apology_on_complaint"].value == 0.0


def test_forbidden_rules_take_no_asr_confusion():
    book = parse_rulebook({
        "version": "t", "asr_confusions": {"您": ["你"]},
        "rules": [{"id": "must", "kind": "required", "tolerance": "exact", "phrases": ["给您道歉"]},
                  {"id": "never", "kind": "forbidden", "phrases": ["您自己看"]}]})
    compiled = compile_rulebook(book)
    by_name = {g.name: g for g in compiled.groups}
    assert by_name["must"].confusions and not by_name["never"].confusions
    f = KeywordAnalyzer(book).analyze(conv(("A", "给你道歉"), ("A", "你自己看"))).items
    assert f["must"].value == 1.0 and f["never"].value == 1.0


# ------------------------------------------------------------------ 4. 禁语: negated promise, blame

@pytest.mark.parametrize("line", [
    "这个我这边没办法给您保证一定能退要看商家",
    "我们没有办法保证一定能赔",
])
def test_a_refused_guarantee_is_no_promise(default, line):
    f = _items(default, HELLO, ("C", "能退吗"), ("A", line), *BYE)
    assert f["forbidden_promise"].value == 1.0


@pytest.mark.parametrize("line", ["我给您保证一定能退", "没办法我跟您保证一定能退"])
def test_a_guarantee_is_still_a_promise(default, line):
    f = _items(default, HELLO, ("C", "能退吗"), ("A", line), *BYE)
    assert f["forbidden_promise"].value == 0.0


@pytest.mark.parametrize("line", ["那是你自己没锁好车啊", "系统显示是您自己没关好门", "这是你自己没填对地址"])
def test_the_customers_own_act_not_done_properly_is_blame(default, line):
    f = _items(default, HELLO, ("C", "车一直在计费"), ("A", line), *BYE)
    assert f["forbidden_blame"].value == 0.0


@pytest.mark.parametrize("line", [
    "这个不是您自己没锁好的问题是系统的问题",   # denied
    "如果是您自己没锁好的话需要您再确认一下",   # a condition
    "您自己没锁好吗",                            # no 是: the question alone
])
def test_blame_look_alikes_stay_clean(default, line):
    f = _items(default, HELLO, ("C", "车一直在计费"), ("A", line), *BYE)
    assert f["forbidden_blame"].value == 1.0


# ------------------------------------------------------------------ 5. the close: 那先这样

@pytest.mark.parametrize("last", ["嗯那先这样辛苦您了", "好那就先这样吧", "那先这样再见"])
def test_the_agent_closing_with_that_is_all_charges_a_missing_offer(default, last):
    f = _items(default, HELLO, ("C", "我的外卖少送了一份"), ("A", "好的我给您申请退款"), ("C", "好吧"), ("A", last))
    offer = f["closing_offer_help"]
    assert offer.value == 0.0 and not offer.needs_review


@pytest.mark.parametrize("last", ["我先这样给您登记一下", "那我先这样处理您看行吗"])
def test_a_step_done_first_is_no_close(default, last):
    f = _items(default, HELLO, ("C", "我的外卖少送了一份"), ("A", "好的我给您申请退款"), ("C", "好吧"), ("A", last))
    offer = f["closing_offer_help"]
    assert offer.value == 0.0 and offer.needs_review


# ------------------------------------------------------------------ 6. no apology due to riders and merchants

@pytest.mark.parametrize("lines", [
    [("A", "您好美团骑手服务中心请问有什么可以帮您"), ("C", "我上周的配送费怎么少了一百多"), ("A", "我看一下有两单超时扣了")],
    [HELLO, ("C", "你好我这边是商家我那个结算款这周怎么还没到账"), ("A", "我帮您查一下")],
    [HELLO, ("C", "你好我这边是商加结算款怎么还没到账"), ("A", "我帮您查一下")],
    [HELLO, ("C", "我们这边是商家顾客的地址写错了送不了"), ("A", "好的")],
])
def test_a_rider_or_merchant_about_their_own_side_is_owed_no_apology(default, lines):
    f = _items(default, *lines, *BYE)["apology_on_complaint"]
    assert f.value is None, f.evidence


@pytest.mark.parametrize("complaint", [
    "你好我点的外卖一直没送到我这边是买家",
    "我这边是商场里面的店点的外卖里面有头发",
])
def test_a_customer_is_still_owed_an_apology(default, complaint):
    f = _items(default, HELLO, ("C", complaint), ("A", "我帮您查一下"), *BYE)["apology_on_complaint"]
    assert f.value == 0.0


# ------------------------------------------------------------------ 7. 不多打扰 · a filler before the cut script

@pytest.mark.parametrize("last", ["好的那我就不多打扰您了", "那这边就不再打扰您了先生"])
def test_not_disturbing_you_further_is_a_farewell(default, last):
    f = _items(default, HELLO, ("C", "我的外卖少送了一份"), ("A", "好的我给您申请退款"), ("C", "好"),
               ("A", "还有其他可以帮您的吗"), ("C", "没有了"), ("A", last))
    assert f["closing_farewell"].value == 1.0 and f["closing_offer_help"].value == 1.0


def test_excuse_me_for_disturbing_is_no_farewell(default):
    f = _items(default, HELLO, ("C", "我的外卖少送了一份"), ("A", "不好意思打扰一下您的订单是哪个"), ("C", "尾号三五"),
               ("A", "还有其他可以帮您的吗"), ("C", "没有了"), ("A", "好的"))
    assert f["closing_farewell"].value == 0.0


@pytest.mark.parametrize("first", ["呃很高兴为您服务请问有什么可以帮您", "嗯请问有什么可以帮您"])
def test_a_filler_before_the_cut_script_is_a_truncated_start(default, first):
    f = _items(default, ("A", first), ("C", "我的外卖少送了一份"), *BYE)["greeting"]
    assert f.value == 0.0 and f.needs_review and "mid-script" in f.review_reason


@pytest.mark.parametrize("first, value", [("呃您好很高兴为您服务", 1.0), ("嗯美团客服请讲", 0.0)])
def test_a_filler_before_a_whole_opening_changes_nothing(default, first, value):
    f = _items(default, ("A", first), ("C", "我的外卖少送了一份"), *BYE)["greeting"]
    assert f.value == value and not f.needs_review


# ------------------------------------------------------------------ 8. from fresh8's dev half (families, our own sentences)

@pytest.mark.parametrize("line", [
    "不好意思先生我这边马上给您查一下骑手位置",     # opens the answer, addressed by title: an apology like 不好意思啊
    "嗯不好意思女士这边给您看一下订单",
    "好的不好意思先生我给您申请一个补偿",
    "哎呀实在对不住啊女士",                         # 对不住, the spoken 对不起
])
def test_an_apology_addressed_by_title_or_said_as_dui_bu_zhu_counts(default, line):
    f = _items(default, HELLO, ("C", "我点的粥里面有一只虫子"), ("A", line), ("C", "好吧"), *BYE)
    assert f["apology_on_complaint"].value == 1.0, f["apology_on_complaint"].evidence


@pytest.mark.parametrize("line", [
    "不好意思先生请问您的订单是哪一个",             # excuse me before a question
    "不好意思女士麻烦您把照片发一下",               # before a request
    "我这边去联系一下不好意思先生我给您发个短信您把图片上传一下",  # inside a line: runs on into a request
    "不好意思我这边先记录一下",                     # no title, no particle (unchanged)
])
def test_excuse_me_with_a_title_is_still_no_apology(default, line):
    f = _items(default, HELLO, ("C", "我点的粥里面有一只虫子"), ("A", line), ("C", "好吧"), *BYE)
    assert f["apology_on_complaint"].value == 0.0


@pytest.mark.parametrize("complaint", ["我本来要买大杯的我点成中杯了能改吗", "我自己下错单了"])
def test_the_customers_own_ordering_mistake_owes_no_apology(default, complaint):
    f = _items(default, HELLO, ("C", complaint), ("A", "好的我帮您看一下"), *BYE)["apology_on_complaint"]
    assert f.value is None


def test_the_merchant_making_it_wrong_still_owes_an_apology(default):
    f = _items(default, HELLO, ("C", "我点的是微辣商家给我做成特辣了根本没法吃"), ("A", "好的我帮您看一下"), *BYE)
    assert f["apology_on_complaint"].value == 0.0


@pytest.mark.parametrize("line", [
    "您选的是靠窗的座位但是出的票是过道的是吗",
    "您预约的是六点到七点送达现在还没有送到对吧",
    "页面上显示满二十减五结果下单的时候没有减是吧",
])
def test_what_was_chosen_set_against_what_happened_is_a_restatement(default, line):
    f = _items(default, HELLO, ("C", "你们这个不对啊"), ("A", line), ("C", "对"), *BYE)
    assert f["confirm_need"].value == 1.0


@pytest.mark.parametrize("line", [
    "您选的是到店自取但是需要您自己去店里拿是吧",   # the agent's condition after the contrast
    "您预约的是几点送达呢",                          # an open question
    "您选的是这个订单对吧",                          # no contrast: which order
])
def test_a_choice_without_the_problem_is_no_restatement(default, line):
    f = _items(default, HELLO, ("C", "嗯"), ("A", line), ("C", "对"), *BYE)
    assert f["confirm_need"].value == 0.0


@pytest.mark.parametrize("rule, line", [
    ("forbidden_dismissive", "这个你只能自己再跟商家沟通一下了"),
    ("forbidden_blame", "您点这么远的店凉了也正常这个不能怪我们"),
    ("forbidden_promise", "您放心影院那边一定会补偿您的"),
    ("forbidden_promise", "我百分之百二十分钟之内给您送到"),
    ("forbidden_promise", "这个钱我肯定让商家三倍赔给您"),
    ("forbidden_promise", "我肯定给您额外赔一份"),
    ("forbidden_rude", "我已经跟您解释得很清楚了您到底听没听明白"),
    ("forbidden_solicit_rating", "待会短信评价您回复数字五五分就是满意"),
    ("forbidden_solicit_rating", "挂机之后麻烦给我一个好评五颗星"),
])
def test_forbidden_phrasings_in_other_words(default, rule, line):
    f = _items(default, HELLO, ("C", "怎么还没好"), ("A", line), *BYE)
    assert f[rule].value == 0.0, f[rule].evidence


@pytest.mark.parametrize("rule, line", [
    ("forbidden_dismissive", "您不用自己跟商家沟通我来联系"),
    ("forbidden_blame", "这个确实不能怪您"),
    ("forbidden_promise", "影院那边不一定会补偿您"),
    ("forbidden_promise", "我肯定在半小时内给您回电"),       # a callback the agent sets
    ("forbidden_promise", "退款一般三个工作日内到账"),
    ("forbidden_rude", "您这边能听清楚吗"),
    ("forbidden_solicit_rating", "稍后辛苦您对本次服务做个评价"),
    ("forbidden_solicit_rating", "骑手大概五分钟就到了"),
])
def test_forbidden_look_alikes_stay_clean(default, rule, line):
    f = _items(default, HELLO, ("C", "怎么还没好"), ("A", line), *BYE)
    assert f[rule].value == 1.0, f[rule].evidence


def test_a_wish_at_the_close_is_a_farewell(default):
    f = _items(default, HELLO, ("C", "孩子吃了拉肚子"), ("A", "好的给您登记了"), ("A", "还有其他可以帮您的吗"),
               ("C", "没了"), ("A", "好的祝孩子早日康复"))
    assert f["closing_farewell"].value == 1.0


@pytest.mark.parametrize("first", ["会员客服这边请问有什么可以帮您", "酒店客服这里很高兴为您服务"])
def test_a_department_name_before_the_cut_script_is_a_truncated_start(default, first):
    f = _items(default, ("A", first), ("C", "我想关掉自动续费"), *BYE)["greeting"]
    assert f.value == 0.0 and f.needs_review


def test_a_department_name_with_qing_shuo_is_still_a_missed_greeting(default):
    f = _items(default, ("A", "会员客服这边请说"), ("C", "我想关掉自动续费"), *BYE)["greeting"]
    assert f.value == 0.0 and not f.needs_review


def test_excuse_me_with_a_title_before_a_request_later_in_the_line_is_no_apology(default):
    f = _items(default, HELLO, ("C", "我点的粥里面有一只虫子"), ("A", "不好意思先生我给您发一条短信您把照片上传一下"),
               ("C", "好吧"), *BYE)
    assert f["apology_on_complaint"].value == 0.0


@pytest.mark.parametrize("line, value", [
    ("好的女士不好意思这个我这边看一下订单", 1.0),            # the title first, then the agent's step
    ("先生不好意思我这边马上给您处理", 1.0),
    ("好的女士不好意思我这边需要核实一下您的手机号", 0.0),    # before checking the customer's details
    ("先生不好意思请问您是哪个订单", 0.0),                     # before a question
])
def test_an_apology_with_the_title_first(default, line, value):
    f = _items(default, HELLO, ("C", "我点的粥里面有一只虫子"), ("A", line), ("C", "好吧"), *BYE)
    assert f["apology_on_complaint"].value == value


@pytest.mark.parametrize("last, review", [
    ("喂先生", False),             # the customer left without a word: the close is judged (missed)
    ("喂喂您还在吗", False),
    ("我这边给您登记一下", True),   # the recording may end early: review
])
def test_a_customer_who_left_without_a_word_ends_the_call(default, last, review):
    f = _items(default, HELLO, ("C", "我的外卖少送了一份"), ("A", "好的我给您申请退款"),
               ("C", "算了跟你说不清楚我去投诉你们"), ("A", last))
    for rule in ("closing_offer_help", "closing_farewell"):
        assert f[rule].value == 0.0 and f[rule].needs_review == review, rule


def test_a_line_check_mid_call_is_not_the_end(default):
    f = _items(default, HELLO, ("C", "我的外卖少送了一份"), ("A", "喂先生"), ("C", "在的"), ("A", "好的我给您登记一下"))
    assert f["closing_offer_help"].needs_review


@pytest.mark.parametrize("only", ["喂您好", "喂"])
def test_an_agent_answering_the_phone_is_no_customer_gone(default, only):
    f = _items(default, ("A", only))
    assert f["closing_offer_help"].value == 0.0 and f["closing_offer_help"].needs_review
