"""SentimentAnalyzer on the shipped artifacts: probabilities, findings, N/A, batching."""

from __future__ import annotations

import pytest

from qa_engine.analyzers.sentiment import SentimentAnalyzer
from qa_engine.conversation import Conversation
from qa_engine.errors import ConfigError, ModelNotInstalledError


def conv(*turns: tuple[str, str], cid: str = "c1") -> Conversation:
    return Conversation(id=cid, utterances=[
        {"speaker": s, "start": 2.0 * i, "end": 2.0 * i + 1.5, "text": t} for i, (s, t) in enumerate(turns)])


@pytest.fixture(scope="module")
def analyzer() -> SentimentAnalyzer:
    return SentimentAnalyzer()


def test_sentiment_obvious_texts_get_the_right_side(analyzer):
    neg = analyzer.negative_prob(["太差劲了，垃圾服务，我要投诉", "等了两个小时还没送到，气死我了"])
    pos = analyzer.negative_prob(["太好了，谢谢你，非常满意", "服务很好，速度很快，点赞"])
    # Three-class P(negative) is calibrated on conversational turns (mostly neutral), so an
    # obvious complaint sits well above the negative threshold rather than near 1, and an
    # obvious compliment well below it rather than near 0.
    assert min(neg) > max(0.5, analyzer.threshold)
    assert max(pos) < 0.25
    rows = analyzer.class_probs(["太好了，谢谢你，非常满意", "服务很好，速度很快，点赞"])
    assert [analyzer.label_of(r) for r in rows] == ["positive", "positive"]


def test_sentiment_probabilities_are_in_unit_interval(analyzer):
    probs = analyzer.negative_prob(["", "嗯", "123", "hello", "好的好的", "？？？"])
    assert all(0.0 <= p <= 1.0 for p in probs)


def test_sentiment_findings_are_oriented_one_is_good(analyzer):
    angry = analyzer.analyze(conv(("agent", "您好，请问有什么可以帮您"),
                                  ("customer", "你们的东西太差了，完全不能用，退钱！"),
                                  ("customer", "垃圾，骗子，我要投诉你们")))
    happy = analyzer.analyze(conv(("agent", "您好，请问有什么可以帮您"),
                                  ("customer", "谢谢你们，东西很好用，非常满意"),
                                  ("customer", "好的，太感谢了")))
    assert angry.items["customer_mean"].value < 0.3 < 0.7 < happy.items["customer_mean"].value
    assert angry.items["customer_end"].value < happy.items["customer_end"].value
    assert set(angry.items) == SentimentAnalyzer.FINDINGS


def test_sentiment_turnaround_scores_a_calmed_customer(analyzer):
    calmed = analyzer.analyze(conv(
        ("customer", "你们送的饭全凉了，太差劲了，我要投诉！"), ("agent", "马上为您处理"),
        ("customer", "怎么这么慢，气死了"), ("agent", "已经为您退款了"),
        ("customer", "好的，谢谢你"), ("customer", "可以，很满意，谢谢")))
    stayed = analyzer.analyze(conv(
        ("customer", "你们送的饭全凉了，太差劲了，我要投诉！"), ("agent", "马上为您处理"),
        ("customer", "怎么这么慢，气死了"), ("agent", "请您耐心等待"),
        ("customer", "垃圾服务，太失望了"), ("customer", "我一定要投诉你们，太差了")))
    assert calmed.items["turnaround"].value == 1.0
    assert stayed.items["turnaround"].value == 0.0
    never = analyzer.analyze(conv(("customer", "谢谢，很满意"), ("customer", "好的，太棒了")))
    assert never.items["turnaround"].value is None and never.items["turnaround"].na_reason


