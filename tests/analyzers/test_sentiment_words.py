"""The optional word head beside the char sentiment heads (``sentiment_words``; none ships):
its tokens match the dev comparison's, its margins match scikit-learn's, and the analyzer adds
it to the negative score only when the metadata names it — gated by 1 − P(neutral)."""

from __future__ import annotations

import json

import numpy as np
import pytest

pytest.importorskip("sklearn", reason="checked against scikit-learn (models extra)")
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from qa_engine.analyzers._linear import export_linear  # noqa: E402
from qa_engine.analyzers.sentiment import SentimentAnalyzer  # noqa: E402
from qa_engine.analyzers.sentiment_words import WordHead, word_ngrams  # noqa: E402
from qa_engine.models import models_dir  # noqa: E402

TEXTS = ["太 差 了", "很 满意 谢谢", "我要投诉你们", "服务很好", "垃圾 客服 没人 理", "好评 好评", "等了两个小时还没到", "OK 不错"]
LABELS = [1, 0, 1, 0, 1, 0, 1, 0]
PROBE = TEXTS + ["没见过的词", "", "太差了 服务很好"]


def _fit(tmp_path):
    vec = TfidfVectorizer(analyzer=word_ngrams, sublinear_tf=True)
    X = vec.fit_transform(TEXTS)
    clf = LogisticRegression(C=10).fit(X, LABELS)
    export_linear(tmp_path / "words.npz", vocabulary=vec.vocabulary_, idf=vec.idf_, coef=clf.coef_,
                  intercept=clf.intercept_, ngram_range=(1, 2), analyzer="word", heads=["word_polarity"])
    return vec, clf


def test_word_ngrams_are_the_dev_comparisons_tokens():
    from training.sentiment_word_cv import word_ngrams as training_ngrams

    for text in PROBE + ["我不喜欢这个外卖", "OK  好的", "喜欢 人 谁 理"]:
        assert word_ngrams(text) == training_ngrams(text)


def test_word_head_margins_match_scikit_learn(tmp_path):
    vec, clf = _fit(tmp_path)
    head = WordHead(tmp_path / "words.npz")
    assert np.allclose(head.margins(PROBE), clf.decision_function(vec.transform(PROBE)), atol=1e-5)
    # a char model's file is refused
    export_linear(tmp_path / "char.npz", vocabulary={"a": 0}, idf=np.ones(1), coef=np.ones((1, 1)),
                  intercept=[0.0], ngram_range=(1, 1))
    with pytest.raises(ValueError, match="not a word head"):
        WordHead(tmp_path / "char.npz")


def _models_with_word_head(tmp_path, weight, gate="polar"):
    """A models dir: the shipped sentiment files linked, a tiny word head, metadata naming it."""
    shipped = models_dir() / "sentiment"
    sent = tmp_path / "models" / "sentiment"
    sent.mkdir(parents=True)
    for f in shipped.iterdir():
        if f.name != "metadata.json":
            (sent / f.name).symlink_to(f.resolve())
    _fit(sent)
    meta = json.loads((shipped / "metadata.json").read_text(encoding="utf-8"))
    meta["families"]["neutral"]["negative_score"]["added_head"] = {"file": "words.npz", "weight": weight, "gate": gate}
    (sent / "metadata.json").write_text(json.dumps(meta), encoding="utf-8")
    return tmp_path / "models"


def test_analyzer_adds_the_gated_word_margin_only_when_named(tmp_path):
    shipped = SentimentAnalyzer()
    assert "+" not in shipped.version and shipped._word_head is None
    texts = ["太差了 服务很好", "我要投诉你们", "订单号是二零二四一一二六", "谢谢"]
    agent = [False, False, False, True]
    base = np.array(shipped.negative_prob(texts, agent))
    a, c = shipped.negative_score["platt"]
    z = shipped.calibrated_logits(texts, agent)
    p = shipped.class_probs(texts, agent)
    logit = lambda q: np.log(q / (1 - q))  # noqa: E731
    head = WordHead(_models_with_word_head(tmp_path / "one", 1.0) / "sentiment" / "words.npz")
    w = head.margins(texts)
    for weight, gate, g in ((1.0, "polar", 1 - p[:, 1]), (2.0, "none", np.ones(len(texts)))):
        root = _models_with_word_head(tmp_path / f"{weight}{gate}", weight, gate)
        an = SentimentAnalyzer(models_dir=root)
        assert an.version.endswith("/neutral+words.npz")
        got = np.array(an.negative_prob(texts, agent))
        # score before Platt = shipped score + weight · gate · word margin
        assert np.allclose((logit(got) - c) / a, (logit(base) - c) / a + weight * g * w, atol=1e-6)
        # labels (three-class heads) are untouched
        assert np.allclose(an.class_probs(texts, agent), p)
        assert np.allclose(an.calibrated_logits(texts, agent), z)
        # a second call is served from the margins cache, same numbers
        assert np.allclose(an.negative_prob(texts, agent), got)
