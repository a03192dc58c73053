"""escalation-rules-12: families from the chat-dev errors of the real MUSIED chats (typed register).

Each family was found on ``complaint_threats_musied_chats.jsonl`` dev; the sentences here are the
family's shape (a few the dev lines themselves, most written for the test), so each test fails on
``escalation-rules-11`` and passes here.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION, detect_threats, scan_text
from qa_engine.backtest import musied_chat
from tests.analyzers.threat_probes import assert_threat, reasons as _reasons


def _chat(*lines: str):
    return musied_chat({"id": "t", "content": list(lines)})


def test_version():
    assert int(VERSION.rsplit("-", 1)[1]) >= 12


# A. The platform's specialist (专员) or an escalation demanded by the customer in Meituan's own words.
@pytest.mark.parametrize("text", ["或者升级专员", "转接高级专员处理", "还是升级一下吧", "麻烦升级专员处理",
                                  "你帮我转接高级专员", "直接给我升级专员吧"])
def test_a_specialist_demanded_is_a_threat(text):
    assert_threat(text)


@pytest.mark.parametrize("text", ["什么是专员", "专员处理是什么", "升级专员吗", "专员什么时候给我回电",
                                  "把那个升级专员的单子给撤销吧", "不要一直升级处理", "手机还是升级一下吧系统太旧"])
def test_asking_about_a_specialist_or_withdrawing_it_is_not(text):
    assert "threat" not in _reasons(text), scan_text(text)


def test_accepting_the_agents_own_offer_is_not_a_demand():
    offered = _chat("用户:商家不同意退款,", "客服:小美权限有限，这边帮您升级专员处理您看可以吗,", "用户:那还是升级专员吧,")
    assert not [h for h in detect_threats(offered, None) if h.threat]
    unprompted = _chat("用户:商家不同意退款,", "客服:亲亲这边还有其他问题吗,", "用户:那还是升级专员吧,")
    assert [h.reason for h in detect_threats(unprompted, None) if h.threat] == ["threat"]


# B. A regulator named by what it supervises, with the step taken there.
@pytest.mark.parametrize("text", ["和食品安全监管说吧", "我去跟市场监管反映", "找质量监督部门来查"])
def test_a_regulator_named_by_its_field(text):
    assert_threat(text)


@pytest.mark.parametrize("text", ["你们美团也应该尽到监管的责任", "你们可不得监管吗", "食品安全监管很重要"])
def test_supervision_as_a_duty_is_not(text):
    assert "threat" not in _reasons(text), scan_text(text)


# C. The purpose of the contact (我是来投诉的, a chat's 投诉的) is a complaint demanded, not one made before.
@pytest.mark.parametrize("text", ["投诉的", "我是来投诉的", "你好，我就是来投诉的", "我是投诉的"])
def test_the_purpose_of_the_contact(text):
    assert_threat(text)


@pytest.mark.parametrize("text", ["我昨天投诉的", "他是来投诉的", "我朋友是来投诉的", "我上次是来投诉的"])
def test_an_earlier_or_someone_elses_complaint_stays_aside(text):
    assert "threat" not in _reasons(text), scan_text(text)


# D. The company's own complaint line already called is the complaint made to the company.
@pytest.mark.parametrize("text", ["我刚刚拨打了你们的投诉热线", "我已经打过你们的投诉电话了", "昨天打了一次你们公司的投诉电话"])
def test_the_companys_own_complaint_line_already_called(text):
    assert "threat" not in _reasons(text), scan_text(text)


@pytest.mark.parametrize("text", ["我要打你们投诉电话", "不处理我就打你们的投诉电话", "我已经打了12315投诉电话"])
def test_a_complaint_line_still_to_call_or_an_outside_one_counts(text):
    assert_threat(text)


# After the one scoring of chat test (in-sample for it from here): frames its errors showed.
@pytest.mark.parametrize("text", ["不行的话请专员处理", "不行就叫专员来", "我要求联系专员给我回电", "要求你们高级专员处理"])
def test_a_specialist_demanded_under_a_condition_or_as_a_demand(text):
    assert_threat(text)


@pytest.mark.parametrize("text", ["转食品部门", "请转接你们的食品安全部门", "相关部门是", "目前已经投诉", "我已经投诉了",
                                  "你找你专员联系我还不是一样"])
def test_an_internal_transfer_a_dangling_question_or_a_complaint_already_made_is_not(text):
    assert "threat" not in _reasons(text), scan_text(text)


@pytest.mark.parametrize("text", ["我要去相关部门", "不退我就找监管部门", "我已经投诉12315了", "处理不好我就投诉"])
def test_the_same_words_as_a_step_still_count(text):
    assert_threat(text)
