"""The complaint-risk stacker's ``threats`` feature is counted the same way in training and at run time.

``training.complaint`` fits the stacker on ``dialogue_threats`` (STC3 dialogues); ``ComplaintRiskAnalyzer``
reads ``call_threats`` on the conversation it scores. Each dialogue below is built so that a count taken
another way (the rules alone utterance by utterance, as the shipped stacker of 8eceb1c was fitted) would
differ from what the analyzer counts: a threat only the second opinion sets aside, a police report of a
theft (the rules' incident reading), a threat carried by confirming the agent's restatement, a lawyer on a law firm's line, a reported and a negated complaint.
"""

from __future__ import annotations

import numpy as np
import pytest

from qa_engine.analyzers._complaint_features import FEATURE_NAMES, LAST_HEADS, TEXT_HEADS
from qa_engine.analyzers.complaint import ComplaintRiskAnalyzer
from qa_engine.analyzers.escalation import scan_text
from qa_engine.conversation import Conversation
from training.complaint import build_features, dialogue_threats
from training.complaint_phone import stc3_conversation


def dialogue(*turns: tuple[str, list[str]], did: str = "d") -> dict:
    """An STC3-shaped dialogue: (sender, utterances) per turn."""
    return {"id": did, "turns": [{"sender": s, "utterances": u} for s, u in turns], "mean_S": 0.0}


# (name, dialogue, threats the analyzer counts, threats the rules alone count utterance by utterance)
CASES = [
    ("a_threat_only_the_second_opinion_sets_aside",
     dialogue(("customer", ["我户口以前迁到派出所了，营业厅说身份证号不存在"]), ("helpdesk", ["亲，我们帮您查一下"])), 0, 1),
    ("a_theft_reported_to_the_police",
     dialogue(("customer", ["我的快递被偷了我报警了"]), ("helpdesk", ["亲，非常抱歉，我们帮您查一下"])), 0, 1),
    ("confirmed_restatement_of_a_threat",
     dialogue(("customer", ["快递三天没动了"]), ("helpdesk", ["您的意思是今天没结果就要向邮政管理局反映，对吗"]),
              ("customer", ["对，就是这个意思"])), 1, 0),
    ("lawyer_on_a_law_firms_line",
     dialogue(("helpdesk", ["您好，这里是明德律师事务所"]), ("customer", ["我想预约一个律师咨询离婚的事"]),
              ("helpdesk", ["好的，请问您方便什么时间"]), ("customer", ["明天下午吧，律师贵姓"])), 0, None),
    ("reported_complaint",
     dialogue(("customer", ["快递员说再打电话就投诉我", "我什么都没做啊"]), ("helpdesk", ["亲，我们核实一下"])), 0, 0),
    ("negated_complaint_and_a_plain_threat",
     dialogue(("customer", ["我不是要投诉，就是问问"]), ("helpdesk", ["好的亲"]),
              ("customer", ["三天了还没退款", "再不退款我就打12315"])), 1, 1),
]


def rules_alone(d: dict) -> int:
    return sum(h.threat for t in d["turns"] if t["sender"] == "customer" for u in t["utterances"] for h in scan_text(u))


@pytest.fixture(scope="module")
def analyzer():
    return ComplaintRiskAnalyzer()


@pytest.mark.parametrize("name, d, expected, rules", CASES, ids=[c[0] for c in CASES])
def test_training_counts_threats_as_the_analyzer_does(analyzer, name, d, expected, rules):
    risk = analyzer.analyze(Conversation.model_validate(stc3_conversation(d))).items["risk"]
    assert risk.detail["features"]["threats"] == expected == len(risk.detail["threats"])
    assert dialogue_threats(d) == expected
    if rules is not None and rules != expected:
        # the case really separates the two ways of counting
        assert rules_alone(d) == rules


def test_the_feature_column_training_fits_on_is_the_analyzers(analyzer):
    from qa_engine.analyzers._linear import LinearTextModel
    from qa_engine.models import model_path

    dialogues = [dict(d, id=name) for name, d, _, _ in CASES]
    scores = np.zeros((len(dialogues), len(TEXT_HEADS) + len(LAST_HEADS)))
    F = build_features(dialogues, LinearTextModel(model_path("sentiment", "default.npz")), scores)
    found = analyzer.analyze_batch([Conversation.model_validate(stc3_conversation(d)) for d in dialogues])
    col = FEATURE_NAMES.index("threats")
    assert list(F[:, col]) == [f.items["risk"].detail["features"]["threats"] for f in found] == [c[2] for c in CASES]


def test_both_follow_the_second_opinion_switch(monkeypatch):
    monkeypatch.setenv("QA_THREAT_OPINION", "off")  # the rules alone: the vetoed 派出所 counts again
    d = CASES[0][1]
    risk = ComplaintRiskAnalyzer().analyze(Conversation.model_validate(stc3_conversation(d))).items["risk"]
    assert dialogue_threats(d) == risk.detail["features"]["threats"] == 1


# An STC3 thread where the helpdesk's reply is made only of blank utterances (one real test dialogue has such a turn):
# the conversation eval builds drops the blank utterances, so the analyzer reads the customer's two posts as one turn;
# training must read the same turns, or every turn feature (customer turns, came back, last turn's length, the
# per-turn sentiment) and the last-turn text heads would be fitted on another dialogue than the one scored.
BLANK_TURN = dialogue(("customer", ["你们这网速太慢了，到底什么时候修好？"]), ("helpdesk", ["", " "]),
                      ("customer", ["还是没人管，气死了！"]), ("helpdesk", ["抱歉，我们马上处理"]),
                      ("customer", [""]), did="blank-turn")
TURN_FEATURES = [n for n in FEATURE_NAMES if not n.startswith("text_")]


def test_a_turn_of_blank_utterances_gives_the_same_turns_in_training_and_at_run_time(analyzer):
    from qa_engine.analyzers._linear import LinearTextModel
    from qa_engine.models import model_path
    from training.complaint import last_customer_turn, stc3_turns

    scores = np.zeros((1, len(TEXT_HEADS) + len(LAST_HEADS)))
    F = build_features([BLANK_TURN], LinearTextModel(model_path("sentiment", "default.npz")), scores)[0]
    risk = analyzer.analyze(Conversation.model_validate(stc3_conversation(BLANK_TURN))).items["risk"]
    run_time = risk.detail["features"]
    for name in TURN_FEATURES:
        assert F[FEATURE_NAMES.index(name)] == pytest.approx(run_time[name], abs=1e-4), name
    assert [(t.speaker, t.text) for t, _ in stc3_turns(BLANK_TURN)] == [
        ("customer", "你们这网速太慢了，到底什么时候修好？还是没人管，气死了！"), ("agent", "抱歉，我们马上处理")]
    assert F[FEATURE_NAMES.index("cust_turns")] == 1 and F[FEATURE_NAMES.index("cust_came_back")] == 0
    # the LAST_HEADS read the customer's last turn: both posts, as at run time
    assert last_customer_turn(BLANK_TURN) == ["你们这网速太慢了，到底什么时候修好？", "还是没人管，气死了！"]
