"""Forced-lean labels of neutral chatbot turns and the binary "all chatbot turns" metric."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from training import sentiment_labels as SL
from training.sentiment_labels import LABEL_FILE, LEAN_FILE, Turn, load_leans
from tests.scripts import load_script


def eval_sentiment():
    return load_script("eval/sentiment.py", "eval_sentiment_lean")


def test_lean_file_covers_exactly_the_neutral_random_xs_turns_with_ids_only():
    with open(LEAN_FILE, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["source", "doc", "turn", "lean"]
    with open(LABEL_FILE, encoding="utf-8") as fh:
        neutral_xs = {(r["source"], r["doc"], r["turn"]) for r in csv.DictReader(fh)
                      if r["source"] == "xs_30k" and r["label"] == "neutral"}
    assert set(load_leans()) == neutral_xs
    assert len(rows) == len(neutral_xs) >= 800
    got = {r["lean"] for r in rows}
    assert got == {"negative", "positive"}


def test_a_bad_lean_is_refused(tmp_path):
    bad = tmp_path / "lean.csv"
    bad.write_text("source,doc,turn,lean\nxs_30k,,3,neutral\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad lean"):
        load_leans(bad)


def _turns():
    # two polar, four neutral turns; the neutral ones lean negative, positive, positive, negative
    labels = ["negative", "positive", "neutral", "neutral", "neutral", "neutral"]
    return [Turn("xs_30k", "", n, "customer", "chatbot", f"t{n}", label=lab) for n, lab in enumerate(labels, 1)]


@pytest.fixture
def fake_labels(monkeypatch):
    leans = {("xs_30k", "", "3"): "negative", ("xs_30k", "", "4"): "positive",
             ("xs_30k", "", "5"): "positive", ("xs_30k", "", "6"): "negative"}
    auto = {1: "negative", 2: "positive", 3: "positive", 4: "positive", 5: "negative", 6: "negative"}
    monkeypatch.setattr(SL, "load_leans", lambda: leans)
    monkeypatch.setattr(SL, "xs_automatic_labels", lambda: auto)
    monkeypatch.setattr(SL, "sample_xs_more", lambda: [])
    monkeypatch.setattr(SL, "sample_xs_round8", lambda: [])
    monkeypatch.setattr(SL, "split_of_turn", lambda t: "dev")


def test_all_turns_labels_force_neutral_turns_by_lean_or_automatic_label(fake_labels):
    ev = eval_sentiment()
    got = ev.all_turns_labels(_turns())
    assert got["lean"].tolist() == [1, 0, 1, 0, 0, 1]
    assert got["automatic_neutral"].tolist() == [1, 0, 0, 0, 1, 1]  # hand labels win on polar turns
    assert got["automatic"].tolist() == [1, 0, 0, 0, 1, 1]
    assert got["neutral_all_negative"].tolist() == [1, 0, 1, 1, 1, 1]
    assert got["neutral_all_positive"].tolist() == [1, 0, 0, 0, 0, 0]


def test_all_turns_auc_sees_how_neutral_turns_are_ordered(fake_labels, monkeypatch):
    ev = eval_sentiment()
    monkeypatch.setattr(ev, "split_of_turn", lambda t: "dev")
    turns = _turns()
    # both scores order the two polar turns right; only "lean-aware" orders the neutral ones too
    aware = np.array([0.9, 0.1, 0.6, 0.3, 0.2, 0.7])
    blind = np.array([0.9, 0.1, 0.2, 0.3, 0.6, 0.15])
    rep = ev.all_turns_binary([], "dev", scores={"aware": aware, "blind": blind}, ref="blind", turns=turns, n=40)
    lean = rep["lean"]["all"]
    assert lean["n"] == 6 and lean["negative"] == 3 and lean["neutral_included"] == 4
    assert lean["auc"]["aware"] == 1.0
    assert lean["auc"]["blind"] < 0.6
    assert lean["vs_blind"]["aware"]["diff"] > 0.4
    assert rep["bootstrap_reference"] == "blind"


def test_candidate_score_with_shipped_weights_is_the_analyzers_negative_prob():
    """``training/sentiment_lean_cv`` rebuilds the shipped score from its parts; with the
    shipped weights and the Platt pair it must equal ``negative_probs`` exactly."""
    from qa_engine.analyzers.sentiment import SentimentAnalyzer
    from training import sentiment_lean_cv as C

    texts = ["好的谢谢你", "我已经等了两个小时了", "订单号是二零二四一一二六", "你们服务挺好的", "呵呵，真是好样的"]
    turns = [Turn("x", "", i, "agent" if i == 2 else "customer", "chat", t) for i, t in enumerate(texts)]
    p = C.parts(turns)
    an = SentimentAnalyzer(family="neutral")
    a, c = an.negative_score["platt"]
    s = C.score(p, C.SHIPPED)
    np.testing.assert_allclose(1 / (1 + np.exp(-(a * s + c))), p["shipped"], rtol=1e-9, atol=1e-12)
    # a candidate weight changes the order of something, or it is not a candidate
    assert not np.allclose(C.score(p, {**C.SHIPPED, "kappa": 4.0}), s)
