"""Thirteenth pass (escalation-rules-11): fresh30_dev's errors (four calm alerts under the default policy,
three more with the rules alone), each fixed by its family (model card "Thirteenth pass").

1. A third person's step already done (他打了12315以后你们给赔了, 她去过消协) is someone else's step.
2. A clause with no subject of its own right after a third party's report goes on with their words
   (楼下邻居说你们的灯牌太亮，要去12345投诉你们); after the company's side reporting (客服说…，要去…) or with the
   customer as subject (…，我要去…) it still counts.
3. A Chinese third-party subject before an English verb (我爸总是 complain) is reported, like my wife 老是 complain.
4. English stop / quit negate the verb after them (Stop complaining and enjoy your birthday).
5. An English legal noun as a job or a modifier of a person (my lawyer friend, I'm a lawyer) is a mention.
6. The police called about a theft suffered at the company's place (在你们店门口被偷了钱包) or a fraud by someone
   else (在你们平台认识的一个人骗了我) is the incident, not a step against the company (rules alone).

Sentences written for these tests; none is a sentence of ``eval/labels/complaint_threat_fresh30.jsonl``.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION, detect_threats
from tests.analyzers.threat_probes import assert_calm, assert_threat, reasons as _reasons, call as _call


def _rule_threats(*customer: str) -> list:
    turns = [t for text in customer for t in (("A", "您好，请讲。"), ("C", text))]
    return [h for h in detect_threats(_call(*turns), None) if h.threat]


def test_the_version_is_rules_11_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 11


@pytest.mark.parametrize("text", [
    "我表姐在你们这买过一台，她打了12315以后你们才给换的",
    "我邻居去年也遇到过，他去过消协，你们后来给退了",
    "听我朋友讲的，他们早就找了12345",
])
def test_a_third_persons_step_already_done_is_reported(text):
    assert_calm(text)


@pytest.mark.parametrize("text", [
    "我跟他打了12315，你们看着办",
    "你们不给我退，我就打12315",
])
def test_the_customers_own_step_still_counts(text):
    assert_threat(text)


@pytest.mark.parametrize("text", [
    "我们对门邻居说你们的空调外机太吵，要去12345投诉你们",
    "我同事说你们家的课没法退，准备去消协反映",
])
def test_a_subjectless_clause_after_a_third_partys_report_is_reported(text):
    assert_calm(text)


@pytest.mark.parametrize("text", [
    "客服说不能退，要去12345投诉你们",
    "邻居说你们灯太亮，我要去12345投诉你们",
    "我朋友说你们家不靠谱，我明天就去消协",
])
def test_the_customers_clause_after_a_report_still_counts(text):
    assert_threat(text)


@pytest.mark.parametrize("text", [
    "我妈老是 complain 说你们的课太贵，她就是嘴上说说",
    "我老公一直 complain 你们的网速，但是我觉得还行",
])
def test_a_chinese_subject_before_an_english_verb_is_reported(text):
    assert_calm(text)


def test_an_english_verb_in_the_customers_own_voice_still_counts():
    assert "threat" in _reasons("我要 complain 你们这个客服")


@pytest.mark.parametrize("text", [
    "贺卡上写 Stop complaining, life is good 可以吗",
    "我想在T恤上印 quit complaining 这几个字",
])
def test_stop_or_quit_before_an_english_verb_negates_it(text):
    assert_calm(text)


@pytest.mark.parametrize("text", ["Stop lying or I will complain", "If you don't stop, I will report you"])
def test_an_own_step_after_stop_still_counts(text):
    assert_threat(text)


@pytest.mark.parametrize("text", [
    "我的 lawyer friend 下个月来，想订两晚",
    "I'm a lawyer, 想问一下你们的企业套餐",
    "my brother is an attorney 他要办一张卡",
])
def test_an_english_legal_noun_as_a_job_or_a_modifier_is_calm(text):
    assert_calm(text)


@pytest.mark.parametrize("text", ["My lawyer will contact you tomorrow", "I will talk to my lawyer about this"])
def test_an_english_lawyer_engaged_still_counts(text):
    assert_threat(text)


def test_the_police_called_about_a_theft_at_the_companys_place_is_the_incident():
    assert not _rule_threats("我在你们停车场被人砸了车窗，已经报警了，想调一下监控")


def test_the_police_called_about_someone_elses_fraud_is_the_incident():
    assert not _rule_threats("我在你们群里认识的一个网友骗了我五千块，我已经报警了")


@pytest.mark.parametrize("text", [
    "你们店员偷了我的手机，我已经报警了",
    "你们这就是骗人，我要报警",
    "在你们平台上被骗了，你们不赔我就报警",
])
def test_the_police_against_the_company_still_counts(text):
    assert _rule_threats(text), detect_threats(_call(("A", "您好"), ("C", text)), None)


# After fresh30_test's one scoring (in-sample for it): a body's full name as who the caller is, the court's ruling
# already given, and a fraud suffered with its agent named (被人骗).

@pytest.mark.parametrize("text", [
    "我们是省高级人民法院，想订一批会议用的矿泉水",
    "我是区基层人民法院的，问一下你们的团体票",
])
def test_a_full_court_name_as_who_the_caller_is_is_calm(text):
    assert_calm(text)


@pytest.mark.parametrize("text", [
    "我表哥那个借钱的案子 嗯 法院判了让对方还钱 我想问转账要多久到",
    "那个案子法院已经判下来了，我就想改一下收货地址",
])
def test_the_courts_ruling_already_given_is_a_mention(text):
    assert_calm(text)


@pytest.mark.parametrize("text", ["你们再不退钱，咱们法院见", "法院判了你们也不执行，我再去法院申请强制执行"])
def test_going_to_court_still_counts(text):
    assert_threat(text)


def test_the_police_called_about_a_fraud_suffered_from_someone_named_is_the_incident():
    assert not _rule_threats("我在地铁口被人骗着办了张假会员卡，已经报警了，警察让我来核实一下")


def test_the_police_about_the_company_defrauding_still_counts():
    assert _rule_threats("你们这是骗钱，我已经报警了")
