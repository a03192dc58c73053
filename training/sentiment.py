"""Train the utterance sentiment models → ``models/sentiment/``.

    python -m training.sentiment [--out models] [--quick]

Data: the conversational set (sentiment_XS_30k, chat turns; split 70/15/15 by text hash),
all review sets (waimai, ChnSentiCorp hotel, online_shopping minus duplicates) and the
Weibo emotion set mapped to polarity. Conversational training rows are up-weighted 3×.

Three model families, all TF-IDF + logistic regression, exported pickle-free:
- ``neutral`` (the analyzer's default): three classes (negative / neutral / positive) with
  agent-correction heads, trained by ``training/sentiment_three.py`` on the sets above plus
  Weibo neutral posts, MUSIED agent turns (weak neutral) and the hand-labelled dev turns
  (``eval/labels/sentiment_turns.csv``, their 65 % *fit* part), calibrated on the other
  35 % (*tune*) of the dev turns, which it never saw;
- ``default``: binary P(negative), char 1–4-grams, 400k features, C=16, conversational rows
  weighted 3× (complaint risk reads this one as a feature);
- ``baseline``: the plain char 1–3-gram TF-IDF + LR (C=4, 300k features, no weights).
The binary ones get Platt calibration on the conversational validation split. Reported on
the conversational test split (**automatic labels**: agreement, not accuracy): the binary
families, a cross-register run and snownlp when installed; the hand-labelled figures come
from ``python eval/sentiment.py`` (see the model card).
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import time
from pathlib import Path

import numpy as np

from training.data import dedupe, load_conversational, load_reviews, load_weibo_emotion, split_of
from training import sentiment_three as THREE
from training.metrics import binary_report, platt_fit
from training.sentiment_labels import load_labels, split_of_turn

log = logging.getLogger("training.sentiment")

RECIPES = {
    "default": {"ngram_range": (1, 4), "max_features": 400_000, "C": 16.0, "conv_weight": 3.0},
    "baseline": {"ngram_range": (1, 3), "max_features": 300_000, "C": 4.0, "conv_weight": 1.0},
}
SEED = 0


def fit_recipe(rows, recipe: dict, seed: int = SEED):
    """Fit TF-IDF + LR with ``recipe`` on ``rows``; returns (vectorizer, classifier)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(analyzer="char", ngram_range=recipe["ngram_range"], min_df=2,
                          sublinear_tf=True, max_features=recipe["max_features"], dtype=np.float32)
    X = vec.fit_transform([r.text for r in rows])
    y = np.array([r.negative for r in rows])
    w = np.array([recipe["conv_weight"] if r.source == "xs_30k" else 1.0 for r in rows])
    clf = LogisticRegression(C=recipe["C"], max_iter=3000, random_state=seed).fit(X, y, sample_weight=w)
    return vec, clf


def train_three_class(out: Path) -> dict:
    """The ``neutral`` family → ``out/neutral.npz`` (over ``out/default.npz``'s columns, so
    that one is built first); returns its calibration and dev-tune figures.

    The model is fitted on the *fit* part of the hand-labelled dev turns (plus the other
    sources) and calibrated on the *tune* part, which it never saw: the calibration belongs
    to the very model that ships. Hand-labelled test turns never enter: their texts are kept
    out of every source.
    """
    from sklearn.metrics import f1_score, roc_auc_score

    turns = load_labels()
    dev = [t for t in turns if split_of_turn(t) == "dev"]
    held = {t.text for t in turns if split_of_turn(t) == "test"}
    fit_part, tune_part = THREE.tune_split(dev)
    t0 = time.time()
    held |= {t.text for t in tune_part if t.source == "xs_30k"}
    features = THREE.SharedFeatures(out / "default.npz")
    model = THREE.fit(THREE.training_rows(fit_part, held), features=features)
    m = model.margins([t.text for t in tune_part], np.array([t.role == "agent" for t in tune_part]))
    y = np.array([THREE.CLASSES.index(t.label) for t in tune_part])
    calibration, threshold, cv_f1 = THREE.choose_calibration(m, y)
    p = THREE.calibrated(m, calibration)
    polar = y != THREE.NEU
    report = {"calibration": calibration, "negative_threshold": threshold, "tune_turns": len(tune_part),
              "fit_turns": len(fit_part), "tune_cv_by_calibration": cv_f1,
              "tune_auc_neg_vs_pos": round(float(roc_auc_score(y[polar] == 0, THREE.polarity(p)[polar])), 4),
              "tune_auc_neg_vs_rest": round(float(roc_auc_score(y == 0, p[:, 0])), 4),
              "tune_macro_f1_in_sample": round(float(f1_score(y, THREE.label_rule(p, threshold), average="macro")), 4)}
    logits = m @ np.asarray(calibration["matrix"]).T + np.asarray(calibration["bias"])
    report["negative_score"], report["tune_cv_by_negative_score"] = fit_negative_score(out, tune_part, logits, y)
    log.info("neutral: %s", report)
    THREE.export(out / "neutral.npz", model, THREE.RECIPE)
    report["train_seconds"] = round(time.time() - t0, 1)
    return report


def fit_negative_score(out: Path, tune_part, logits: np.ndarray, y: np.ndarray) -> tuple[dict, dict]:
    """The ``negative_prob`` score of the ``neutral`` family, chosen on the tune turns
    (``sentiment_three.choose_negative_score``); reads ``out/default.npz``'s P(negative)."""
    from qa_engine.analyzers._linear import load_linear

    binary = load_linear(out / "default.npz").predict_proba([t.text for t in tune_part])
    binary = np.clip(binary, 1e-9, 1 - 1e-9)
    return THREE.choose_negative_score(logits, np.log(binary / (1 - binary)), y)


