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


def test_choose_negative_score_takes_an_informative_binary_logit():
    rng = np.random.default_rng(2)
    y = rng.integers(0, 3, size=400)
    logits = rng.normal(0, 1, size=(400, 3)) + 1.0 * np.eye(3)[y]
    binary = 3.0 * (y == three.NEG) - 3.0 * (y == three.POS) + rng.normal(0, 1, size=400)
    spec, figures = three.choose_negative_score(logits, binary, y)
    assert spec["binary_weight"] > 0 and spec["positive_weight"] in three.SCORE_POSITIVE_WEIGHTS
    chosen = figures[f"w={spec['positive_weight']} beta={spec['binary_weight']}"]
    base = figures["decision_calibration_p_negative"]
    assert chosen["auc_neg_vs_pos"] > base["auc_neg_vs_pos"]
    assert spec["platt"][0] > 0


def test_choose_negative_score_ships_nothing_when_the_calibration_cannot_be_beaten():
    y = np.array([0, 1, 2] * 50)
    logits = 10.0 * np.eye(3)[y]  # the decision calibration is already perfect
    spec, _ = three.choose_negative_score(logits, np.zeros(len(y)), y)
    assert spec == {}
