"""Ninety-second pass (``THREAT_PASSES.md`` "Ninety-second pass"), **in-sample**: the rule errors of ``fresh158`` …
``fresh161``, scored once this stop before the pass, and one of ``fresh142`` only the call model's veto had set aside.

- someone else's words going on with a line thrown in (他说平台规定只送到楼下 然后还来了一句你随便投诉): theirs;
- a review's targets up to ten characters (我就给这家店和这个骑手都打差评);
- a withdrawal told in the next clause with a day before it (在12315那边提的单，今天已经撤了).

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import CHOSEN_OPINION, VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat


def test_the_version_is_rules_92_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 92


@pytest.mark.parametrize("told", [
    "喂 那个 我刚才让骑手把外卖送上楼 他说平台规定只送到楼下 然后还来了一句你随便投诉 我也没跟他吵 我就想问问 你们是不是规定只能送到楼下啊",
    "他说只送到楼下，然后还来了一句你随便投诉。",
])
def test_a_line_thrown_in_by_someone_else_is_theirs(told):
    assert_calm(told)
    assert not alerts(told, CHOSEN_OPINION)


def test_the_callers_own_line_stays_a_threat():
    assert_threat("我跟他说只送楼下不行，然后我来了一句我要投诉")


@pytest.mark.parametrize("threat", [
    "麻烦快点。蛋糕要是七点前还送不到，我就给这家店和这个骑手都打差评。",
    "今天再不给我送到，我保证给你们快递员和网点都打差评。",
])
def test_a_review_of_two_named_targets_is_announced(threat):
    assert_threat(threat)
    assert alerts(threat, CHOSEN_OPINION)


@pytest.mark.parametrize("withdrawn", [
    "你好，团费已经退给我了。我之前在12315那边提的单，今天已经撤了，跟你们说一声。",
    "就是跟你们说一声，我之前在12345登记的那个工单，昨天已经撤销了。",
])
def test_a_withdrawal_told_with_a_day_before_it_is_no_step(withdrawn):
    assert_calm(withdrawn)
    assert not alerts(withdrawn, None)


def test_a_withdrawal_asked_about_stays_a_threat():
    assert_threat("我要打12315投诉，今天已经撤了吗")
