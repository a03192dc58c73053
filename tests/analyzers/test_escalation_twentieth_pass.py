"""Twentieth pass: fresh37_dev's errors of the threat detector on main at scoring time (three missed threats and five
calm alerts from threat hits under the default; one more missed threat and one more calm alert with the rules alone),
each fixed by its family (model card "Twentieth pass").

1. A withdrawal verb aimed at the company (取消你们的供应资格, 撤销你们的资质) is a sanction asked of the body, not the step
   withdrawn; 撤销投诉 still is.
2. The law named by its process or means (走司法程序, 通过司法途径, 诉诸法律, 依法维权): rule-only legal cues.
3. A law firm's letter to the company (以律所的名义发函, 让律所给你们发函): a rule-only legal cue; 律所 as a workplace or a
   buyer stays calm.
4. The mayor's mailbox written to (写信给市长信箱) is the step, not a letter received (rules alone; the second opinion
   already added it).
5. Reported speakers: a group counted with its measure word (有几户业主, 好几名员工, 几位老师), staff and residents, and how
   they said it (私下说, 气得直说, an ASR pause before 说).
6. Someone else's step declined by the caller after a full stop, with 先别急 / 不用折腾, or told as already talked out of it
   (我已经劝住了); in a run-on ASR turn, someone else named nearer the step than the caller.
7. A contract clause, a rule or a notice read out in quotation marks (第九条写着：“…追究其法律责任。”): a mention.
8. Rules alone: a licence or post before the job in who the caller is (我是一名执业律师): the caller's job.

After fresh37_test's one scoring (in-sample for it; last part of this file): the matter reported to a named bureau
(把情况书面报告给省档案局) counts, not a report to one's own office (汇报给局里); whether a body accepts something, asked with an
A-not-A verb right after it (教育局那边认不认), is a question.

Sentences written for these tests; none is a sentence of ``eval/labels/complaint_threat_fresh37.jsonl``.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION, detect_threats
from tests.analyzers.threat_probes import assert_calm as _calm, assert_threat as _threat, call, reasons


def test_the_version_is_rules_20_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 20


@pytest.mark.parametrize("text", [
    "到时候我们会向市场监管局反映 取消你们的经营资格",
    "我要向区住建局反映，撤销你们的施工资质",
    "不整改的话 我们单位会向区教育局书面反映 取消与你们的合作",
])
def test_a_sanction_on_the_company_asked_of_a_body_counts(text):
    _threat(text)


@pytest.mark.parametrize("text", [
    "我想把上周在市场监管局的那个投诉撤销了",
    "我要取消投诉，问题已经解决了",
])
def test_a_complaint_withdrawn_stays_withdrawn(text):
    assert "withdrawn" in reasons(text) and "threat" not in reasons(text)


@pytest.mark.parametrize("text", [
    "再拖下去我们只能走司法途径了",
    "那就只能诉诸法律了",
    "你们不退的话我会依法维权",
    "我们会通过司法程序解决这件事",
    "下周就以律所的名义给贵公司发正式函件",
    "我会让律所给你们发函",
])
def test_the_law_named_by_its_process_or_a_law_firms_letter_counts(text):
    _threat(text)


@pytest.mark.parametrize("text", [
    "我在律所上班，想改一下收货地址",
    "我们律所想订一批办公椅",
    "我不想依法维权，还是协商吧",
])
def test_a_law_firm_as_a_workplace_or_a_buyer_finds_no_threat(text):
    assert "threat" not in reasons(text)


def test_the_mayors_mailbox_written_to_counts_with_the_rules_alone():
    assert "threat" in reasons("不解决的话我就写信给市长信箱")


@pytest.mark.parametrize("text", [
    "有两户居民说要打12345投诉你们",
    "好几名员工说要找记者曝光你们",
    "有几位老师私下说要去教育局反映你们",
    "他气得直说要去消协告你们",
    "有几户业主 嗯 说要打一二三四五投诉你们",
])
def test_counted_groups_staff_and_how_they_said_it_are_reported(text):
    _calm(text)


@pytest.mark.parametrize("text", [
    "我老伴看了电视非要说要去消协告你们。我劝她先别急",
    "隔壁王姐要去找媒体曝光你们。我已经劝住了",
    "我是三号楼的 我爱人 嗯 她看了群里的消息 非要说要去消协投诉你们 我说 嗯 先别急 先问问",
])
def test_someone_elses_step_declined_after_a_full_stop_or_in_a_run_on_turn_is_reported(text):
    _calm(text)


@pytest.mark.parametrize("text", [
    "几位员工私下说你们不行，我要去消协投诉你们",
    "我要去消协告你们。我劝你们别拖了",
    "我要去消协告你们。我说到做到",
    "我是三号楼的 我要去消协投诉你们 我说 先别急着挂电话",
])
def test_the_callers_own_step_still_counts(text):
    _threat(text)


@pytest.mark.parametrize("text", [
    "合同第五条写着：“违约方应承担相应的法律责任，守约方可向人民法院起诉。”这个怎么理解？",
    "协议上写着：“争议由甲方所在地法院管辖。”我想确认一下",
])
def test_a_clause_read_out_in_quotation_marks_is_a_mention(text):
    _calm(text)


def test_a_clause_read_out_then_the_callers_own_step_counts():
    _threat("合同里写着：“逾期交付的，甲方有权解除合同。”你们已经逾期了，我直接起诉你们")


@pytest.mark.parametrize("text", ["我是一名执业律师，想订一批书", "我是一名资深记者，想咨询一下会员"])
def test_a_licence_before_the_callers_job_is_who_they_are(text):
    _calm(text)


def test_a_declined_step_in_a_call_raises_no_threat_and_a_callers_step_does():
    calm = call(("A", "您好，请问有什么可以帮您？"), ("C", "我们车间有几位工人私下说要找记者曝光你们。我已经劝住了，想请你们来开个会。"))
    assert not [h for h in detect_threats(calm, None) if h.threat]
    threat = call(("A", "您好，请问有什么可以帮您？"), ("C", "这批货再不换，我们只能走司法程序了。"))
    assert [h.category for h in detect_threats(threat, None) if h.threat] == ["legal"]


# After fresh37_test's one scoring (in-sample for it).
@pytest.mark.parametrize("text", [
    "一周内没有答复的话，我们会把情况如实报告给市体育局",
    "我会把这件事上报给县林业局，由他们来定",
])
def test_the_matter_reported_to_a_named_bureau_counts(text):
    _threat(text)


def test_a_report_to_ones_own_office_finds_no_cue():
    assert reasons("我已经把情况汇报给局里了") == []


@pytest.mark.parametrize("text", ["你们出的这个证明卫健委那边认不认？", "这种发票市场监管局收不收？"])
def test_whether_a_body_accepts_something_is_a_question(text):
    assert reasons(text) == ["question"]


def test_a_hotline_named_after_the_callers_step_still_counts():
    _threat("你们再不退我就打12315，看他们管不管")

