"""The optional hand-label head of the negative score (round 9's candidate recipe,
``python -m training.sentiment --hand-head``; not in the shipped files): the analyzer adds
weight · (its margin + its cue term) to the score, and refuses a file that lacks the head."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from qa_engine.analyzers.sentiment import SentimentAnalyzer
from qa_engine.analyzers.sentiment_cues import CUE_NAMES, cue_matrix
from qa_engine.errors import ModelNotInstalledError

SHIPPED = Path(__file__).resolve().parents[2] / "models" / "sentiment"
TEXTS = ["东西还没到，等了三天了", "谢谢，很满意", "非常抱歉给您带来不便", "我想改一下收货地址"]
AGENT = [False, False, True, False]


def models_with_hand_head(tmp_path: Path, add_head: bool = True) -> Path:
    from training import sentiment_three as three

    d = tmp_path / "sentiment"
    d.mkdir()
    for name in ("default.npz", "baseline.npz"):
        (d / name).symlink_to(SHIPPED / name)
    shutil.copy(SHIPPED / "neutral.npz", d / "neutral.npz")
    meta = json.loads((SHIPPED / "metadata.json").read_text(encoding="utf-8"))
    score = meta["families"]["neutral"]["negative_score"]
    if add_head:  # a hand head equal to the polarity head, so its margin is known
        with np.load(d / "neutral.npz", allow_pickle=False) as z:
            i = [str(h) for h in z["heads"]].index(score["polarity_head"])
            coef, b = z["coef"][i], float(z["intercept"][i])
        three.with_head(d / "neutral.npz", "hand", coef, b)
    score["hand_head"] = {"head": "hand", "weight": 0.5, "cues": {n: 1.0 for n in CUE_NAMES}}
    (d / "metadata.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return tmp_path


def test_hand_head_adds_its_weighted_margin_and_cues_to_the_score(tmp_path):
    shipped = SentimentAnalyzer(family="neutral")
    hand = SentimentAnalyzer(models_dir=models_with_hand_head(tmp_path), family="neutral")
    # labels are untouched: the three-class heads and calibration are the shipped ones
    assert np.allclose(hand.class_probs(TEXTS, AGENT), shipped.class_probs(TEXTS, AGENT))
    a, c = shipped.negative_score["platt"]

    def s_of(an):
        p = np.clip(an.negative_probs(TEXTS, AGENT), 1e-12, 1 - 1e-12)
        return (np.log(p / (1 - p)) - c) / a

    pol = shipped.model.margins(TEXTS)[:, shipped.model.heads.index("polarity")]
    expected = s_of(shipped) + 0.5 * (pol + cue_matrix(TEXTS).sum(axis=1))
    assert np.allclose(s_of(hand), expected, atol=1e-6)


def test_a_file_without_the_named_hand_head_is_refused(tmp_path):
    with pytest.raises(ModelNotInstalledError, match="hand"):
        SentimentAnalyzer(models_dir=models_with_hand_head(tmp_path, add_head=False), family="neutral")
