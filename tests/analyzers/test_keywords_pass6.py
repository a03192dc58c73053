"""Rulebook 2026.11.15 (issue 9, pass cn6 on the fresh1 + fresh2 + fresh3 calls): a call the customer
opens with a specific enquiry or praise stays an enquiry call (no apology due unless they ask about a
failure), while a bare 想咨询一下 before a complaint does not; 耽误 marks a wait apology only when it is
the call's time; 不耐烦 / 指责 family members; confirm_need restatements of non-food failures. Every
sentence here is our own (none from the labelled call sets)."""

from __future__ import annotations

import pytest

from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.analyzers.service_acts import ProblemReport, ProblemReportOptions
from tests.analyzers.test_keywords_operators import conv

HELLO = ("A", "您好请问有什么可以帮您")


@pytest.fixture(scope="module")
def default() -> KeywordAnalyzer:
    return KeywordAnalyzer()


def _item(analyzer: KeywordAnalyzer, item: str, *lines):
    return analyzer.analyze(conv(HELLO, *lines)).items[item]


# ------------------------------------------------------------------ enquiry calls

@pytest.mark.parametrize("lines", [
    # a change asked for: the agent restates it with a tag question, the customer's later lines explain
    [("C", "你好我订的酒店想改一下入住日期"), ("A", "您是想把入住的日期往后推两天是吗"),
     ("C", "对我那天临时要出差了去不了"), ("A", "好的已经帮您改好了")],
    # praise: what the rider went through is no failure of the service
    [("C", "喂我想表扬一下今天给我送奶茶的小哥"), ("A", "好的您请说"),
     ("C", "外面下那么大的冰雹他全身都湿透了奶茶一滴都没洒"), ("A", "好的我这边给他登记一个表扬")],
])
def test_a_call_opened_with_an_enquiry_or_praise_makes_no_apology_due(default, lines):
    f = _item(default, "apology_on_complaint", *lines)
    assert f.value is None and "precondition" in (f.na_reason or "")


def test_a_bare_consulting_opener_before_a_complaint_still_makes_it_due(default):
    f = _item(default, "apology_on_complaint", ("C", "你好我想咨询一下"), ("A", "您请说"),
              ("C", "我点的粥里面吃出来一只蟑螂"), ("A", "好的这边帮您申请退款"))
    assert f.value == 0.0
    assert f.detail["preconditions"][0]["mode"] == "model:problem_report.v2"


def test_an_enquiry_call_still_counts_a_line_asking_about_a_failure(default):
    f = _item(default, "apology_on_complaint", ("C", "你好我想问一下押金怎么退"), ("A", "在钱包里点退押金就可以"),
              ("C", "我点了退押金为什么三天了还没到账"), ("A", "好的我帮您查一下"))
    assert f.value == 0.0


def test_the_enquiry_call_option_is_off_by_default():
    plain = ProblemReport(ProblemReportOptions(model="problem_report.v2", enquiry=["想改一下"]))
    texts = ["您好", "想改一下地址", "骑手把汤洒了一地"]
    roles = ["agent", "customer", "customer"]
    assert [h.utterance for h in plain.find(texts, [1, 2], roles, 0.5)] == [2]
    gated = ProblemReport(ProblemReportOptions(model="problem_report.v2", enquiry=["想改一下"],
                                               enquiry_openings=["想改一下"]))
    assert gated.find(texts, [1, 2], roles, 0.5) == []


def test_a_bad_enquiry_opening_regex_is_named():
    with pytest.raises(ValueError, match="bad regex"):
        ProblemReportOptions(enquiry_openings=["(改"])


# ------------------------------------------------------------------ 耽误: the problem's cost vs the call's time

def test_an_apology_for_what_the_failure_cost_counts(default):
    f = _item(default, "apology_on_complaint", ("C", "外卖晚了四十分钟我午休都过了"),
              ("A", "真的很抱歉耽误您吃午饭了我这边给您申请补偿"))
    assert f.value == 1.0
    assert f.evidence[0].utterance == 2


