"""Twenty-fourth pass: fresh41 (40 longer calls of 10–16 turns in eight ordinary domains, half MUSIED-style ASR text, the threat
or an innocent cue word one line among identity checks, hold notices and the agent's offers; model card "Twenty-fourth pass").
``fresh41_dev`` on main showed no rule error (8/8 threats; its two calm alerts are the complaint-risk probability alone).
``fresh41_test`` was then scored once (main and the branch alike: 8/8 threats, 7/12 calm, three through rule hits). One of those
is fixed after that run (in-sample for ``fresh41_test``):

1. The doubled refusal in ASR text (不用不用我不想投诉她, answering the agent's offer to upgrade a complaint): the two 不用 run
   together read as 用不用我…, a threat put as a question, so the negation that follows was ignored. 用不用 / 要不要 right after 不
   is no such question; 用不用我去12315, 要不要我打个12345问问 still are, and 不用不用我要投诉 is still the customer's step.

Sentences written for these tests; none is a sentence of ``eval/labels/complaint_threat_fresh41.jsonl``.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION, detect_threats
from tests.analyzers.threat_probes import assert_threat as _threat, call, reasons


def test_the_version_is_rules_24_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 24


@pytest.mark.parametrize("text", [
    "不用不用我不想投诉他就是提个意见",
    "不要不要我不投诉了",
    "不用不用我不想去消协",
    "不用不用不用我不想找你们领导",
])
def test_a_doubled_refusal_before_a_negated_step_is_negated(text):
    found = reasons(text)
    assert found and "threat" not in found and "negated" in found, found


@pytest.mark.parametrize("text", [
    "用不用我去12315",
    "你们要不要我打个12345问问",
    "不用不用我要投诉你们",
    "不用了不用了我就要投诉",
])
def test_a_real_rhetorical_question_and_the_own_step_still_count(text):
    _threat(text)


def test_the_declined_upgrade_offer_in_a_call_raises_no_threat():
    conv = call(("A", "给您带来不好的体验非常抱歉需要帮您升级为正式投诉吗"),
                ("C", "不用不用我不想投诉他就是跟你们反映一下"),
                ("A", "好的这边会反馈给相关部门"))
    assert not [h for h in detect_threats(conv) if h.threat]
