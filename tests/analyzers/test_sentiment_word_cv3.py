"""Pieces of ``training/sentiment_word_cv3.py`` (the third dev round): the neg-vs-rest hand head
is fitted out of fold on non-agent turns of every label, and the rule's verdict applies
criteria (1) and (2) as written. Synthetic data only (figures: eval/labels/sentiment_word_cv3.json)."""

from __future__ import annotations

import numpy as np
from scipy.sparse import csr_matrix, identity

from training import sentiment_word_cv3 as W3


def _p(y, fold, role=None):
    n = len(y)
    return {"dev": list(range(n)), "y": np.array(y), "fold": np.array(fold),
            "role": np.array(role if role is not None else ["customer"] * n)}


def test_rest_hand_head_never_sees_its_fold_and_learns_neutral_as_rest():
    # each turn its own column: out of fold every turn of a fold gets the same margin
    y = np.array(["negative", "neutral", "positive"] * 40)
    p = _p(y, np.arange(120) % 5)
    m = W3.rest_hand_out_of_fold(p, csr_matrix(identity(120)), C=10.0)
    for f in range(5):
        assert np.ptp(m[p["fold"] == f]) < 1e-9
    # one shared column per label: neutral turns score like positives (rest), below negatives
    cols = np.array([{"negative": 0, "neutral": 1, "positive": 2}[v] for v in y])
    X = csr_matrix((np.ones(120), (np.arange(120), cols)), shape=(120, 3))
    m = W3.rest_hand_out_of_fold(p, X, C=10.0)
    assert m[y == "negative"].min() > 0 > max(m[y == "neutral"].max(), m[y == "positive"].max())


def test_rest_hand_head_leaves_agent_turns_out_of_the_fit():
    # agent turns carry the negative column but are labelled neutral: left out, they do not
    # pull the negative column down
    y = np.array(["negative", "neutral"] * 50 + ["neutral"] * 50)
    role = ["customer"] * 100 + ["agent"] * 50
    cols = np.array([0, 1] * 50 + [0] * 50)
    X = csr_matrix((np.ones(150), (np.arange(150), cols)), shape=(150, 2))
    with_agents = W3.rest_hand_out_of_fold(_p(y, np.arange(150) % 5, ["customer"] * 150), X, C=10.0)
    without = W3.rest_hand_out_of_fold(_p(y, np.arange(150) % 5, role), X, C=10.0)
    assert without[0] > with_agents[0]


def _fig(chat, help_=0.98, hard=0.97, nvr=(0.95, 0.6, 0.9)):
    return {"chatbot clean (tune + added)": {"auc_neg_vs_pos": chat}, "helpdesk clean (tune)": {"auc_neg_vs_pos": help_},
            "hard": {"auc_neg_vs_pos": hard}, "helpdesk customer clean: neg vs rest": nvr[0],
            "call customer clean: neg vs rest": nvr[1], "chat customer clean: neg vs rest": nvr[2]}


def test_verdict_applies_criteria_one_and_two_as_written():
    ref = _fig(0.970)
    up = {"diff": 0.006, "ci95": [0.001, 0.01]}
    assert W3.verdict(_fig(0.976), ref, up) == {"criterion_1": True, "criterion_2": True, "criterion_2_fails": []}
    # a gain under 0.005, or an interval reaching 0, fails (1)
    assert not W3.verdict(_fig(0.974), ref, up)["criterion_1"]
    assert not W3.verdict(_fig(0.976), ref, {"diff": 0.006, "ci95": [-0.001, 0.01]})["criterion_1"]
    # a drop of more than 0.005 on any guarded group fails (2) and is named; 0.005 itself passes
    v = W3.verdict(_fig(0.976, hard=0.964, nvr=(0.95, 0.6, 0.85)), ref, up)
    assert not v["criterion_2"] and v["criterion_2_fails"] == ["hard", "chat customer clean: neg vs rest"]
    assert W3.verdict(_fig(0.976, help_=0.9751), ref, up)["criterion_2"]


def test_split_rest_separates_positives_from_neutrals_per_register():
    # negatives 3, positives 1, neutrals 2: perfect against positives, one pair in four right against neutrals
    y = np.array(["negative", "positive", "neutral", "negative", "positive", "neutral"])
    s = np.array([3.0, 1.0, 2.0, 1.5, 0.0, 4.0])
    n = len(y)
    p = {"y": y, "hard": np.zeros(n, bool), "tune": np.ones(n, bool), "role": np.array(["customer"] * n),
         "register": np.array(["helpdesk"] * n)}
    out = W3.split_rest(p, s)
    assert out == {"helpdesk customer clean: neg vs positive (n=4)": 1.0,
                   "helpdesk customer clean: neg vs neutral (n=4)": 0.25}
