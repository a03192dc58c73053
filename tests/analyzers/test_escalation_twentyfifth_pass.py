"""Twenty-fifth pass: fresh42 (80 short calls of 4–8 turns in ten ordinary domains, about half MUSIED-style ASR text; model card
"Twenty-fifth pass"), and the misreads earlier passes left open.

``fresh42_dev`` on main (``escalation-rules-24``) missed, with the rules alone, 月底还不到账我就去金融监管局投诉你们 (the regulator cue
到…局 starts at the 到 of the condition 不到账…就, so the 不 before it read as a negation), and fired the rules on four calm calls: a
supposed complaint followed by a question to the company (要是我投诉的话，你们会重新审核吗？), a contract clause read out without
quotation marks, 我要找你们领导 … 我要表扬他 (praise), and a father's step told after a long clause (我爸看了短信以为…急得说要打12315).
The last four are of the same kinds as misreads left open by earlier test halves (in-sample there); the other open misreads fixed
here come from earlier test halves too (in-sample): 我不想走司法程序 / 走司法程序要多长时间, 上级单位 (the caller's own chain of approval
read as a superior; the company's superior unit addressed not read at all), 要是投诉的话，你们赔不赔？, 我要找你们领导电话多少 (a
demand, not a question), 差评我是写定了 (announced, the review put first), 如果要投诉…的话 是找你们还是找教育局 (a question).

Sentences written for these tests; none is a sentence of ``eval/labels/complaint_threat_fresh42.jsonl``.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION, detect_threats
from tests.analyzers.threat_probes import assert_calm as _calm
from tests.analyzers.threat_probes import assert_threat as _threat
from tests.analyzers.threat_probes import call, reasons


def test_the_version_is_rules_25_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 25


# 1. a condition that runs into the cue (fresh42_dev)
@pytest.mark.parametrize("text", [
    "下周还不到账我就去金融监管局告你们",
    "嗯再不到位我就去住建局投诉",
    "月底前还不到账我就去银保监局投诉你们",
])
def test_a_condition_running_into_the_cue_is_no_negation(text):
    _threat(text)


@pytest.mark.parametrize("text", [
    "我不想去金融监管局投诉",
    "我没去市场监管局",
])
def test_a_plain_negation_before_a_bureau_still_holds(text):
    _calm(text)


# 2. a supposed step followed by a question to the company (fresh42_dev; the twenty-first pass's open misread)
@pytest.mark.parametrize("text", [
    "要是投诉的话，你们赔不赔？",
    "要是我投诉的话，你们退不退？",
    "如果我去投诉的话 你们会给我换吗",
    "假如我举报的话，你们公司是不是要罚款呢？",
])
def test_a_supposed_step_then_a_question_to_the_company_is_a_question(text):
    _calm(text)


@pytest.mark.parametrize("text", [
    "如果我去12315投诉的话，你们还能这么嚣张吗",
    "你们不赔的话我就投诉，你们看着办",
    "要是你们不退，我就去投诉",
])
def test_a_taunt_or_a_condition_put_to_the_company_stays_a_threat(text):
    _threat(text)


# 3. a contract clause read out without quotation marks (fresh42_dev; the seventeenth and twentieth passes' open misread)
@pytest.mark.parametrize("text", [
    "合同里写着甲方保留追究违约责任的权利",
    "协议上写的是发生争议向乙方所在地人民法院起诉，这个什么意思",
    "条款里规定逾期不还的追究法律责任，是这样吗",
])
def test_a_clause_read_out_without_quotes_is_a_mention(text):
    _calm(text)


@pytest.mark.parametrize("text", [
    "合同上写着三天发货，你们没做到，我要起诉你们",
    "合同写着三天发货 不发货就告你们",
    "合同里写了七天无理由，你们不退我就去法院",
])
def test_the_callers_own_step_after_a_clause_read_out_stays_a_threat(text):
    _threat(text)


# 4. praise after 我要找你们领导 (fresh42_dev; the twentieth pass's open misread)
@pytest.mark.parametrize("text", [
    "我要找你们领导，这师傅太负责了我要表扬他",
    "我要找你们经理，那个小姑娘特别耐心，我要表扬她",
    "我想找你们领导，我要好好感谢一下这位师傅",
])
def test_a_superior_asked_for_to_hear_praise_is_a_mention(text):
    _calm(text)


@pytest.mark.parametrize("text", [
    "我要找你们领导，这师傅太不负责了",
    "我要找你们领导，这师傅太负责了是吧，东西都摔坏了",
    "我要找你们领导，表扬什么表扬，赶紧给我退钱",
])
def test_a_superior_demanded_over_a_failure_stays_a_threat(text):
    _threat(text)


# 5. a relative's step told after a long clause (fresh42_dev; fresh41_test's open misread)
@pytest.mark.parametrize("text", [
    "我爸看到账单还以为被你们挪用了，急得说要去找你们行长",
    "我妈看了短信以为你们多扣了她好几百，急得说要打12315",
    "我老公以为快递被你们弄丢了 气得说要去邮政管理局",
])
def test_a_relatives_step_after_a_long_clause_is_reported(text):
    _calm(text)


@pytest.mark.parametrize("text", [
    "我爸看到账单还以为被你们挪用了，我急得说要去找你们行长",
    "我爸住院了你们还不给理赔，我就说要去银保监会投诉",
])
def test_the_callers_own_step_after_a_relative_is_named_stays_a_threat(text):
    _threat(text)


# 6. 司法程序 negated or asked about (fresh37_test's open misread; 法律程序 read the same way on main)
@pytest.mark.parametrize("text", [
    "我不想走司法程序",
    "我也不想走法律程序，你们把钱退了就行",
    "走司法程序要多长时间",
    "走法律程序一般要多久？",
])
def test_the_law_process_negated_or_asked_about_is_no_threat(text):
    _calm(text)


@pytest.mark.parametrize("text", [
    "那我只能走司法程序了",
    "我要走法律程序",
])
def test_the_law_process_announced_stays_a_threat(text):
    _threat(text)


# 7. 上级单位 (the twentieth pass's open misread): the caller's own chain, and the company's superior unit addressed
@pytest.mark.parametrize("text", [
    "我要请示一下上级单位",
    "我们是国企，要找上级单位审批",
])
def test_the_callers_own_superior_unit_is_a_mention(text):
    _calm(text)


@pytest.mark.parametrize("text", [
    "麻烦您向贵公司的上级单位转达，我们要一份正式的书面说明",
    "我要向你们的上级单位反映",
    "我会联系贵公司上级主管单位",
])
def test_the_companys_superior_unit_addressed_is_a_threat(text):
    _threat(text)


# 8. 我要找你们领导电话多少 (the twenty-third pass's open misread): the demand, then his number asked
@pytest.mark.parametrize("text", [
    "我要找你们领导电话多少",
    "我要找你们经理的电话是多少",
    "嗯我要找你们店长电话号码多少",
])
def test_a_superiors_number_asked_after_the_demand_is_a_threat(text):
    _threat(text)


def test_a_complaint_lines_number_asked_stays_a_question():
    _calm("我要投诉的话电话多少")


# 9. the review put first (the twenty-second pass's open misread)
@pytest.mark.parametrize("text", [
    "差评我是写定了",
    "差评我反正打定了，这种店",
])
def test_a_review_put_first_and_settled_is_a_threat(text):
    _threat(text)


def test_a_review_read_stays_a_mention():
    _calm("差评我都看过了，确实有人说味道不好")


# 10. 如果要投诉…的话 是找你们还是找<body> (fresh41_test's open misread and a fresh42_dev call)
@pytest.mark.parametrize("text", [
    "如果要投诉老师的话 找你们还是找教育局",
    "我问一下，如果要投诉司机的话，是找你们还是找交通局啊？",
])
def test_where_to_complain_in_an_if_clause_is_a_question(text):
    _calm(text)


def test_the_company_or_a_bureau_as_an_ultimatum_stays_a_threat():
    _threat("今天不退钱，我就去找市场监管局")


def test_a_call_with_the_relatives_long_clause_does_not_alert_through_the_rules():
    conv = call(("A", "您好，请问有什么可以帮您？"),
                ("C", "我奶奶看了扣款短信还以为被你们骗了，急得说要去找你们行长，我说我先打个电话问问。"),
                ("A", "我帮您查一下，这是正常的年费。"), ("C", "好的，那我跟她解释。"))
    assert not any(h.threat for h in detect_threats(conv, None))


def test_the_agents_rule_thrown_back_is_no_clause_read_out():
    _threat("规定规定，让你们经理来接电话")


def test_a_negation_with_no_consequence_before_the_cue_still_holds():
    assert "threat" not in reasons("为什么电信的工作人员电话回复是不给我家这的升级光纤")
