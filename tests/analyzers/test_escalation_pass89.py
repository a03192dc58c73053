"""Eighty-ninth pass (``THREAT_PASSES.md`` "Eighty-ninth pass"), **in-sample**: the rule errors of ``fresh146`` …
``fresh149``, scored once this stop before the pass.

- 你让我怎么吃 before the caller's own review: a complaint's rhetorical question, not an instruction told (你让我去投诉 and
  客服让我找12315 stay someone else's words);
- 我就带着我爸去消协: the caller takes the relative along, their own step (我爸要去消协 stays the relative's);
- a short object before 的话 and a where / how question (投诉商家的话是在app的哪个地方操作): the procedure asked about.

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import CHOSEN_OPINION, VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat, reasons


def test_the_version_is_rules_89_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 89


@pytest.mark.parametrize("threat", [
    "喂 那个我订的烤鸭 饼都没给我装 酱也没有 光一只鸭子 你让我怎么吃 我这个单子保证给他差评 然后你看看能不能让他把饼给我补过来",
    "汤全洒了你叫我怎么喝，我肯定给这家店差评",
    "你们要我怎么办 再不处理我就打12315",
])
def test_a_rhetorical_how_before_the_callers_step_is_no_report(threat):
    assert_threat(threat)


@pytest.mark.parametrize("reported", [
    "上次客服让我去12315投诉，我觉得没必要",
    "商家叫我找消协，我就是想先问问你们",
])
def test_an_instruction_told_stays_someone_elses_words(reported):
    assert reasons(reported) and "threat" not in reasons(reported)


@pytest.mark.parametrize("threat", [
    "嗯 老人家哪懂什么回复 就是 这九十块你们得全退 不给退的话我就带着我爸去消协 给老人乱开业务这种事他们肯定管 然后把他这个号码所有的增值业务都给我关掉",
    "再不给我妈退钱，我明天就陪着我妈去消协",
])
def test_the_caller_taking_a_relative_along_is_their_own_step(threat):
    assert_threat(threat)
    assert alerts(threat, CHOSEN_OPINION)


def test_a_relatives_own_intended_step_stays_theirs():
    assert_calm("我爸要去消协，我劝了半天没劝住，你们能不能先给退了")


@pytest.mark.parametrize("question", [
    "喂 你好 我就是想问一下 我自己没有什么事 就是我们业主群里在讨伦 说在你们这个平台上面投诉商家的话是在app的哪个地方操作 我找了一下没找着 就是问问",
    "想问一下投诉骑手的话是在哪里提交",
])
def test_where_a_complaint_is_made_asked_is_the_procedure(question):
    assert_calm(question)
    assert not alerts(question, None)


def test_a_complaint_announced_before_a_how_question_stays_a_threat():
    assert_threat("我要投诉这个骑手，你们看怎么处理")
