"""Pieces of ``training/sentiment_word_cv.py`` (the dev comparison of word n-grams and hand-label
heads beside the shipped negative score): tokens, out-of-fold fits, the nested choice and the
paired bootstrap. Synthetic data only; the full comparison needs the shared datasets and
several minutes (its figures are in ``eval/labels/sentiment_word_cv.json``)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import csr_matrix, identity

from training import sentiment_word_cv as W


def test_word_tokens_keep_the_given_segmentation_and_cut_unsegmented_text():
    assert W.word_tokens("喜欢 人 谁 理") == ["喜欢", "人", "谁", "理"]
    cut = W.word_tokens("我不喜欢这个外卖")
    assert "".join(cut) == "我不喜欢这个外卖" and len(cut) > 2
    mixed = W.word_tokens("OK  好的")  # lowercased, runs of spaces are one boundary
    assert mixed[0] == "ok" and "".join(mixed[1:]) == "好的"
    assert W.word_ngrams("太 差 了") == ["太", "差", "了", "太 差", "差 了"]


def _p(y, fold, register="chatbot"):
    n = len(y)
    return {"dev": list(range(n)), "y": np.array(y), "fold": np.array(fold), "hard": np.zeros(n, bool),
            "tune": np.ones(n, bool), "added": np.zeros(n, bool), "register": np.array([register] * n),
            "role": np.array(["customer"] * n)}


def test_hand_head_scores_each_turn_with_a_head_that_never_saw_it():
    """Each turn has only its own column: a head that saw it would rank it by its own label
    (AUC 1); out of fold its column is unknown and every turn in a fold gets the same margin."""
    from sklearn.metrics import roc_auc_score

    rng = np.random.default_rng(0)
    y = np.where(rng.random(200) < 0.5, "negative", "positive")
    p = _p(y, np.arange(200) % 5)
    m = W.hand_out_of_fold(p, csr_matrix(identity(200)), C=10.0)
    for f in range(5):
        assert np.ptp(m[p["fold"] == f]) < 1e-9
    assert roc_auc_score(y == "negative", m) < 0.8


def test_nested_choice_takes_each_folds_weight_from_the_other_folds():
    """The extra score helps on folds 1–4 and hurts on fold 0: fold 0 still gets the weight the
    other folds chose (the choice never looks at the fold it is applied to)."""
    rng = np.random.default_rng(1)
    n = 500
    fold = np.arange(n) % 5
    y = np.where(rng.random(n) < 0.5, "negative", "positive")
    sign = np.where(y == "negative", 1.0, -1.0)
    base = rng.normal(0, 1, n)
    extra = np.where(fold == 0, -sign, sign) + rng.normal(0, 0.5, n)
    p = _p(y, fold)
    out, chosen = W.nested_choice(p, base, {"x": extra}, weights=(0.0, 1.0, 2.0))
    assert chosen[0] == ["x", 2.0]
    assert np.allclose(out[fold == 0], (base + 2.0 * extra)[fold == 0])


def test_paired_bootstrap_is_zero_for_equal_scores_and_positive_for_a_clear_gain():
    rng = np.random.default_rng(2)
    y = np.where(rng.random(300) < 0.5, "negative", "positive")
    p = _p(y, np.arange(300) % 5)
    good = (y == "negative") + rng.normal(0, 0.3, 300)
    noise = rng.normal(0, 1, 300)
    mask = np.ones(300, bool)
    same = W.bootstrap(p, good, good, mask, n=50)
    assert same["diff"] == 0.0 and same["ci95"] == [0.0, 0.0]
    gain = W.bootstrap(p, good, noise, mask, n=50)
    assert gain["diff"] > 0.3 and gain["ci95"][0] > 0.2


@pytest.mark.parametrize("betas", [(0.0, 0.5), (0.0, 1.0, 2.0)])
def test_beta_out_of_fold_only_uses_the_offered_weights(betas):
    rng = np.random.default_rng(3)
    y = np.where(rng.random(200) < 0.5, "negative", "positive")
    p = _p(y, np.arange(200) % 5)
    _, chosen = W.beta_out_of_fold(p, rng.normal(0, 1, 200), (y == "negative") * 1.0, betas)
    assert set(chosen) <= set(betas) and max(chosen) > 0
