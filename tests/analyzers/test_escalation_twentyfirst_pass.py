"""Twenty-first pass: fresh38_dev's errors of the threat detector (two calm alerts under the default, three with the rules
alone, no threat missed), each fixed by its family (model card "Twenty-first pass"). The pass re-measures short calls written
plainly in the issue's own style; its errors were procedure questions and a friend's step told on in the next clause.

1. A step only supposed in an if-clause (如果我想投诉的话…) whose sentence goes on to ask how or where (是打你们这个电话还是…？,
   应该找哪个部门？) is a question about the procedure; a step in the consequence of a condition put to the company, or a
   supposed step followed by no question of procedure (…你们还能这么嚣张吗？), still counts.
2. An alternative question whose first half goes to the company itself (是找你们检测，还是要找市场监管局那边检测？) asks where to
   take a fault; the ultimatum that puts the company's remedy first (是今天退，还是等我去…投诉你们) or a superior first still counts.
3. A clause with no subject right after a third party's report, their step told as done (我朋友说…，还去法院起诉了你们) is
   reported; with the caller as its subject (我还去法院起诉了你们) it counts.
4. Two cue-level readings the dev calls showed behind another cue of the same turn (the call alerted through the other one):
   看看 + a wh-word opens an embedded clause, not a question (…我就打市长热线再找媒体来看看你们怎么服务的), and a body's own
   channel used to complain is no place (我已经在金融监管局的网站上提交投诉了).

Sentences written for these tests; none is a sentence of ``eval/labels/complaint_threat_fresh38.jsonl``.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION, detect_threats, scan_text
from tests.analyzers.threat_probes import assert_calm as _calm, assert_threat as _threat, call


def _reason_of(text: str, cue: str) -> str:
    return next(h.reason for h in scan_text(text) if h.cue == cue)


def test_the_version_is_rules_21_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 21


# 1. A step supposed in an if-clause, the sentence asking the procedure.

@pytest.mark.parametrize("text", [
    "如果我要投诉的话，应该找哪个部门？",
    "要是我想去12315反映的话，要准备什么材料？",
    "假如我想找律师的话，你们一般怎么处理？",
    "如果我要投诉这个师傅的话 是打这个电话还是去营业厅",
    "嗯 要是我想投诉的话是找你们还是找别的地方",
])
def test_a_step_supposed_in_an_if_clause_before_a_procedure_question_is_not_a_threat(text):
    _calm(text)


@pytest.mark.parametrize("text", [
    "如果你们再不退款，我就去12315投诉，电话我都查好了",
    "如果我去12315投诉的话，你们还能这么嚣张吗？",
    "要是我找律师的话，你们就等着吃官司吧",
])
def test_a_condition_put_to_the_company_or_a_supposed_step_without_a_procedure_question_still_counts(text):
    _threat(text)


# 2. An alternative question: the company itself or a body?

@pytest.mark.parametrize("text", [
    "是找你们修，还是直接找市场监管局鉴定？",
    "我问问，是直接找你们，还是要去12315那边登记？",
    "电表要是不准 是找你们校验还是去找市场监管局",
])
def test_asking_whether_to_take_a_fault_to_the_company_or_to_a_body_is_not_a_threat(text):
    _calm(text)


@pytest.mark.parametrize("text", [
    "你们是今天退，还是等我去市场监管局投诉你们？",
    "是你们派人来修，还是我直接打一二三四五？",
    "是找你们领导，还是我直接去消协？",
])
def test_an_ultimatum_or_a_superior_as_the_first_half_still_counts(text):
    _threat(text)


# 3. A third party's step told on in a clause with no subject.

@pytest.mark.parametrize("text", [
    "我老婆说你们乱收费，还去12315投诉了你们。",
    "我同事说他被你们坑了，还到法院告了你们。",
    "我邻居说他家也漏水，去住建局反映过。",
    "我表哥说他也被多扣了 还去法院起诉了你们",
])
def test_a_third_partys_step_told_as_done_in_the_next_clause_is_reported(text):
    _calm(text)


@pytest.mark.parametrize("text", [
    "你们多扣了我的钱，我还去法院起诉了你们。",
    "我朋友说他买到假货了，我就去12315投诉了你们。",
    "你们不给修，去住建局反映过了也没用，我再去一次",
])
def test_the_callers_own_step_after_a_report_still_counts(text):
    _threat(text)


def test_a_friends_lawsuit_told_in_a_calm_call_does_not_alert_with_the_rules_alone():
    conversation = call(("A", "您好，请讲。"), ("C", "我同学说他被你们多收了年费，还去法院起诉了你们，我想查查我的卡。"),
                        ("A", "好的，您的年费都是正常收取的。"), ("C", "那就好。"))
    assert [h for h in detect_threats(conversation, None) if h.threat] == []


# 4. Cue-level readings behind another cue of the same turn.

@pytest.mark.parametrize("text, cue", [
    ("明天再不来我就打12345再找记者来看看你们怎么干活的", "记者"),
    ("再不处理我就打市长热线 再找电视台来瞧瞧你们是什么服务", "电视台"),
])
def test_an_embedded_clause_after_看看_is_not_a_question(text, cue):
    assert _reason_of(text, cue) == "threat"


def test_a_procedure_question_with_看看_stays_a_question():
    assert _reason_of("12315能帮我看看吗", "12315") == "question"


@pytest.mark.parametrize("text, cue", [
    ("我已经在消协的公众号上留言反映了", "消协"),
    ("我已经在12315的小程序上提交了", "12315"),
    ("我已经在市场监管局的网站上举报你们了", "市场监管局"),
])
def test_a_bodys_own_channel_used_to_complain_is_not_a_place(text, cue):
    assert _reason_of(text, cue) == "threat"


@pytest.mark.parametrize("text", [
    "我在电视台的网站上看到的",
    "我在住建局的窗口办过手续",
])
def test_a_bodys_site_or_counter_visited_for_something_else_is_still_a_place(text):
    _calm(text)


# After fresh38_test's one scoring (in-sample for it; its call alerted through 打民航局的投诉电话 anyway): two sector hotlines.

@pytest.mark.parametrize("text", [
    "航班的事你们再拖着 我就打幺二三二六",
    "我要打12326投诉你们航空公司",
    "你们不退这笔手续费，我就打一二三六三",
])
def test_the_civil_aviation_and_central_bank_consumer_lines_are_hotlines(text):
    _threat(text)


@pytest.mark.parametrize("text", [
    "工号12326",
    "我不会打12326的",
])
def test_those_lines_as_an_identifier_or_negated_are_not_threats(text):
    _calm(text)


def test_those_lines_inside_a_longer_number_are_no_cue():
    assert scan_text("订单号幺二三二六八") == []
