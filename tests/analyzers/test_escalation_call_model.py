"""The call-level threat model: a threat no cue word carries, read from the customer's whole side."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from qa_engine.alerts import AlertPolicy
from qa_engine.analyzers._complaint_features import call_threats
from qa_engine.analyzers._escalation_call import (CATEGORY, MODEL_NAME, THRESHOLD, VETO_BELOW,
                                                  MAX_CUSTOMER_TURNS, VETO_REASON, call_threat, call_veto)
from qa_engine.analyzers._escalation_scan import ThreatHit
from qa_engine.analyzers.complaint import ComplaintRiskAnalyzer
from qa_engine.analyzers.escalation import VETOABLE_CATEGORIES, EscalationAnalyzer, detect_threats
from qa_engine.conversation import Conversation

ROOT = Path(__file__).resolve().parents[2]
# No cue word the rules read: a post announced on a platform they do not list, a walk to an unnamed bureau.
POST = ["我家的宽带断了一个礼拜了", "我已经在小红书上写好避雷帖了今晚就发出去"]
BUREAU = ["你们的车锁不上还一直扣钱", "我现在就去区里那个管交通的局当面说去"]
ANGRY = ["你们这服务太差了我等了一个小时", "真是气死我了每次都这样"]
ENQUIRY = ["我想问一下我的快递到哪了", "好的谢谢"]
RULE_THREAT = ["你们送错了", "我要投诉你们这个骑手"]
# A regulator's notice asked about: the rules count 银保监会 as a step, the caller's whole side reads calm.
NOTICE = ["银保监会发了个通知说这个产品停售了", "我想问我买的那份还有效吗", "好的谢谢"]
HOTLINE_THREAT = ["你们的保险理赔拖了两个月了", "再不给我处理我就打一二三七八去告你们"]


def call(customer: list[str]) -> Conversation:
    utterances = []
    for i, text in enumerate(customer):
        utterances.append({"speaker": "agent", "start": 8.0 * i, "end": 8.0 * i + 3,
                           "text": "您好请问有什么可以帮您" if i == 0 else "好的我帮您看一下"})
        utterances.append({"speaker": "customer", "start": 8.0 * i + 4, "end": 8.0 * i + 7, "text": text})
    return Conversation(id="call", utterances=utterances)


@pytest.mark.parametrize("customer", [POST, BUREAU])
def test_a_threat_without_a_cue_word_is_read_from_the_whole_call(customer):
    conv = call(customer)
    finding = EscalationAnalyzer(call_model=True).analyze(conv).items["threat"]
    assert finding.value == 0.0
    (threat,) = finding.detail["threats"]
    assert threat["category"] == CATEGORY and threat["model"] == MODEL_NAME
    assert threat["probability"] >= THRESHOLD
    # the cited turn is the one that says it, not the complaint before it
    assert threat["utterance"] == 3
    assert finding.evidence[0].note.startswith("explicit threat") and MODEL_NAME in finding.evidence[0].note
    # without the model the rules see nothing in these calls
    assert EscalationAnalyzer(call_model=False).analyze(conv).items["threat"].value == 1.0


@pytest.mark.parametrize("customer", [ANGRY, ENQUIRY])
def test_calm_and_angry_calls_without_a_step_stay_calm(customer):
    assert call_threat(call(customer)) is None
    assert EscalationAnalyzer(call_model=True).analyze(call(customer)).items["threat"].value == 1.0


def test_the_model_is_not_asked_when_the_rules_found_a_threat():
    finding = EscalationAnalyzer(call_model=True).analyze(call(RULE_THREAT)).items["threat"]
    assert [t["category"] for t in finding.detail["threats"]] == ["complaint"]


def test_the_environment_switches_it_off(monkeypatch):
    monkeypatch.setenv("QA_THREAT_CALL_MODEL", "off")
    analyzer = EscalationAnalyzer()
    assert not analyzer.call_model and MODEL_NAME not in analyzer.version
    assert analyzer.analyze(call(POST)).items["threat"].value == 1.0
    assert analyzer.analyze(call(NOTICE)).items["threat"].value == 0.0  # no veto either
    monkeypatch.delenv("QA_THREAT_CALL_MODEL")
    assert MODEL_NAME in EscalationAnalyzer().version


def test_it_alerts_but_leaves_the_risk_features_alone():
    conv = call(POST)
    risk = ComplaintRiskAnalyzer().analyze(conv)
    alert = AlertPolicy.default().evaluate(
        {"complaint_risk": risk, "escalation": EscalationAnalyzer(call_model=True).analyze(conv)}, conversation=conv)
    assert alert is not None and "explicit_threat" in alert.reasons
    assert alert.evidence[0].utterance == 3
    # the complaint-risk model was fitted on the rules' threat count, which the call model does not change
    assert call_threats(conv) == []


def test_training_rebuilds_the_shipped_model(tmp_path):
    subprocess.run([sys.executable, "-m", "training.threat_call_model", "--out", str(tmp_path)], cwd=ROOT,
                   check=True, capture_output=True, timeout=600)
    for name in ("call_model.npz", "call_model.json"):
        assert (tmp_path / "escalation" / name).read_bytes() == (ROOT / "models" / "escalation" / name).read_bytes()


def test_a_cue_hit_in_a_call_the_model_reads_as_calm_is_set_aside():
    conv = call(NOTICE)
    (rule_hit,) = [h for h in detect_threats(conv) if h.threat]
    assert rule_hit.category == "regulator"  # the rules alone would alert
    assert EscalationAnalyzer(call_model=False).analyze(conv).items["threat"].value == 0.0
    finding = EscalationAnalyzer(call_model=True).analyze(conv).items["threat"]
    assert finding.value == 1.0 and finding.detail["threats"] == []
    (vetoed,) = [h for h in finding.detail["set_aside"] if h["reason"] == VETO_REASON]
    assert vetoed["model"] == MODEL_NAME and vetoed["probability"] < VETO_BELOW and vetoed["rule_reason"] == "threat"
    assert "whole call" in vetoed["note"]


def test_a_threat_call_keeps_its_cue_hit():
    conv = call(HOTLINE_THREAT)
    threats = EscalationAnalyzer(call_model=True).analyze(conv).items["threat"].detail["threats"]
    assert {t["category"] for t in threats} == {"hotline", "legal"}


def test_complaint_hits_and_hits_already_set_aside_are_never_vetoed():
    conv = call(ENQUIRY)  # the model reads it as calm
    complaint = ThreatHit(utterance=1, span=(0, 2), category="complaint", cue="投诉", sentence=ENQUIRY[0], threat=True,
                          reason="threat")
    regulator = ThreatHit(utterance=1, span=(0, 2), category="regulator", cue="银保监会", sentence=ENQUIRY[0], threat=True,
                          reason="threat")
    placed = ThreatHit(utterance=1, span=(0, 2), category="media", cue="电视台", sentence=ENQUIRY[0], threat=False,
                       reason="place")
    kept, vetoed, untouched = call_veto(conv, [complaint, regulator, placed], VETOABLE_CATEGORIES)
    assert kept == complaint and untouched == placed
    assert not vetoed.threat and vetoed.reason == VETO_REASON and vetoed.rule_reason == "threat"
    # a call the model reads as a threat keeps every hit
    loud = call(["我已经在小红书上写好避雷帖了今晚就发出去", "我还要去银保监会反映"])
    hit = ThreatHit(utterance=1, span=(0, 2), category="regulator", cue="银保监会", sentence="", threat=True, reason="threat")
    assert call_veto(loud, [hit], VETOABLE_CATEGORIES) == [hit]


def test_a_long_call_is_not_vetoed():
    # one request to escalate among many turns reads low on a model trained on short calls
    long_call = call(["我的订单有问题", "还是升级一下吧"] + ["嗯"] * MAX_CUSTOMER_TURNS)
    hit = ThreatHit(utterance=3, span=(0, 7), category="superior", cue="还是升级一下吧", sentence="", threat=True,
                    reason="threat")
    assert call_veto(long_call, [hit], VETOABLE_CATEGORIES) == [hit]
    short_call = call(["我的订单有问题", "还是升级一下吧"])
    assert call_veto(short_call, [hit], VETOABLE_CATEGORIES, below=1.0)[0].reason == VETO_REASON


def test_a_long_call_gets_no_threat_from_the_model():
    # a post announced (the model alone reads it as a threat) inside a call longer than the model was trained on
    long_call = call(POST + ["嗯"] * MAX_CUSTOMER_TURNS)
    assert call_threat(call(POST)) is not None
    assert call_threat(long_call) is None
    assert call_threat(long_call, threshold=0.0) is None
