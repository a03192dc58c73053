"""Sixty-fourth pass (``THREAT_PASSES.md`` "Sixty-fourth pass"), **in-sample**: the rule errors of ``fresh90`` and ``fresh91``,
scored once this stop before the pass.

- the superior the agent has just arranged, named again by the customer, is the arrangement accepted
  (…安排店长给您重新验光重配 / 那你让店长约个时间给我打电话), and the second opinion does not count it back;
- the complaint not to be registered (不用登记投诉，也不用升级);
- the complaint taken back with 就 (投诉就撤了吧);
- 管理局 with 理 heard as 里 after 邮政 (邮政管里局的电话我都找好了 今天找不到件我就打).

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION, detect_threats
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat, call


def test_the_version_is_rules_64_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 64


def _threats(*turns):
    return [h for h in detect_threats(call(*turns)) if h.threat]


def test_the_superior_the_agent_arranged_is_accepted():
    assert not _threats(("A", "您好，请问有什么可以帮您？"), ("C", "眼镜度数不对，戴着头晕。"),
                        ("A", "非常抱歉，我们会跟门店核实，安排店长给您重新验光重配。"), ("C", "那你让店长约个时间给我打电话。"))


def test_a_higher_title_than_the_one_arranged_is_still_a_demand():
    assert _threats(("A", "您好，请问有什么可以帮您？"), ("C", "眼镜度数不对，戴着头晕。"),
                    ("A", "非常抱歉，安排店长给您回电。"), ("C", "店长不行，我要找你们经理。"))


@pytest.mark.parametrize("text", [
    "不用登记投诉，也不用升级，约个时间让师傅来调一下就好。",
    "就是我这个手机号。修得挺快的，投诉就撤了吧，不用回访了。",
])
def test_a_complaint_not_registered_or_taken_back_is_no_threat(text):
    assert_calm(text)
    assert not alerts(text, None)


@pytest.mark.parametrize("text", [
    "这是第二次了 我丑话说前头 邮政管里局的电话我都找好了 今天找不到件我就打",
    "我不记得投诉电话了，你告诉我，我要投诉。",
])
def test_the_callers_steps_are_threats(text):
    assert_threat(text)
    assert alerts(text, None)
