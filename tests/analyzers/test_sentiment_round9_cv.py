"""The round-9 dev comparison (``training/sentiment_round9_cv.py``): the hand heads' row sets and
the guarded per-fold choice (it keeps the base when a head only adds noise, and refuses a head
that would break a guard even when it lifts the primary figures)."""

from __future__ import annotations

import numpy as np
from scipy.sparse import csr_matrix

from training import sentiment_round9_cv as R9

from .test_sentiment_round8_cv import fake


def y_lean(p):
    return np.where(p["y"] != "neutral", (p["y"] == "negative").astype(int), p["lean"])


def test_row_sets():
    p = fake(300, 7)
    p["register"] = np.where(np.arange(300) % 3 == 0, "call", p["register"])
    p["role"] = np.where(np.arange(300) % 7 == 0, "agent", p["role"])
    r = R9.rows_of(p)
    neutral = p["y"] == "neutral"
    assert not (r["polar"] & neutral).any() and not (r["polar"] & (p["role"] == "agent")).any()
    assert (r["service"] <= (neutral & (p["role"] == "customer") & (p["register"] != "chatbot"))).all()
    assert r["service"].any() and not (r["service"] & (p["register"] == "chatbot")).any()
    assert (r["agree"] <= r["lean"]).all() and (p["lean"][r["agree"]] == p["auto"][r["agree"]]).all()
    assert (r["y"][r["service"]] == 0).all()  # service rows sit on the "not negative" side


def test_guarded_choice_keeps_the_base_when_the_head_is_noise():
    p = fake(400, 3)
    base = y_lean(p) + np.random.default_rng(4).normal(0, 0.5, 400)
    refs = {"shipped": base, "S_old": base}
    noise = {(1.0,): np.random.default_rng(5).normal(0, 50, 400)}
    s, chosen = R9.guarded_choice(p, base, noise, refs)
    assert all(beta == 0.0 for _, beta in chosen) and np.array_equal(s, base)


def test_guarded_choice_refuses_a_head_that_breaks_a_guard():
    p = fake(400, 3)
    yl = y_lean(p)
    base = yl + np.random.default_rng(4).normal(0, 1.0, 400)
    refs = {"shipped": base, "S_old": base}
    # perfect on the chatbot turns, inverted on the helpdesk turns the guards read
    helpful = np.where(p["unseen"], 3.0 * (yl - 0.5), -3.0 * ((p["y"] == "negative") - 0.5))
    s, chosen = R9.guarded_choice(p, base, {(1.0,): helpful}, refs)
    assert all(beta == 0.0 for _, beta in chosen)
    # the same head without the harm on helpdesk turns is taken
    s, chosen = R9.guarded_choice(p, base, {(1.0,): np.where(p["unseen"], helpful, 0.0)}, refs)
    assert all(beta > 0 for _, beta in chosen)


def test_heads_are_out_of_fold_and_three_class_leaves_neutral_out():
    p = fake(200, 9)
    rng = np.random.default_rng(1)
    yl = np.maximum(y_lean(p), 0)
    X = rng.random((200, 6)) < 0.3
    X[:, 0] = yl == 1
    p["X_dev"] = csr_matrix(X.astype(float))
    use = np.ones(200, bool)
    m = R9.binary_head(p, use, yl, np.ones(200), 1.0)
    assert ((m > 0) == (yl == 1)).mean() > 0.9
    y3 = np.where(np.arange(200) % 7 == 0, 2, yl)
    z = R9.three_class_head(p, use, y3, 1.0)
    assert z.shape == (200,) and ((z > 0) == (yl == 1))[y3 != 2].mean() > 0.9
