"""ComplaintRiskAnalyzer on the shipped artifacts: risk, calibration, evidence, types, N/A."""

from __future__ import annotations

import numpy as np
import pytest

from qa_engine.analyzers.complaint import ComplaintRiskAnalyzer
from qa_engine.conversation import Conversation
from qa_engine.errors import ConfigError, ModelNotInstalledError


def conv(*turns: tuple[str, str], cid: str = "c1") -> Conversation:
    return Conversation(id=cid, agent_id="A1", queue="delivery", utterances=[
        {"speaker": s, "start": 3.0 * i, "end": 3.0 * i + 2.5, "text": t} for i, (s, t) in enumerate(turns)])


ANGRY = conv(
    ("agent", "您好，美团客服，请问有什么可以帮您"),
    ("customer", "我点的外卖里面吃出了头发，太恶心了"),
    ("agent", "非常抱歉，请问您的订单号是多少"),
    ("customer", "我已经打了好几次电话了，一直没人处理，你们到底管不管"),
    ("agent", "这边帮您反馈一下"),
    ("customer", "反馈有什么用？我要退款，还要赔偿，不然我就打12315投诉你们，还要曝光"),
    ("agent", "请您耐心等待"),
    ("customer", "垃圾平台，太失望了，再也不用了"),
    cid="angry")
CALM = conv(
    ("agent", "您好，请问有什么可以帮您"),
    ("customer", "你好，我想问一下我的订单大概什么时候能送到"),
    ("agent", "您的订单预计十分钟后送达"),
    ("customer", "好的，谢谢你"),
    ("agent", "不客气，祝您用餐愉快"),
    ("customer", "好的，再见"),
    cid="calm")


# A long, polite phone enquiry: many turns and a customer who says goodbye last. STC3
# threads are short, so a model that counted turns would call this a complaint.
LONG_POLITE = conv(*[pair for k in range(10) for pair in (
    ("agent", "好的，我帮您查一下，请稍等"),
    ("customer", ["喂你好", "我想问一下这个月的流量", "嗯嗯", "好的", "那有没有便宜一点的套餐",
                  "可以的", "明白了", "行，那就换这个", "谢谢你，说得很清楚", "好的再见"][k]))], cid="polite")


@pytest.fixture(scope="module")
def analyzer() -> ComplaintRiskAnalyzer:
    return ComplaintRiskAnalyzer()


def test_complaint_risk_ranks_an_angry_call_above_a_calm_one(analyzer):
    angry, calm = analyzer.analyze_batch([ANGRY, CALM])
    pa, pc = angry.items["risk"].probability, calm.items["risk"].probability
    assert pa > 0.5 > pc
    assert angry.items["risk"].value == pytest.approx(1 - pa)
    assert 0 <= pc <= 1 and 0 <= pa <= 1


def test_complaint_risk_stays_low_on_a_long_polite_call(analyzer):
    polite, angry = analyzer.analyze_batch([LONG_POLITE, ANGRY])
    assert polite.items["risk"].probability < analyzer.metadata["alert"]["threshold"]
    assert polite.items["risk"].probability < angry.items["risk"].probability
    assert not [t for t in polite.items["risk"].detail["complaint_types"] if t["source"] == "musied_model"]


def test_complaint_risk_probabilities_stay_in_unit_interval(analyzer):
    odd = [conv(("customer", t), cid=str(i)) for i, t in enumerate(["嗯", "？？？？", "a" * 500, "投诉" * 50])]
    for f in analyzer.analyze_batch(odd):
        probs = f.items["risk"].detail["probabilities"]
        assert all(0 < p < 1 for p in probs.values())


def test_complaint_calibration_is_a_monotone_map(analyzer):
    cal = analyzer.calibration
    assert len(cal["x"]) >= 2 and len(cal["x"]) == len(cal["y"])
    assert np.all(np.diff(cal["x"]) >= 0) and np.all(np.diff(cal["y"]) >= 0)
    assert 0 <= cal["y"].min() and cal["y"].max() <= 1


def test_complaint_evidence_points_at_customer_utterances(analyzer):
    risk = analyzer.analyze(ANGRY).items["risk"]
    assert 1 <= len(risk.evidence) <= 3
    for ev in risk.evidence:
        utt = ANGRY.utterances[ev.utterance]
        assert utt.speaker.value == "customer" and ev.text == utt.text
        assert (ev.start, ev.end) == (utt.start, utt.end)
    # The explicit threats (12315, 投诉, 曝光) are cited first, with their cue spans.
    threats = risk.detail["threats"]
    assert {"投诉", "12315", "曝光"} <= {t["cue"] for t in threats}
    assert risk.evidence[0].note.startswith("explicit threat")
    for c in threats + risk.detail["escalation_cues"]:
        start, end = c["span"]
        assert ANGRY.utterances[c["utterance"]].text[start:end] == c["cue"]


