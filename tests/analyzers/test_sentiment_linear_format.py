"""The pickle-free TF-IDF + linear format (sentiment and complaint models) and the model resolver."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("sklearn", reason="the exporter is checked against scikit-learn (models extra)")
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from qa_engine.analyzers._linear import CharNgramCounter, LinearTextModel, export_linear  # noqa: E402
from qa_engine.errors import ModelNotInstalledError
from qa_engine.models import model_path, models_dir

TEXTS = ["很好很满意", "太差了", "服务不错", "垃圾 服务", "谢谢你", "我要投诉", "Hello  World", "一般般"]
LABELS = [0, 1, 0, 1, 0, 1, 0, 1]


def test_exported_model_matches_sklearn_scores(tmp_path):
    vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True)
    X = vec.fit_transform(TEXTS)
    clf = LogisticRegression(C=10).fit(X, LABELS)
    export_linear(tmp_path / "m.npz", vocabulary=vec.vocabulary_, idf=vec.idf_, coef=clf.coef_,
                  intercept=clf.intercept_, ngram_range=(1, 3), heads=["negative"])
    model = LinearTextModel(tmp_path / "m.npz")
    probe = TEXTS + ["没见过的字", "", "hello world 太差"]
    expected = clf.decision_function(vec.transform(probe))
    assert np.allclose(model.decision_function(probe), expected, atol=1e-5)
    assert np.allclose(model.predict_proba(probe), clf.predict_proba(vec.transform(probe))[:, 1], atol=1e-5)
    # Bag-of-utterances scoring: counts summed over rows, then the same weighting.
    bag = model.counts(["太差了", "我要投诉"])
    summed = bag[0] + bag[1]
    assert np.allclose(model.margins_from_counts(summed)[:, 0],
                       model.margins_from_counts(model.counts(["太差了我要投诉"]))[:, 0], atol=0.5)
    assert np.allclose(model.margins_from_counts(bag[:1])[:, 0], expected[1], atol=1e-5)


def test_models_dir_resolution_and_missing_artifact(tmp_path, monkeypatch):
    assert models_dir(tmp_path) == tmp_path
    monkeypatch.setenv("QA_MODELS_DIR", str(tmp_path))
    assert models_dir() == tmp_path
    with pytest.raises(ModelNotInstalledError, match="QA_MODELS_DIR") as info:
        model_path("sentiment", "default.npz")
    assert str(tmp_path / "sentiment" / "default.npz") in str(info.value)


def test_memoised_probabilities_equal_fresh_ones(tmp_path):
    vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 2), sublinear_tf=True)
    clf = LogisticRegression().fit(vec.fit_transform(TEXTS), LABELS)
    export_linear(tmp_path / "m.npz", vocabulary=vec.vocabulary_, idf=vec.idf_, coef=clf.coef_,
                  intercept=clf.intercept_, ngram_range=(1, 2))
    model = LinearTextModel(tmp_path / "m.npz")
    texts = ["太差了", "谢谢你", "太差了", "新的一句"]
    first = model.predict_proba(texts)
    assert first[0] == first[2]
    again = model.predict_proba(list(reversed(texts)))
    model.clear_cache()
    assert np.allclose(again[::-1], first)
    assert np.allclose(model.predict_proba(texts), first)


def test_char_counter_matches_scikit_learn_exactly():
    texts = ["Hello  World", "太差了\t\t我要投诉", "", "a", "ＡＢ😀😀 ok", "  前后空格  ", "嗯嗯嗯嗯嗯"]
    for ngram_range in [(1, 3), (1, 4), (2, 3)]:
        ref = CountVectorizer(analyzer="char", ngram_range=ngram_range).fit(texts + ["hello world 差"])
        ours = CharNgramCounter(ref.vocabulary_, ngram_range).transform(texts)
        assert (abs(ours - ref.transform(texts))).sum() == 0
