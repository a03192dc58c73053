"""Twenty-third pass: fresh40 (80 short calls in the register of real Meituan phone calls — food-delivery customers calling
美团 customer service about an order, two thirds as MUSIED-style ASR text; model card "Twenty-third pass"). ``fresh40_dev``
on main showed two missed threats from the rules (its two calm alerts are the complaint-risk probability alone), fixed here:

1. The superior demanded and named again at once in an ASR run-on (有啊我要找你们领导你们领导电话多少): asking for his number
   carries the demand on, as asking for a worker's 工号 after 我要投诉你 does; the cue that holds the customer's own 要 after
   我 (我要找你们领导) now announces the step like 我要 + 投诉. A question about the step itself (我要找你们领导吗, 我要找你们
   领导 请问在哪, 我要找你们领导怎么找) is still a question.
2. 要 heard for 幺 as the first digit of a spoken hotline dialled (打要二三幺五, 拨要二三四五), the number standing alone;
   要 before other digits (我要二三四五个, 打要二三幺五六七) is no hotline.

``fresh40_test`` was then scored once (main and the branch alike: 15/15 threats, 1/25 calm, the one calm alert the probability
alone). One cue there was misread behind another cue of the same turn (the call alerted anyway; seen in a probe while dev was worked
on, left unchanged until the test had been scored), fixed after that run (in-sample for ``fresh40_test``):

3. What was tried reported useless, then 就 + the step (申诉没用那就法院见, 没用就去法院告你们): the failure is the condition,
   not a negation of the step; 投诉没用 and 这个没用我就不投诉了 stay negated.

Sentences written for these tests; none is a sentence of ``eval/labels/complaint_threat_fresh40.jsonl``.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION, detect_threats, reading_text
from tests.analyzers.threat_probes import assert_calm as _calm, assert_threat as _threat, call, reasons


def test_the_version_is_rules_23_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 23


@pytest.mark.parametrize("text", [
    "对我要找你们领导你们领导电话是多少",
    "有的我要找你们经理你们经理叫什么",
    "我要找你们领导你们领导在哪呢",
    "我就要找你们主管你们主管电话多少",
])
def test_the_superior_named_again_in_a_run_on_carries_the_demand(text):
    _threat(text)


@pytest.mark.parametrize("text", [
    "我要找你们领导吗",
    "我要找你们领导 请问在哪",
    "我要找你们领导怎么找",
])
def test_a_question_about_reaching_the_superior_is_still_a_question(text):
    assert "question" in reasons(text)
    _calm(text)


@pytest.mark.parametrize("text", [
    "明天还不退我就打要二三幺五",
    "你们再拖我就拨要二三四五",
    "不给我处理我就打要二三一五",
])
def test_yao_heard_for_the_first_digit_of_a_dialled_hotline_is_the_hotline(text):
    _threat(text)


@pytest.mark.parametrize("text", [
    "我要二三四五个打包盒",
    "我打要二三幺五六七那个号码问一下",
    "要二三天才能到吗",
])
def test_yao_before_other_digits_is_no_hotline(text):
    assert "threat" not in reasons(text)


def test_the_reading_keeps_the_length_and_the_original_elsewhere():
    text = "我就打要二三幺五 我要去"
    read = reading_text(text)
    assert len(read) == len(text) and read == "我就打幺二三幺五 我要去"


def test_a_leader_demanded_after_the_agents_closing_line_alerts_with_the_rules_alone():
    conv = call(("A", "嗯好的那请问还有其他可以帮您的吗"),
                ("C", "有我要找你们领导你们领导手机号多少"),
                ("A", "嗯先生我这边先帮您记录"))
    assert [h for h in detect_threats(conv, None) if h.threat]


@pytest.mark.parametrize("text", [
    "找了商家好几次都没用那就法院见",
    "跟骑手说了不管用就去起诉你们",
    "打了三次电话没有用就只能找消协了",
    "催了三次没用就去法院告你们",
])
def test_what_was_tried_being_useless_then_the_step_is_a_condition(text):
    _threat(text)


@pytest.mark.parametrize("text", [
    "投诉没用",
    "这个没用我就不投诉了",
])
def test_the_step_itself_called_useless_or_declined_stays_negated(text):
    assert "negated" in reasons(text)