def test_an_apology_for_the_calls_time_still_does_not(default):
    f = _item(default, "apology_on_complaint", ("C", "外卖晚了四十分钟我午休都过了"),
              ("A", "抱歉耽误您时间了我这边给您申请补偿"))
    assert f.value == 0.0


# ------------------------------------------------------------------ 禁语

@pytest.mark.parametrize(("rule", "line"), [
    ("forbidden_rude", "我不是已经跟你说了吗你再等等"),
    ("forbidden_blame", "那是不是您自己不小心弄坏的呢"),
])
def test_new_forbidden_family_members(default, rule, line):
    f = _item(default, rule, ("C", "我的快递还没到"), ("A", line))
    assert f.value == 0.0
    assert f.evidence and f.evidence[0].utterance == 2


def test_blame_look_alike_is_clean(default):
    f = _item(default, "forbidden_blame", ("C", "东西坏了"), ("A", "这个不是您自己弄坏的我们会处理"))
    assert f.value == 1.0


# ------------------------------------------------------------------ confirm_need

@pytest.mark.parametrize(("customer", "agent"), [
    ("我拿到的外卖不是我点的", "您拿到的是别人的外卖对吧"),
    ("草莓到的时候全都压扁了", "您订的这盒草莓到的时候都压扁了是吗"),
    ("车已经还了还一直在扣费", "您还车以后还在计费是吗"),
])
def test_restatements_of_non_food_failures_confirm_the_need(default, customer, agent):
    f = _item(default, "confirm_need", ("C", customer), ("A", agent), ("C", "对"))
    assert f.value == 1.0
    assert f.evidence[0].utterance == 2


# ------------------------------------------------------------------ a failure in the customer's words

@pytest.mark.parametrize("line", ["我这个共享单车停好了就是关不上锁", "优惠券付款的时候一直用不了", "电动车已经还了一直在扣费"])
def test_a_device_or_service_that_fails_makes_the_apology_due(default, line):
    f = _item(default, "apology_on_complaint", ("C", line), ("A", "好的我这边帮您处理一下"))
    assert f.value == 0.0
    pre = f.detail["preconditions"][0]
    assert pre["anchor"] == "failure_stated" and pre["utterance"] == 1


def test_cannot_in_the_customers_plans_is_no_failure(default):
    f = _item(default, "apology_on_complaint", ("C", "你好我想问一下这个月卡我用不了多久能退吗"),
              ("A", "未使用的天数可以按比例退"))
    assert f.value is None


# ------------------------------------------------------------------ confirm_need precision and a restated change

def test_a_change_with_its_destination_restated_confirms_the_need(default):
    f = _item(default, "confirm_need", ("C", "我收货地址写成老家的了"), ("A", "您是想把这个订单的收货地址改到公司那边对吗"),
              ("C", "对"))
    assert f.value == 1.0
    assert f.detail["hits"][0]["group"] == "confirm_need.restated"


@pytest.mark.parametrize(("caller", "agent"), [
    # a shop calling: the customer's answer is passed on, not the caller's need restated
    ("我是店里的有个顾客下了单又不要了", "我这边联系过了顾客说他不要了您这边自己看着处理是吗"),
])
def test_a_third_partys_answer_passed_on_is_no_restatement(default, caller, agent):
    f = _item(default, "confirm_need", ("C", caller), ("A", agent), ("C", "行吧"))
    assert f.value == 0.0


@pytest.mark.parametrize("agent", [
    "对汤洒了那就退汤",       # the remedy stated, not a check
    "您才是不讲道理乱骂人",   # a retort
])
def test_a_remedy_or_a_retort_is_no_echo(default, agent):
    f = _item(default, "confirm_need", ("C", "汤洒了你们还骂人"), ("A", agent), ("C", "嗯"))
    assert f.value == 0.0
