"""Eighty-first pass (``THREAT_PASSES.md`` "Eighty-first pass"), **in-sample**: the rule errors of ``fresh124`` …
``fresh127``, scored once last stop before the pass.

- an unmet condition closed by 的话 with no comma (你们今天联系不上司机的话我就报警了), read after an earlier loss;
- the company asked what it proposes right after the step (这回我肯定投诉 你们说换货还是怎么弄): addressed, not quoted;
- 投诉建议 as one noun and the line asked about with 也是打 (想问下投诉建议也是打这个号码吗);
- the complaint the agent offered to pass on, declined (不用转投诉，也不用升级).

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import CHOSEN_OPINION, VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat, call, counts_threat


def test_the_version_is_rules_81_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 81


@pytest.mark.parametrize("text", [
    "我提醒你们一句 这回我肯定投诉 你们说换货还是怎么弄",
    "这次我一定投诉，你说怎么处理吧。",
    "我要找你们经理 你们说是不是该给个说法",
])
def test_the_company_asked_after_the_step_is_addressed_not_quoted(text):
    assert_threat(text)
    assert alerts(text, None)


def test_what_someone_else_said_after_the_step_stays_reported():
    assert_calm("我邻居要投诉 他说你们的车老挡着门")


@pytest.mark.parametrize("lost, warning", [
    ("喂 我刚下车 手机落在车上了 司机电话打不同", "就十分钟前 晚上八点二十 你们今天联系不上司机的话我就报警了"),
    ("我的钱包丢了，好像落在你们店里了。", "今天找不到的话，我就报警了。"),
])
def test_an_unmet_condition_with_de_hua_after_a_loss_is_a_warning(lost, warning):
    conversation = call(("A", "您好，请问有什么可以帮您？"), ("C", lost), ("A", "别着急，我先帮您查一下。"), ("C", warning))
    assert counts_threat(conversation, None)
    assert counts_threat(conversation, CHOSEN_OPINION)


def test_the_police_already_called_after_a_loss_stays_an_incident():
    conversation = call(("A", "您好，请问有什么可以帮您？"), ("C", "我的钱包丢了，好像落在你们店里了。"),
                        ("A", "别着急，我先帮您查一下。"), ("C", "我已经报警了，警察让我来问问监控。"))
    assert not counts_threat(conversation, None)


@pytest.mark.parametrize("text", [
    "我帮社区做一张便民电话表，想问下投诉建议也是打这个号码吗？",
    "你们的投诉也是打这个号码吗",
    "不用转投诉，也不用升级，直接登记理赔就行，一个杯子而已。",
    "不用帮我转投诉了，退款就行。",
])
def test_the_line_asked_about_and_the_offer_declined_are_no_threat(text):
    assert_calm(text)
    assert not alerts(text, None)


def test_a_complaint_demanded_with_a_suggestion_stays_a_threat():
    assert_threat("我要投诉，建议你们好好培训一下员工")