def test_complaint_types_recognise_foreign_object_and_refund(analyzer):
    detail = analyzer.analyze(ANGRY).items["risk"].detail
    types = {t["type"]: t for t in detail["complaint_types"]}
    assert "异物" in types and types["异物"]["probability"] >= types["异物"]["threshold"]
    # The type cites the utterance that names it (头发).
    assert "头发" in ANGRY.utterances[types["异物"]["utterance"]].text
    assert {"退款", "赔偿"} <= {i["issue"] for i in detail["service_issues"]}
    assert analyzer.analyze(CALM).items["risk"].detail["complaint_types"] == []


def test_complaint_types_are_empty_on_a_calm_refund_enquiry(analyzer):
    refund = conv(("agent", "你好美团客服"), ("customer", "我的退款到账了没有"),
                  ("agent", "已经原路退回了"), ("customer", "好的谢谢"), cid="refund")
    detail = analyzer.analyze(refund).items["risk"].detail
    assert detail["complaint_types"] == []
    assert [i["issue"] for i in detail["service_issues"]] == ["退款"]


def test_complaint_types_leave_out_types_with_too_few_examples(analyzer):
    meta = analyzer.metadata["types"]
    too_few = meta["metrics"]["too_few_examples"]["types"]
    assert too_few and not set(too_few) & set(analyzer.types.heads)
    assert set(meta["thresholds"]) == set(analyzer.types.heads)


def test_complaint_risk_is_not_applicable_without_customer_speech(analyzer):
    agent_only = conv(("agent", "您好"), ("agent", "请问还在吗"), ("customer", " "), cid="x")
    out = analyzer.analyze_batch([agent_only, ANGRY])
    assert out[0].items["risk"].value is None and "customer" in out[0].items["risk"].na_reason
    assert out[1].items["risk"].value is not None


def test_complaint_batch_equals_single(analyzer):
    batch = analyzer.analyze_batch([ANGRY, CALM])
    assert batch[0] == analyzer.analyze(ANGRY) and batch[1] == analyzer.analyze(CALM)


def test_complaint_label_choice_and_missing_models(tmp_path):
    with pytest.raises(ConfigError, match="dissatisfied_05"):
        ComplaintRiskAnalyzer(label="angry")
    with pytest.raises(ModelNotInstalledError, match="complaint"):
        ComplaintRiskAnalyzer(models_dir=tmp_path)


def test_last_turn_heads_read_the_customers_last_turn_alone(analyzer):
    """The analyzer's text features equal the exported text model applied to the customer's
    words (TEXT_HEADS) and to the last customer turn's utterances (LAST_HEADS), as trained."""
    from qa_engine.analyzers._complaint_features import LAST_HEADS, TEXT_HEADS

    call = conv(("customer", "你们的快递三天了还没到"), ("agent", "我帮您查一下"),
                ("customer", "查了好几次了"), ("customer", "到底什么时候能到，太慢了"), cid="last")
    features = analyzer.analyze(call).items["risk"].detail["features"]
    model = analyzer.text
    from scipy.sparse import csr_matrix

    def summed(texts):
        return model.margins_from_counts(csr_matrix(model.counts(texts).sum(axis=0)))

    whole = summed(["你们的快递三天了还没到", "查了好几次了", "到底什么时候能到，太慢了"])
    last = summed(["查了好几次了", "到底什么时候能到，太慢了"])
    names = ("text_dissatisfied_1", "text_dissatisfied_05", "text_mean_s", "text_soft_1")
    assert [features[n] for n in names] == pytest.approx(whole[0, :len(TEXT_HEADS)], abs=1e-3)
    assert [features[f"text_{h}"] for h in LAST_HEADS] == pytest.approx(last[0, len(TEXT_HEADS):], abs=1e-3)
    assert features["cust_turns"] == 2 and features["cust_came_back"] == 1.0
    assert features["last_turn_chars"] == pytest.approx(np.log1p(len("查了好几次了到底什么时候能到，太慢了")), abs=1e-3)


def test_customer_turns_are_capped_so_a_long_call_is_not_read_as_a_long_thread(analyzer):
    features = analyzer.analyze(LONG_POLITE).items["risk"].detail["features"]
    assert features["cust_turns"] == 5


def test_phone_register_probability_ranks_like_the_margin(analyzer):
    angry, calm = analyzer.analyze_batch([ANGRY, CALM])
    a, c = (f.items["risk"].detail for f in (angry, calm))
    assert 0 < c["complaint_call_probability"] < a["complaint_call_probability"] < 1
    assert c["stacker_margin"] < a["stacker_margin"]
