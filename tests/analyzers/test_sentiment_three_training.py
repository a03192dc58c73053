"""Three-class sentiment training pieces on hand-built inputs (no shared data, no fitting
on real text): agent augmentation, calibration, the label rule and its threshold."""

from __future__ import annotations

import numpy as np
from scipy.sparse import csr_matrix

from training import sentiment_three as three


def test_agent_augmentation_copies_features_for_agent_rows_only():
    X = csr_matrix(np.array([[1.0, 2.0], [3.0, 4.0]]))
    Xa = three.augment(X, np.array([False, True]), scale=2.0).toarray()
    assert Xa.tolist() == [[1.0, 2.0, 0.0, 0.0], [3.0, 4.0, 6.0, 8.0]]


def test_calibrated_rows_are_probabilities_and_follow_the_bias():
    m = np.array([[2.0, 0.0, -1.0], [0.0, 0.0, 0.0]])
    p = three.calibrated(m, {"matrix": np.eye(3).tolist(), "bias": [0.0, 1.0, 0.0]})
    assert np.allclose(p.sum(axis=1), 1.0)
    assert p[0].argmax() == 0 and p[1].argmax() == 1


def test_label_rule_calls_negative_at_the_threshold_else_the_likelier_of_the_rest():
    probs = np.array([[0.40, 0.50, 0.10], [0.30, 0.30, 0.40], [0.30, 0.60, 0.10]])
    assert three.label_rule(probs, 0.35).tolist() == [three.NEG, three.POS, three.NEU]
    assert three.label_rule(probs, 0.45).tolist() == [three.NEU, three.POS, three.NEU]


def test_calibration_recovers_a_known_temperature_and_offset():
    rng = np.random.default_rng(0)
    margins = rng.normal(0, 3, size=(3000, 3))
    true = three.softmax(margins / 2.0 + np.array([-1.0, 0.0, 0.5]))
    y = np.array([rng.choice(3, p=row) for row in true])
    cal = three.fit_calibration(margins, y, penalty=0.0)
    assert abs(cal["matrix"][0][0] - 0.5) < 0.05
    assert abs(cal["bias"][0] + 1.0) < 0.2 and abs(cal["bias"][2] - 0.5) < 0.2


def test_choose_calibration_returns_a_candidate_and_a_threshold_in_range(monkeypatch):
    monkeypatch.setattr(three, "CANDIDATES", [("temperature", 0.01), ("matrix", 1.0)])  # keep it quick
    rng = np.random.default_rng(1)
    y = rng.integers(0, 3, size=300)
    margins = rng.normal(0, 1, size=(300, 3)) + 3 * np.eye(3)[y]
    cal, threshold, scores = three.choose_calibration(margins, y)
    assert len(scores) == len(three.CANDIDATES)
    assert 0.2 <= threshold <= 0.5
    assert (three.label_rule(three.calibrated(margins, cal), threshold) == y).mean() > 0.8


def test_nb_ratio_points_each_column_to_the_class_it_occurs_in():
    X = csr_matrix(np.array([[1.0, 0.0, 1.0], [2.0, 0.0, 1.0], [0.0, 3.0, 1.0], [0.0, 1.0, 1.0]]))
    y = np.array([1, 1, 0, 0])
    r = three.nb_ratio(X, y, np.ones(4), alpha=1.0)
    assert r[0] > 0 > r[1] and abs(r[2]) < 1e-9
    # weights count like repeated rows
    heavy = three.nb_ratio(X, y, np.array([3.0, 1.0, 1.0, 1.0]), alpha=1.0)
    assert heavy[0] > r[0]