def refit_negative_score(models_dir: str = "models") -> dict:
    """Recompute only the negative score from the shipped ``neutral.npz`` and its calibration
    (the same inputs the full run uses) and write it into ``metadata.json``."""
    from qa_engine.analyzers.sentiment import SentimentAnalyzer

    out = Path(models_dir) / "sentiment"
    dev = [t for t in load_labels() if split_of_turn(t) == "dev"]
    _, tune_part = THREE.tune_split(dev)
    an = SentimentAnalyzer(models_dir=models_dir, family="neutral")
    logits = an.calibrated_logits([t.text for t in tune_part], [t.role == "agent" for t in tune_part])
    y = np.array([THREE.CLASSES.index(t.label) for t in tune_part])
    spec, figures = fit_negative_score(out, tune_part, logits, y)
    meta = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    fam = meta["families"]["neutral"]
    fam.pop("negative_score", None)
    if spec:
        fam["negative_score"] = spec
    meta["metrics_conversational_test"]["neutral_tune"]["tune_cv_by_negative_score"] = figures
    (out / "metadata.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    return spec


def snownlp_negative(texts: list[str]) -> np.ndarray:
    """1 − snownlp's P(positive): the off-the-shelf reference."""
    from snownlp import SnowNLP

    return np.array([1.0 - SnowNLP(t).sentiments for t in texts])


def main(argv: list[str] | None = None) -> dict:
    from qa_engine.analyzers._linear import LinearTextModel, export_linear

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="models", help="models directory to write into")
    ap.add_argument("--skip-references", action="store_true", help="skip cross-register and snownlp")
    ap.add_argument("--negative-score-only", action="store_true",
                    help="only refit the neutral family's negative score from the existing files")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    if args.negative_score_only:
        return {"negative_score": refit_negative_score(args.out)}
    random.seed(SEED)
    np.random.seed(SEED)
    out = Path(args.out) / "sentiment"
    out.mkdir(parents=True, exist_ok=True)

    conv = dedupe(load_conversational())
    part = {s: [r for r in conv if split_of(r.text) == s] for s in ("train", "valid", "test")}
    held_out = {r.text for r in part["valid"] + part["test"]}
    # A review or post identical to a held-out turn (e.g. "好") would leak its label.
    other = [r for r in dedupe(load_reviews() + load_weibo_emotion()) if r.text not in held_out]
    test_texts = [r.text for r in part["test"]]
    y_test = np.array([r.negative for r in part["test"]])
    counts = {"conversational": {k: len(v) for k, v in part.items()}, "other_train": len(other)}
    log.info("data: %s", counts)

    metrics: dict[str, dict] = {}
    for name, recipe in RECIPES.items():
        t0 = time.time()
        vec, clf = fit_recipe(part["train"] + other, recipe)
        path = out / f"{name}.npz"
        export_linear(path, vocabulary=vec.vocabulary_, idf=vec.idf_, coef=clf.coef_,
                      intercept=float(clf.intercept_[0]), ngram_range=recipe["ngram_range"],
                      heads=["negative"])
        model = LinearTextModel(path)
        margin_valid = model.decision_function([r.text for r in part["valid"]])
        platt = platt_fit(margin_valid, np.array([r.negative for r in part["valid"]]))
        export_linear(path, vocabulary=vec.vocabulary_, idf=vec.idf_, coef=clf.coef_,
                      intercept=float(clf.intercept_[0]), ngram_range=recipe["ngram_range"], platt=platt,
                      heads=["negative"])
        model = LinearTextModel(path)
        metrics[name] = binary_report(y_test, model.predict_proba(test_texts))
        metrics[name]["train_seconds"] = round(time.time() - t0, 1)
        metrics[name]["platt"] = platt
        log.info("%s: %s", name, metrics[name])

    metrics["neutral_tune"] = train_three_class(out)

    if not args.skip_references:
        vec, clf = fit_recipe(other, RECIPES["default"])
        p = clf.predict_proba(vec.transform(test_texts))[:, 1]
        metrics["cross_register_default_recipe"] = binary_report(y_test, p)
        log.info("cross-register: %s", metrics["cross_register_default_recipe"])
        try:
            metrics["snownlp"] = binary_report(y_test, snownlp_negative(test_texts))
            log.info("snownlp: %s", metrics["snownlp"])
        except ImportError:
            log.warning("snownlp not installed; reference skipped (pip install snownlp)")

    families = {k: {"file": f"{k}.npz", "kind": "binary",
                    **{kk: list(vv) if isinstance(vv, tuple) else vv for kk, vv in v.items()}}
                for k, v in RECIPES.items()}
    families["neutral"] = {"file": "neutral.npz", "kind": "three_class", "classes": list(THREE.CLASSES),
                           "counts_from": "default.npz",
                           "calibration": metrics["neutral_tune"].pop("calibration"),
                           "negative_threshold": metrics["neutral_tune"].pop("negative_threshold"),
                           **({"negative_score": ns} if (ns := metrics["neutral_tune"].pop("negative_score")) else {}),
                           **{k: list(v) if isinstance(v, tuple) else v for k, v in THREE.RECIPE.items()}}
    meta = {
        "name": "sentiment", "version": "sentiment-tfidf-lr-2",
        "families": families,
        "default_family": "neutral", "negative_threshold": 0.5, "seed": SEED,
        "data": counts, "test_split": "sentiment_XS_30k, 15% by sha1(text) hash (training/data.py:split_of)",
        "metrics_conversational_test": metrics,
    }
    (out / "metadata.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    return meta


if __name__ == "__main__":
    main()