def test_sentiment_is_not_applicable_without_customer_speech(analyzer):
    out = analyzer.analyze(conv(("agent", "您好，请问有什么可以帮您"), ("customer", "  ")))
    for key in ("customer_mean", "customer_end", "turnaround"):
        assert out.items[key].value is None
        assert "customer" in out.items[key].na_reason
    assert out.items["agent_mean"].value is not None
    no_agent = analyzer.analyze(conv(("customer", "你好")))
    assert no_agent.items["agent_mean"].value is None


def test_sentiment_evidence_points_at_real_utterances(analyzer):
    c = conv(("agent", "您好"), ("customer", "太差劲了，我要投诉"), ("agent", "抱歉"), ("customer", "垃圾"))
    out = analyzer.analyze(c)
    for finding in out.items.values():
        for ev in finding.evidence:
            assert c.utterances[ev.utterance].text == ev.text
            assert ev.start == c.utterances[ev.utterance].start
    per_utt = out.detail["utterances"]
    assert [u["utterance"] for u in per_utt] == [0, 1, 2, 3]
    assert {u["label"] for u in per_utt} <= {"negative", "neutral", "positive"}
    assert len(out.detail["customer_trajectory"]) == 4


def test_sentiment_batch_equals_single(analyzer):
    a = conv(("customer", "太差劲了"), ("agent", "抱歉"), cid="a")
    b = conv(("customer", "谢谢，很好"), cid="b")
    batch = analyzer.analyze_batch([a, b])
    assert batch[0] == analyzer.analyze(a)
    assert batch[1] == analyzer.analyze(b)


def test_sentiment_default_family_reads_three_classes(analyzer):
    assert analyzer.three_class and analyzer.family == "neutral"
    probs = analyzer.class_probs(["太差劲了", "订单号是多少", "谢谢，很满意"], [False, False, False])
    assert probs.shape == (3, 3)
    assert abs(probs.sum(axis=1) - 1).max() < 1e-9
    assert [analyzer.label_of(r) for r in probs] == ["negative", "neutral", "positive"]


def test_sentiment_neutral_service_turns_do_not_read_negative(analyzer):
    turns = ["订单号是二零二四一一二六", "我想改一下收货地址", "喂", "嗯，是这个订单", "好的", "您好请问有什么可以帮您"]
    rows = analyzer.class_probs(turns)
    labels = [analyzer.label_of(r) for r in rows]
    assert "negative" not in labels, dict(zip(turns, labels))
    assert max(rows[:, 0]) < analyzer.threshold


def test_sentiment_negative_prob_ranks_mild_complaints_above_compliments(analyzer):
    # What the decision calibration squeezed: mild complaints vs compliments, by negative_prob.
    mild = ["东西还没到", "等了一个星期还没到", "怎么还没有人联系我", "这个不太好用"]
    praise = ["非常满意，谢谢你们", "服务很好，速度很快，点赞", "好的，谢谢", "很好吃，下次还点"]
    assert analyzer.negative_score is not None
    neg, pos = analyzer.negative_prob(mild), analyzer.negative_prob(praise)
    assert min(neg) > max(pos), (dict(zip(mild, neg)), dict(zip(praise, pos)))


def test_sentiment_negative_prob_is_the_score_and_the_label_keeps_the_class_rule(analyzer):
    texts = ["我想改一下收货地址", "太差劲了", "谢谢，很满意"]
    rows = analyzer.class_probs(texts)
    score = analyzer.negative_prob(texts)
    assert [analyzer.label_of(r) for r in rows] == ["neutral", "negative", "positive"]
    assert any(abs(a - b) > 1e-3 for a, b in zip(score, rows[:, 0], strict=True))  # really a separate score
    out = analyzer.analyze(conv(("agent", "您好"), *(("customer", t) for t in texts)))
    per = {u["utterance"]: u for u in out.detail["utterances"]}
    for i, t in enumerate(texts, start=1):
        assert per[i]["negative_prob"] == round(score[i - 1], 4)
        assert per[i]["label_negative_prob"] == round(float(rows[i - 1][0]), 4)
        assert per[i]["label"] == analyzer.label_of(rows[i - 1])
    # means and turnaround stay on the label's P(negative)
    cust = [float(r[0]) for r in rows]
    assert out.items["customer_mean"].probability == pytest.approx(sum(cust) / 3)