def test_fit_polarity_separates_a_learnable_signal_and_folds_the_scaling_in():
    rng = np.random.default_rng(3)
    y = rng.integers(0, 2, size=400)
    dense = rng.random((400, 6)) * (rng.random((400, 6)) < 0.3)
    dense[:, 0] += y  # column 0 marks negatives, column 1 positives
    dense[:, 1] += 1 - y
    X = csr_matrix(dense)
    coef, b = three.fit_polarity(X, y, np.ones(400), {**three.POLARITY, "C": 10.0})
    margin = X @ coef + b
    assert coef[0] > 0 > coef[1]
    assert ((margin > 0) == (y == 1)).mean() > 0.95


def test_choose_polarity_score_adds_an_informative_rest_logit_and_platt_scales():
    rng = np.random.default_rng(4)
    y = rng.integers(0, 3, size=600)
    polarity = 2.0 * (y == three.NEG) - 2.0 * (y == three.POS) + rng.normal(0, 1, size=600)
    logits = rng.normal(0, 1, size=(600, 3)) + 3.0 * np.eye(3)[y]  # knows neutral from negative
    spec, figures = three.choose_polarity_score(polarity, logits, y)
    assert spec["rest_weight"] > 0 and spec["polarity_head"] == three.POLARITY_HEAD
    chosen = figures[f"polarity + {spec['rest_weight']}·rest"]
    assert chosen["auc_neg_vs_rest"] > figures["polarity + 0.0·rest"]["auc_neg_vs_rest"]
    assert spec["platt"][0] > 0


def test_choose_polarity_score_ships_nothing_when_the_calibration_cannot_be_beaten():
    y = np.array([0, 1, 2] * 50)
    spec, _ = three.choose_polarity_score(np.zeros(len(y)), 10.0 * np.eye(3)[y], y)
    assert spec == {}


def test_with_head_adds_then_replaces_a_head_and_keeps_the_others(tmp_path):
    from qa_engine.analyzers._linear import LinearTextModel, export_linear

    path = tmp_path / "m.npz"
    export_linear(path, vocabulary={"好": 0, "差": 1}, idf=np.array([1.0, 2.0]), coef=np.array([[1.0, -1.0]]),
                  intercept=[0.5], ngram_range=(1, 1), heads=["negative"])
    three.with_head(path, "polarity", np.array([0.25, 4.0]), -1.0)
    m = LinearTextModel(path)
    assert m.heads == ["negative", "polarity"]
    three.with_head(path, "polarity", np.array([0.0, 2.0]), 0.0)
    m = LinearTextModel(path)
    assert m.heads == ["negative", "polarity"] and m.intercept.tolist() == [0.5, 0.0]
    assert np.allclose(m.margins(["差"])[0], [-1.0 * 2.0 / 2.0 + 0.5, 2.0 * 2.0 / 2.0])


def test_a_refit_that_reproduces_a_binary_file_keeps_its_bytes(tmp_path):
    """``qa train sentiment`` refits default.npz, which complaint risk reads as a feature: a refit
    with the same columns and weights within the solver's noise keeps the shipped bytes; a
    different vocabulary or a real change in the weights is written."""
    from training.sentiment import keep_if_close

    def write(coef, vocab=b"a\x00b"):
        np.savez_compressed(tmp_path / "m.npz", vocab=np.frombuffer(vocab, np.uint8), coef=np.asarray(coef, np.float32),
                            intercept=np.array([0.5]))

    write([[1.0, 2.0]])
    before = (tmp_path / "m.npz").read_bytes()
    write([[1.0002, 2.0]])
    assert (tmp_path / "m.npz").read_bytes() != before
    assert keep_if_close(tmp_path / "m.npz", before) and (tmp_path / "m.npz").read_bytes() == before
    write([[1.1, 2.0]])
    changed = (tmp_path / "m.npz").read_bytes()
    assert not keep_if_close(tmp_path / "m.npz", before) and (tmp_path / "m.npz").read_bytes() == changed
    write([[1.0, 2.0]], vocab=b"a\x00c")
    assert not keep_if_close(tmp_path / "m.npz", before)
    assert not keep_if_close(tmp_path / "m.npz", None)
