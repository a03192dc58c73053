"""Ninety-eighth pass (``THREAT_PASSES.md`` "Ninety-eighth pass"), **in-sample**: the two errors of ``fresh178`` …
``fresh184``'s first reading and the two threat calls there that only the call model caught.

- a complaint owned by others, named as a noun with 的 (顾客的投诉一般从哪里转到我们这边): theirs;
- the caller's own lawsuit told as done (我已经向法院递了诉状) stands against the call model's veto, as the report to the
  police told as done does;
- a bare 取消 several pauses after the cue, with no step named again before it, is something else cancelled (我是会去法院告的
  就是我订的那个酒店说好免费取消);
- a counted group is not read from inside a number (我和几十个会员: 十个会员 is not the subject), and a step told as done with its
  verb after the body, then a pause and a new question, stands (已经去消费者协会登记了 我就问问钱什么时候退).

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat, kept_from_the_vetoes


def test_the_version_is_rules_98_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 98


@pytest.mark.parametrize("calm", [
    "你好，我开了一家小吃店，刚上线美团。想问一下，顾客的投诉一般从哪里转到我们这边？我好安排人看。",
    "我们是商家，用户的投诉我们在后台看得到吗",
    "家长们的投诉都转给班主任处理了吗？",
])
def test_a_complaint_owned_by_others_is_no_threat(calm):
    assert_calm(calm)
    assert not alerts(calm, None)


@pytest.mark.parametrize("threat", [
    "我的投诉到现在没人管，我要投诉你们",
    "顾客的投诉你们不处理，我就去12315投诉你们平台",
])
def test_the_caller_s_own_step_stays_a_threat(threat):
    assert_threat(threat)


@pytest.mark.parametrize("text", [
    "扣我押金和违约金的事，我已经向法院递了诉状。今天打来是想问一下，你们法务的联系方式是什么？",
    "我已经去法院立案了，你们等传票吧",
    "这事我已经起诉你们了",
])
def test_a_lawsuit_told_as_done_is_kept_from_the_vetoes(text):
    kept = kept_from_the_vetoes(text, "legal")
    assert kept and all(kept)


@pytest.mark.parametrize("text", [
    "我要去法院起诉你们",
    "我朋友已经向法院起诉了",
])
def test_a_lawsuit_not_told_as_the_caller_s_done_step_is_not_kept(text):
    assert not any(kept_from_the_vetoes(text, "legal"))


@pytest.mark.parametrize("threat", [
    "喂 我跟你讲 这个钱我是会去法院告的 就是我订的那个酒店说好免费取消 我提前三天取消的 结果扣了我全款八百多",
    "这事我肯定要去12315投诉 前天订的那个房间我已经取消了 钱到现在还没退",
    "对 我和几十个会员已经去消费者协会登记了 我就问问钱什么时候退",
    "我已经去市场监管局举报了 我就问问你们什么时候处理",
])
def test_the_step_stands_past_a_cancelled_booking_and_a_new_question(threat):
    assert_threat(threat)
    assert alerts(threat, None)


@pytest.mark.parametrize("calm", [
    "那个投诉 我现在 取消了",
    "上周打12345投诉的那个 我已经取消了",
    "有几十个会员已经去消费者协会登记了",
    "是不是要先去消费者协会登记 我想问问怎么弄",
])
def test_withdrawals_others_and_questions_stay_calm(calm):
    assert_calm(calm)
