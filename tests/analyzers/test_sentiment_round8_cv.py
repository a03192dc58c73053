"""The round-8 dev comparison (``training/sentiment_round8_cv.py``): which hand rows each
candidate fits on, and that its rule refuses a candidate that does not beat the shipped score."""

from __future__ import annotations

import numpy as np

from training import sentiment_round8_cv as R8


def fake(n: int = 200, seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    y = rng.choice(["negative", "neutral", "positive"], n)
    lean = np.where(y == "neutral", rng.integers(0, 2, n), -1)
    unseen = np.arange(n) < n // 2
    return {"y": y, "lean": lean, "auto": rng.integers(0, 2, n), "unseen": unseen,
            "round8": unseen & (np.arange(n) % 2 == 0), "tune": ~unseen, "hard": np.zeros(n, bool),
            "register": np.where(unseen, "chatbot", "helpdesk"), "role": np.array(["customer"] * n),
            "fold": np.arange(n) % 5}


def test_hand_rows_per_candidate():
    p = fake()
    polar = p["y"] != "neutral"
    _, w_old = R8.hand_weights(p, *R8.FIT_CANDIDATES["S_old"])
    assert (w_old[polar & ~p["unseen"]] == 8).all() and (w_old[p["unseen"]] == 0).all()
    assert (w_old[~polar] == 0).all()  # no neutral turn enters a polarity fit without a lean weight
    _, w24 = R8.hand_weights(p, *R8.FIT_CANDIDATES["A24"])
    assert (w24[polar & p["unseen"]] == 24).all() and (w24[polar & ~p["unseen"]] == 8).all()
    y, w = R8.hand_weights(p, *R8.FIT_CANDIDATES["L2"])
    lean_rows = ~polar
    assert (w[lean_rows] == 2).all() and (y[lean_rows] == p["lean"][lean_rows]).all()
    assert (y[polar] == (p["y"][polar] == "negative")).all()


def test_rule_refuses_the_shipped_score_itself_and_passes_a_clearly_better_one():
    p = fake(400, 1)
    y_lean = np.where(p["y"] != "neutral", (p["y"] == "negative").astype(int), p["lean"])
    rng = np.random.default_rng(2)
    shipped = y_lean + rng.normal(0, 1.0, len(y_lean))
    better = y_lean + rng.normal(0, 0.3, len(y_lean))
    scores = {"shipped": shipped, "S_old": shipped, "baseline": shipped, "same": shipped.copy(), "better": better}
    rep = R8.judge(p, scores, n_boot=200)
    assert not rep["verdict"]["same"]["rule1"] and rep["verdict"]["same"]["vs_shipped"]["U polar"]["diff"] == 0
    assert rep["verdict"]["better"]["rule1"]


def test_nested_choice_keeps_the_base_when_the_head_is_noise():
    p = fake(400, 3)
    y_lean = np.where(p["y"] != "neutral", (p["y"] == "negative").astype(int), p["lean"])
    base = y_lean + np.random.default_rng(4).normal(0, 0.5, len(y_lean))
    noise = {1.0: np.random.default_rng(5).normal(0, 50, len(base))}
    _, chosen = R8.nested(p, base, noise, np.ones(len(base)))
    assert all(beta == 0.0 for _, beta in chosen)