def test_sentiment_without_negative_score_negative_prob_is_class_column(analyzer):
    plain = SentimentAnalyzer()
    plain.negative_score = None
    texts = ["东西还没到", "好的"]
    assert plain.negative_prob(texts) == [float(p) for p in plain.class_probs(texts)[:, 0]]


def test_sentiment_agent_apology_is_not_negativity(analyzer):
    apologies = ["非常抱歉给您带来不好的消费体验", "很抱歉让您久等了，这边马上为您处理"]
    as_agent = analyzer.negative_prob(apologies, agent=[True, True])
    as_customer = analyzer.negative_prob(apologies)
    assert max(as_agent) < analyzer.threshold
    assert all(a < c for a, c in zip(as_agent, as_customer, strict=True))


def test_sentiment_turnaround_is_not_earned_from_neutral_turns(analyzer):
    calm = conv(("agent", "您好，请问有什么可以帮您"), ("customer", "我想改一下收货地址"),
                ("agent", "好的，请问新地址是哪里"), ("customer", "订单号是二零二四一一二六"),
                ("customer", "好的，谢谢"), ("customer", "没有了，再见"))
    out = analyzer.analyze(calm)
    assert out.items["turnaround"].value is None
    assert "never negative" in out.items["turnaround"].na_reason


def test_sentiment_baseline_family_is_selectable(analyzer):
    base = SentimentAnalyzer(family="baseline")
    assert base.version.endswith("/baseline") and base.version != analyzer.version
    assert base.negative_prob(["垃圾服务，太差了"])[0] > 0.5
    assert not base.three_class and base.class_probs(["好"])[0][1] == 0.0
    with pytest.raises(ConfigError, match="neutral"):
        SentimentAnalyzer(family="bert")


def test_sentiment_missing_artifacts_raise_model_not_installed(tmp_path):
    with pytest.raises(ModelNotInstalledError, match="qa train sentiment"):
        SentimentAnalyzer(models_dir=tmp_path)


def test_sentiment_negative_prob_is_the_polarity_head_plus_the_rest_logit(analyzer):
    import numpy as np

    spec = analyzer.negative_score
    assert spec["polarity_head"] in analyzer.model.heads and spec["rest_weight"] >= 0
    texts = ["东西还没到", "谢谢，很满意", "非常抱歉给您带来不便"]
    agent = [False, False, True]
    z = analyzer.calibrated_logits(texts, agent)
    polarity = analyzer.model.margins(texts)[:, analyzer.model.heads.index(spec["polarity_head"])]
    s = polarity + spec["rest_weight"] * (z[:, 0] - np.logaddexp(z[:, 1], z[:, 2]))
    if spec.get("cues"):
        from qa_engine.analyzers.sentiment_cues import cue_matrix

        s = s + cue_matrix(texts) @ np.array(list(spec["cues"].values()))
    a, c = spec["platt"]
    assert np.allclose(analyzer.negative_probs(texts, agent), 1 / (1 + np.exp(-(a * s + c))))


def test_sentiment_helpdesk_thanks_rank_below_helpdesk_complaints(analyzer):
    # Customer-service register (written like STC3 turns; self-made, a smoke test, not a figure).
    complaints = ["都等了10几天了，还没人处理", "你们的客服态度太差了", "又断网了，修了一个星期都没好"]
    thanks = ["好的，谢谢", "搞定了，多谢", "可以用了，感谢你们", "客服很耐心，点赞"]
    neg, pos = analyzer.negative_prob(complaints), analyzer.negative_prob(thanks)
    assert min(neg) > max(pos), (dict(zip(complaints, neg)), dict(zip(thanks, pos)))
