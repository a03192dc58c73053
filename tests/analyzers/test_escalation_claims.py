"""Ninth pass: 报案 in an insurance claim is not a police report (fresh26_test's one calm alert of the rules).

报案号 / 报案时间 name a claim's reference, 向保险公司报案 notifies the insurer, and on an insurer's line
(the agent's first turns say 保险 / 理赔 / 车险) a bare 我要报案 is the claim notice itself. Guards: a police
body in the clause, an accusation of the company or a condition (不赔我就报案) keep the threat, and the
same words on another company's line still count.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import VERSION, EscalationAnalyzer, detect_threats, scan_text
from qa_engine.conversation import Conversation


def _reasons(text: str) -> list[tuple[str, str]]:
    return [(h.cue, h.reason) for h in scan_text(text)]


def _call(agent_greeting: str, *customer: str) -> Conversation:
    utterances = [{"speaker": "agent", "start": 0, "end": 2, "text": agent_greeting}]
    utterances += [{"speaker": "customer", "start": 4.0 * i + 2, "end": 4.0 * i + 5, "text": t}
                   for i, t in enumerate(customer)]
    return Conversation(id="claim", utterances=utterances)


@pytest.mark.parametrize("text", [
    "我的车上周被刮了，报案号我发你了，想问一下赔偿款什么时候能到。",
    "报案时间是昨天下午三点",
    "我把报案编号发到你们邮箱了",
    "我已经向保险公司报案了",
    "出事当天就跟理赔中心报案了",
])
def test_a_claim_reference_or_a_notice_to_the_insurer_is_not_a_police_report(text):
    found = _reasons(text)
    assert found and all(reason == "mention" for _, reason in found), found


@pytest.mark.parametrize("text", [
    "我要去派出所报案",
    "你们骗人，我要报案",
    "再不退钱我就报警",
    "我向保险公司报案了，也去派出所报案了",  # the second 报案 names the police
])
def test_a_police_report_still_counts(text):
    assert any(h.threat and h.category == "police" for h in scan_text(text)), _reasons(text)


@pytest.mark.parametrize("greeting", ["您好，车险理赔", "您好，保险公司客服", "您好，人寿保险理赔部"])
@pytest.mark.parametrize("customer", ["我要报案，车被撞了", "我上周报案了，什么时候能赔", "报案以后要准备什么材料"])
def test_on_an_insurers_line_a_bare_claim_notice_is_the_service(greeting, customer):
    hits = detect_threats(_call(greeting, customer), None)
    assert hits and not any(h.threat for h in hits), [(h.cue, h.reason) for h in hits]


@pytest.mark.parametrize("customer", [
    "你们再不赔我就去报案",          # a condition aimed at the insurer
    "你们这是诈骗，我要报案",          # the company accused
    "我已经报案了，派出所的回执也有",   # the police named in the clause
    "理赔拖了三个月，我要投诉你们",     # other categories are untouched
])
def test_on_an_insurers_line_a_real_step_still_alerts(customer):
    threat = EscalationAnalyzer(opinion=None).analyze(_call("您好，车险理赔", customer)).items["threat"]
    assert threat.value == 0.0, threat.detail


def test_the_same_words_on_another_line_are_still_a_police_threat():
    hits = detect_threats(_call("您好，快递客服", "我要报案"), None)
    assert [h.reason for h in hits] == ["threat"]


def test_the_rules_version_names_the_current_pass():
    assert int(VERSION.rsplit("-", 1)[1]) >= 12


def test_the_second_opinion_never_trains_on_the_pre_registered_splits():
    from training.complaint_threat_opinion import HELD_OUT, short_calls

    assert {"fresh25_test", "fresh26_test"} <= HELD_OUT
    groups = {c["group"] for c in short_calls()}
    assert groups and not groups & HELD_OUT


def test_the_second_opinion_reads_the_blind_dev_halves_but_never_a_held_out_test_half():
    from training.complaint_threat_opinion import short_calls
    from training.threat_call_model import held_out_split

    groups = {c["group"] for c in short_calls()}
    assert {"fresh27_test", "fresh141_dev", "fresh231_dev"} <= groups
    assert not any(held_out_split(g) or g.startswith("fresh55_") for g in groups)
    assert not any(g.startswith("fresh232_") for g in groups)  # a set after LAST_FILE waits for a registered refit
