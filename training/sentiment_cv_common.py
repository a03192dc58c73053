"""What the sentiment dev comparisons share before they fit anything, and their margin cache.

``sentiment_word_cv``, ``sentiment_round8_cv`` (and through it ``sentiment_round9_cv``) and
``sentiment_polarity_cv`` read the same inputs: the hand-labelled dev turns, the polarity head's
rows (every test text and every dev XS text held out, as ``training.sentiment.fit_polarity_score``
holds them out), the shipped analyzer's parts on the dev turns and the folds by dialogue / XS text.
``sentiment_word_head`` reads the same dev turns and rows; ``training.sentiment --hand-head`` reads the
folds and the hand-label heads' row sets (``rows_of``, round 9's). Test turns are never read beyond
holding their texts out of the rows.
"""

from __future__ import annotations

import argparse
import hashlib
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from training import sentiment_three as THREE
from training.sentiment_labels import HARD, load_labels, split_of_turn

MODELS = Path(__file__).resolve().parents[1] / "models" / "sentiment"
SERVICE_REGISTERS = ("helpdesk", "call", "chat")  # the hand heads' neutral service rows come from these


def folds_of(dev, k: int = 5) -> np.ndarray:
    """Each dev turn's fold: by dialogue / XS text (``sentiment_three.group_of``), the folds of every round."""
    return np.array([int(hashlib.sha1(THREE.group_of(t).encode()).hexdigest()[:8], 16) % k for t in dev])


def dev_and_rows() -> tuple[list, list, list]:
    """(dev turns, their *tune* part, the polarity head's rows without any test text or dev XS text)."""
    turns = load_labels()
    dev = [t for t in turns if split_of_turn(t) == "dev"]
    held = {t.text for t in turns if split_of_turn(t) == "test"}
    _, tune = THREE.tune_split(dev)
    rows = THREE.polarity_rows(held | {t.text for t in dev if t.source.startswith("xs_30k")})
    return dev, tune, rows


def shipped_parts(dev) -> dict:
    """The shipped models on the dev turns: the three-class heads' negative-vs-rest logit (``rest``), class
    probabilities and label, the shipped ``negative_prob`` and the plain baseline file's margin."""
    from qa_engine.analyzers.sentiment import SentimentAnalyzer

    texts, agent = [t.text for t in dev], [t.role == "agent" for t in dev]
    an = SentimentAnalyzer(models_dir=MODELS.parent, family="neutral")
    probs = an.class_probs(texts, agent)
    return {"rest": THREE.negative_rest_logit(an.calibrated_logits(texts, agent)), "probs": probs,
            "label_neg": probs[:, 0] >= an.threshold, "shipped": an.negative_probs(texts, agent),
            "baseline": SentimentAnalyzer(models_dir=MODELS.parent, family="baseline").model.decision_function(texts)}


def turn_arrays(dev, tune) -> dict[str, np.ndarray]:
    """Per dev turn: label, register, role, in the tune part, a hard turn, fold."""
    tune_ids = {id(t) for t in tune}
    return {"y": np.array([t.label for t in dev]), "register": np.array([t.register for t in dev]),
            "role": np.array([t.role for t in dev]), "tune": np.array([id(t) in tune_ids for t in dev]),
            "hard": np.array([t.source.endswith(HARD) for t in dev]), "fold": folds_of(dev)}


def rows_of(p: dict) -> dict[str, np.ndarray]:
    """The hand-label heads' row sets (masks over the dev turns) and targets (1 = negative), from the
    per-turn arrays ``y``, ``role``, ``register``, ``lean`` and ``auto`` of ``p``: round 9's comparison
    (``sentiment_round9_cv``) and ``training.sentiment --hand-head`` (``hand_head_inputs``) read the same."""
    nonagent = p["role"] != "agent"
    polar = (p["y"] != "neutral") & nonagent
    yneg = (p["y"] == "negative").astype(int)
    lean = (p["lean"] >= 0) & nonagent
    agree = lean & (p["lean"] == p["auto"])
    service = ((p["y"] == "neutral") & (p["role"] == "customer")
               & np.isin(p["register"], SERVICE_REGISTERS))
    return {"polar": polar, "lean": lean, "agree": agree, "service": service,
            "y": np.where(service, 0, np.where(p["y"] != "neutral", yneg, np.maximum(p["lean"], 0)))}


def char_cue_inputs() -> tuple[dict, dict]:
    """The inputs of the polarity head's recipe on the dev turns: ``(p, more)``. ``p``: the dev turns, the
    rows' and dev turns' char + cue matrices (``X_base``, ``X_dev``), the rows' targets and weights, the
    shipped parts (``shipped_parts`` less ``probs``), the turn arrays and the row count; ``more``: the rows,
    the class probabilities and the char column count."""
    dev, tune, rows = dev_and_rows()
    features = THREE.SharedFeatures(MODELS / "default.npz")
    scale = THREE.POLARITY["cue_scale"]
    active = np.array([THREE.POLARITY["cue_reviews"] or r.source in ("xs_30k", "weibo") for r in rows])
    base_texts, dev_texts = [r.text for r in rows], [t.text for t in dev]
    t0 = time.time()
    X_base = THREE.with_cues(features.transform(base_texts), base_texts, scale, active)
    X_dev = THREE.with_cues(features.transform(dev_texts), dev_texts, scale)
    print(f"char + cue features {time.time() - t0:.0f}s ({len(rows)} rows, {len(dev)} dev turns)", flush=True)
    parts = shipped_parts(dev)
    probs = parts.pop("probs")
    p = {"dev": dev, "X_base": X_base, "X_dev": X_dev,
         "y_base": np.array([r.y for r in rows]), "w_base": np.array([r.weight for r in rows]),
         **parts, **turn_arrays(dev, tune), "rows": len(rows)}
    return p, {"rows": rows, "probs": probs, "n_char": len(features.vocabulary_)}


def cv_arguments(doc: str, argv: list[str] | None, boot: bool = True) -> argparse.Namespace:
    """``--json`` (report), ``--cache`` (npz of out-of-fold margins) and, with ``boot``, ``--boot`` (resamples)."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", default=None)
    ap.add_argument("--cache", default=None, help="npz of out-of-fold margins (read if present, written after)")
    if boot:
        ap.add_argument("--boot", type=int, default=2000)
    return ap.parse_args(argv)


def cached_margins(cache: str | None, fits: dict[str, Callable[[], np.ndarray]], message: str | None = "fitting",
                   margins: dict[str, np.ndarray] | None = None) -> dict[str, np.ndarray]:
    """``margins`` (by default every margin in ``cache``, when it exists) plus each of ``fits`` they lack,
    fitted now, the whole set written to ``cache`` after each fit (so an interrupted run keeps what it
    finished)."""
    path = Path(cache) if cache else None
    if margins is None:
        margins = dict(np.load(path)) if path and path.exists() else {}
    for name, fit in fits.items():
        if name not in margins:
            if message:
                print(f"{name}: {message}", flush=True)
            margins[name] = fit()
            if path:
                np.savez(path, **margins)
    return margins
