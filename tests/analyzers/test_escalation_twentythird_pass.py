"""Twenty-third pass: fresh40 (80 short calls in the register of real Meituan phone calls — food-delivery customers calling
美团 customer service about an order, two thirds as MUSIED-style ASR text; model card "Twenty-third pass"). ``fresh40_dev``
on main showed two missed threats from the rules (its two calm alerts are the complaint-risk probability alone), fixed here:

1. The superior demanded and named again at once in an ASR run-on (有啊我要找你们领导你们领导电话多少): asking for his number
   carries the demand on, as asking for a worker's 工号 after 我要投诉你 does; the cue that holds the customer's own 要 after
   我 (我要找你们领导) now announces the step like 我要 + 投诉. A question about the step itself (我要找你们领导吗, 我要找你们
   领导 请问在哪, 我要找你们领导怎么找) is still a question.
2. 要 heard for 幺 as the first digit of a spoken hotline dialled (打要二三幺五, 拨要二三四五), the number standing alone;
   要 before other digits (我要二三四五个, 打要二三幺五六七) is no hotline.

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
