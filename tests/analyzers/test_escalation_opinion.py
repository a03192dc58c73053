"""The learned second opinion on threat candidates (``_escalation_opinion``, ``escalation.with_opinion``).

Mechanics are checked with a fixed-probability stand-in (veto, add, evidence naming the model and
its probability, the on/off switch); the shipped model on sentences written for these tests.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from qa_engine.alerts import AlertPolicy
from qa_engine.analyzers._escalation_opinion import MODEL_NAME, SecondOpinion, opinion_text
from qa_engine.analyzers._escalation_call import VERSION_TAG as CALL_MODEL_TAG
from qa_engine.analyzers.escalation import (CHOSEN_OPINION, VERSION, EscalationAnalyzer, default_opinion,
                                            detect_threats, scan_text, with_opinion)
from qa_engine.conversation import Conversation


@dataclass(frozen=True)
class Fixed(SecondOpinion):
    """Every candidate gets probability ``p``."""

    p: float = 0.5

    def probabilities(self, texts: list[str]) -> list[float]:
        return [self.p] * len(texts)


def risk(conv: Conversation):
    from qa_engine.analyzers.complaint import ComplaintRiskAnalyzer

    return ComplaintRiskAnalyzer().analyze(conv)


def call(*customer: str) -> Conversation:
    turns = []
    for text in customer:
        turns += [("agent", "您好，请问有什么可以帮您"), ("customer", text)]
    return Conversation(id="c", utterances=[{"speaker": s, "start": 2.0 * i, "end": 2.0 * i + 1.5, "text": t}
                                            for i, (s, t) in enumerate(turns)])


@pytest.fixture(autouse=True)
def _without_the_call_model(monkeypatch):
    """These tests are about the second opinion; the call-level model (which may add a threat the opinion
    set aside) has its own tests, test_escalation_call_model.py."""
    monkeypatch.setenv("QA_THREAT_CALL_MODEL", "off")


def test_opinion_text_marks_the_cue_in_its_context():
    text = "你们再不退款我就去12315投诉你们"
    assert opinion_text(text, (9, 14), "hotline") == "[hotline]你们再不退款我就去〔12315〕投诉你们"
    long = "甲" * 40 + "律师" + "乙" * 40
    assert opinion_text(long, (40, 42), "legal") == "[legal]" + "甲" * 24 + "〔律师〕" + "乙" * 16


def test_switched_off_the_rules_output_has_no_model(monkeypatch):
    monkeypatch.setenv("QA_THREAT_OPINION", "off")
    assert default_opinion() is None
    analyzer = EscalationAnalyzer()
    assert analyzer.version == VERSION
    f = analyzer.analyze(call("再不退款我就打12315")).items["threat"]
    assert f.value == 0.0
    assert all("model" not in h and "probability" not in h for h in f.detail["threats"])
    assert "p=" not in f.evidence[0].note


def test_on_by_default_the_chosen_combination_runs(monkeypatch):
    monkeypatch.delenv("QA_THREAT_OPINION", raising=False)
    monkeypatch.delenv("QA_THREAT_CALL_MODEL", raising=False)
    assert default_opinion() == CHOSEN_OPINION
    analyzer = EscalationAnalyzer()
    assert analyzer.version == f"{VERSION}+{MODEL_NAME}+{CALL_MODEL_TAG}"
    f = analyzer.analyze(call("再不退款我就打12315")).items["threat"]
    assert f.detail["threats"][0]["model"] == MODEL_NAME
    assert 0.0 <= f.detail["threats"][0]["probability"] <= 1.0
    assert "threat-opinion-3 p=" in f.evidence[0].note
    monkeypatch.setenv("QA_THREAT_OPINION", "on")
    assert EscalationAnalyzer().version == f"{VERSION}+{MODEL_NAME}+{CALL_MODEL_TAG}"
    assert EscalationAnalyzer(None, call_model=False).version == VERSION  # passed explicitly: the rules alone
    assert EscalationAnalyzer(None).version == f"{VERSION}+{CALL_MODEL_TAG}"  # no second opinion, the call model on


def test_a_veto_sets_the_threat_aside_and_says_which_model_and_probability():
    conv = call("再不退款我就打12315")
    hits = detect_threats(conv, Fixed(veto_below=0.3, p=0.12))
    assert [h.reason for h in hits] == ["model_veto"]
    assert hits[0].rule_reason == "threat" and not hits[0].threat and hits[0].probability == 0.12
    f = EscalationAnalyzer(Fixed(veto_below=0.3, p=0.12)).analyze(conv).items["threat"]
    assert f.value == 1.0 and f.evidence == []
    aside = f.detail["set_aside"][0]
    assert aside["reason"] == "model_veto" and aside["model"] == MODEL_NAME
    assert "set aside by threat-opinion-3 p=0.12" in aside["note"]
    rules_alone = {"complaint_risk": risk(conv), "escalation": EscalationAnalyzer(None).analyze(conv)}
    assert AlertPolicy.default().evaluate(rules_alone, conversation=conv) is not None
    vetoed = {"complaint_risk": risk(conv), "escalation": EscalationAnalyzer(Fixed(veto_below=0.3, p=0.12)).analyze(conv)}
    assert AlertPolicy.default().evaluate(vetoed, conversation=conv) is None


def test_a_probability_at_the_veto_threshold_keeps_the_threat():
    hits = detect_threats(call("再不退款我就打12315"), Fixed(veto_below=0.3, p=0.3))
    assert [h.reason for h in hits] == ["threat"] and hits[0].probability == 0.3


def test_an_added_threat_alerts_and_its_evidence_names_the_model():
    conv = call("我不想投诉你们")
    assert [h.reason for h in detect_threats(conv, None)] == ["negated"]
    escalation = EscalationAnalyzer(Fixed(add_above=0.8, p=0.93)).analyze(conv)
    f = escalation.items["threat"]
    assert f.value == 0.0
    assert f.evidence[0].note == "explicit threat (complaint): '投诉'; counted by threat-opinion-3 p=0.93 (rules: negated)"
    assert f.detail["threats"][0]["rule_reason"] == "negated"
    assert AlertPolicy.default().evaluate({"complaint_risk": risk(conv), "escalation": EscalationAnalyzer(None).analyze(conv)},
                                          conversation=conv) is None
    alert = AlertPolicy.default().evaluate({"complaint_risk": risk(conv), "escalation": escalation}, conversation=conv)
    assert alert is not None and alert.reasons == ["explicit_threat"]
    assert "counted by threat-opinion-3 p=0.93" in alert.evidence[0].note


def test_below_the_add_threshold_a_set_aside_cue_stays_aside():
    hits = detect_threats(call("我不想投诉你们"), Fixed(add_above=0.8, p=0.79))
    assert [h.reason for h in hits] == ["negated"] and hits[0].probability == 0.79


def test_without_thresholds_the_model_only_annotates():
    hits = detect_threats(call("我不想投诉你们", "再不退款我就打12315"), Fixed(p=0.01))
    assert [(h.reason, h.probability) for h in hits] == [("negated", 0.01), ("threat", 0.01)]


@pytest.mark.parametrize("text", ["你们再不退款我就去12315投诉你们", "你们这样我只能找律师了", "叫你们经理来"])
def test_shipped_model_keeps_clear_threats(text):
    hits = with_opinion(scan_text(text), [text] * len(scan_text(text)), CHOSEN_OPINION)
    assert any(h.threat and h.probability >= 0.8 for h in hits), hits


@pytest.mark.parametrize("text", ["我不是要投诉，就是问问", "我同学是电视台的记者，她推荐我买的", "我看了一下他们的差评"])
def test_shipped_model_does_not_add_clear_non_threats(text):
    hits = with_opinion(scan_text(text), [text] * len(scan_text(text)), CHOSEN_OPINION)
    assert not any(h.threat for h in hits) and all(h.probability < 0.3 for h in hits), hits


def test_shipped_model_vetoes_a_theft_reported_to_the_police_when_the_rules_alone_count_it():
    # scan_text alone (without the call-level incident rule) counts this 报警; the model does not.
    text = "我的快递被偷了我报警了"
    hits = scan_text(text)
    assert [h.reason for h in hits] == ["threat"]
    assert [h.reason for h in with_opinion(hits, [text], CHOSEN_OPINION)] == ["model_veto"]


def test_a_veto_outside_its_categories_leaves_the_rule_threat_standing():
    # (a police report warned of after an unmet condition — 再不处理我就报警 — is kept from the vetoes since the ninety-ninth pass)
    only_police = Fixed(veto_below=0.3, p=0.01, veto_categories=frozenset({"police"}))
    hits = detect_threats(call("我要投诉你们，我还要报警"), only_police)
    assert [(h.category, h.reason) for h in hits] == [("complaint", "threat"), ("police", "model_veto")]
    assert hits[0].probability == 0.01  # annotated, not vetoed


def test_chosen_opinion_never_vetoes_a_complaint_and_names_its_categories():
    from qa_engine.analyzers.escalation import CUE_PATTERNS
    from training.complaint_threat_opinion import CATEGORY_SETS, CHOSEN_CATEGORIES

    assert CHOSEN_OPINION.veto_categories == frozenset(CUE_PATTERNS) - {"complaint"}
    assert CATEGORY_SETS[CHOSEN_CATEGORIES] == CHOSEN_OPINION.veto_categories


@pytest.mark.parametrize("text", ["我想投诉一下", "投诉一下刚刚那个", "所以说我们只能投诉他了"])
def test_shipped_combination_keeps_the_real_call_complaints_the_seventh_pass_vetoed(text):
    # The three MUSIED test threats threat-opinion-1 + veto < 0.30 set aside (model card, "Seventh pass").
    hits = with_opinion(scan_text(text), [text] * len(scan_text(text)), CHOSEN_OPINION)
    assert any(h.threat for h in hits), hits
