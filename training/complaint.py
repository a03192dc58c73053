"""Train complaint risk (STC3) and complaint types (MUSIED) → ``models/complaint/``.

    python -m training.complaint [--out models] [--eval-dir eval] [--only risk|types] [--no-cv]

Risk: STC3 dialogues split 70/15/15 by id hash (train / valid / test). Labels:
dissatisfied = ``mean_S <= -1`` (the shipped probability) and ``mean_S <= -0.5``.
A char 1–3-gram TF-IDF over the customer's utterances feeds three heads (LR for each label and
ridge on −mean_S); their out-of-fold scores join the sentiment trajectory, cue lexicons,
per-turn rates, explicit threats (``escalation.v1``), repeats and the call's close in a
standardised logistic-regression stacker per label, calibrated by Platt scaling on held-out
margins (out-of-fold on train + the valid split). Baseline: plain char TF-IDF + LR on the
customer's text. Needs ``models/sentiment/default.npz`` (run training.sentiment first).

Types: per-utterance one-vs-rest char TF-IDF + LR per MUSIED complaint-event type (an
utterance is positive for a type when it holds that type's event trigger), trained on 70 %
of the MUSIED phone calls (by id hash), all chats and reviews, with STC3 helpdesk utterances
as no-type negatives; a call scores each type as its best utterance. Per-type thresholds
are tuned on out-of-fold scores of the training phone calls; micro/macro-F1 on the held-out
30 % of phone calls, beside the previous recipe retrained on the same documents. Types with
fewer than ``TYPE_MIN_DOCS`` training documents are reported, never predicted.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import time
from pathlib import Path

import numpy as np

from qa_engine.analyzers._complaint_features import FEATURE_NAMES, TEXT_HEADS, Turn, feature_vector
from training.data import load_musied, load_stc3, split_of
from training.metrics import binary_report, platt_fit, reliability

log = logging.getLogger("training.complaint")
SEED = 0
MIN_TYPE_DOCS = 15
TARGET_PRECISION = 0.5
NEGATIVE_WEIGHT = 0.2  # weight of an STC3 no-type dialogue in the type model
VERSION = "complaint-stack-3"


def stc3_turns(dialogue: dict) -> list[tuple[Turn, list[str]]]:
    """(turn, its non-empty utterances) per STC3 turn; helpdesk is the agent."""
    out = []
    for t in dialogue["turns"]:
        utts = [u for u in t["utterances"] if u.strip()]
        if utts:
            out.append((Turn("customer" if t["sender"] == "customer" else "agent", "".join(utts), []), utts))
    return out


def customer_utterances(dialogue: dict) -> list[str]:
    return [u for turn, utts in stc3_turns(dialogue) if turn.speaker == "customer" for u in utts]


def bag_matrix(vec, bags: list[list[str]]):
    """TF-IDF rows of documents given as bags of utterances: n-gram counts are summed over
    the utterances, exactly as ComplaintRiskAnalyzer does at inference."""
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import CountVectorizer

    from qa_engine.analyzers._linear import tfidf_rows

    flat = [u for bag in bags for u in bag]
    owner = np.repeat(np.arange(len(bags)), [len(b) for b in bags])
    agg = csr_matrix((np.ones(len(flat)), (owner, np.arange(len(flat)))), shape=(len(bags), len(flat)))
    counter = CountVectorizer(analyzer="char", ngram_range=vec.ngram_range, lowercase=True,
                              vocabulary=vec.vocabulary_, dtype=np.float64)
    return tfidf_rows(agg @ counter.transform(flat), vec.idf_)


def _vectorizer():
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=2, sublinear_tf=True,
                           max_features=200_000, dtype=np.float32)


def fit_text_heads(bags: list[list[str]], s: np.ndarray):
    """Vectorizer + (LR ≤−1, LR ≤−0.5, ridge −S) on the customers' utterances."""
    from sklearn.linear_model import LogisticRegression, Ridge

    vec = _vectorizer().fit(["。".join(b) for b in bags])
    X = bag_matrix(vec, bags)
    heads = [LogisticRegression(C=4, max_iter=3000, random_state=SEED).fit(X, (s <= -1).astype(int)),
             LogisticRegression(C=4, max_iter=3000, random_state=SEED).fit(X, (s <= -0.5).astype(int)),
             Ridge(alpha=1.0).fit(X, -s)]
    return vec, heads


def head_scores(vec, heads, bags: list[list[str]]) -> np.ndarray:
    X = bag_matrix(vec, bags)
    # Classifier heads give margins, the ridge head its prediction of −mean_S.
    return np.column_stack([h.decision_function(X) if hasattr(h, "predict_proba") else h.predict(X)
                            for h in heads])


def oof_head_scores(texts: list[str], s: np.ndarray, folds: int = 5) -> np.ndarray:
    from sklearn.model_selection import KFold

    out = np.zeros((len(texts), len(TEXT_HEADS)))
    for a, b in KFold(folds, shuffle=True, random_state=SEED).split(texts):
        vec, heads = fit_text_heads([texts[i] for i in a], s[a])
        out[b] = head_scores(vec, heads, [texts[i] for i in b])
    return out


def dialogue_threats(turns) -> int:
    """Explicit threats in the customer's utterances (the detector the analyzer runs)."""
    from qa_engine.analyzers.escalation import scan_text

    return sum(h.threat for t, utts in turns if t.speaker == "customer" for u in utts for h in scan_text(u))


def build_features(dialogues, sentiment, scores: np.ndarray) -> np.ndarray:
    turns = [stc3_turns(d) for d in dialogues]
    flat = [u for ts in turns for _, utts in ts for u in utts]
    probs = dict(zip(flat, sentiment.predict_proba(flat), strict=True))
    # A turn is as negative as its most negative utterance (same rule at inference).
    neg = [[max(probs[u] for u in utts) for _, utts in ts] for ts in turns]
    return np.array([feature_vector([t for t, _ in ts], n, sc, threats=dialogue_threats(ts))
                     for ts, n, sc in zip(turns, neg, scores, strict=True)])


def fit_stacker(F: np.ndarray, y: np.ndarray):
    from sklearn.linear_model import LogisticRegression

    mean, scale = F.mean(0), F.std(0) + 1e-9
    lr = LogisticRegression(C=0.3, max_iter=5000, random_state=SEED).fit((F - mean) / scale, y)
    return mean, scale, lr.coef_[0], float(lr.intercept_[0])


def stack_margin(F, stacker) -> np.ndarray:
    mean, scale, coef, b = stacker
    return ((F - mean) / scale) @ coef + b


def fit_isotonic(margin: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.isotonic import IsotonicRegression

    iso = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(margin, y)
    return iso.X_thresholds_, iso.y_thresholds_


def apply_platt(margin, ab) -> np.ndarray:
    return np.clip(1 / (1 + np.exp(-(ab[0] * np.asarray(margin) + ab[1]))), 0.005, 0.995)


def apply_isotonic(margin, xy) -> np.ndarray:
    # Tiny ε keeps probabilities strictly inside (0, 1) so no call is "certain".
    return np.clip(np.interp(margin, xy[0], xy[1]), 0.005, 0.995)


def threshold_for_precision(p: np.ndarray, y: np.ndarray, target: float) -> float:
    """Lowest threshold whose precision on (p, y) reaches ``target`` (else the max p)."""
    for t in np.unique(p):
        sel = p >= t
        if sel.sum() >= 3 and y[sel].mean() >= target:
            return float(t)
    return float(p.max())


def precision_recall_at(p, y, t) -> dict:
    sel = p >= t
    return {"threshold": round(float(t), 4), "alerts": int(sel.sum()),
            "precision": round(float(y[sel].mean()), 4) if sel.any() else None,
            "recall": round(float(y[sel].sum() / max(1, y.sum())), 4)}


def train_risk(out: Path, eval_dir: Path, cv: bool = True) -> dict:
    from qa_engine.analyzers._linear import LinearTextModel, export_linear
    from qa_engine.models import model_path

    sentiment = LinearTextModel(model_path("sentiment", "default.npz", out))
    rows = load_stc3()
    part = {k: [d for d in rows if split_of(d["id"], salt="stc3") == k] for k in ("train", "valid", "test")}
    texts = {k: [customer_utterances(d) for d in v] for k, v in part.items()}
    S = {k: np.array([d["mean_S"] for d in v]) for k, v in part.items()}
    log.info("STC3 split sizes: %s", {k: len(v) for k, v in part.items()})

    oof = oof_head_scores(texts["train"], S["train"])
    vec, heads = fit_text_heads(texts["train"], S["train"])
    F = {"train": build_features(part["train"], sentiment, oof)}
    for k in ("valid", "test"):
        F[k] = build_features(part[k], sentiment, head_scores(vec, heads, texts[k]))

    coef = np.vstack([heads[0].coef_[0], heads[1].coef_[0], heads[2].coef_])
    intercept = [float(heads[0].intercept_[0]), float(heads[1].intercept_[0]), float(heads[2].intercept_)]
    export_linear(out / "complaint" / "text.npz", vocabulary=vec.vocabulary_, idf=vec.idf_, coef=coef,
                  intercept=intercept, ngram_range=(1, 3), heads=list(TEXT_HEADS))
    # The exported model must reproduce sklearn's scores (pickle-free round trip).
    exported = LinearTextModel(out / "complaint" / "text.npz")
    check = exported.margins_from_counts(exported.counts(["".join(b) for b in texts["test"][:50]]))
    assert np.allclose(check, head_scores(vec, heads, [["".join(b)] for b in texts["test"][:50]]), atol=1e-3)

    report: dict = {"split": {k: len(v) for k, v in part.items()}}
    arrays: dict[str, np.ndarray] = {"feature_names": np.array(FEATURE_NAMES)}
    test_probs = {}
    for label, cut in (("dissatisfied_1", -1.0), ("dissatisfied_05", -0.5)):
        y = {k: (S[k] <= cut).astype(int) for k in S}
        stacker = fit_stacker(F["train"], y["train"])
        # Calibrate on every held-out margin we have: out-of-fold stacker margins on the
        # training part plus the calibration split (≈2,100 dialogues, not 400). Platt
        # scaling is shipped: isotonic gave ~27 distinct probabilities over 339 calls.
        pool_m, pool_y = _calibration_pool(F["train"], y["train"], stack_margin(F["valid"], stacker), y["valid"])
        iso = fit_isotonic(pool_m, pool_y)
        platt = platt_fit(pool_m, pool_y)
        m_test = stack_margin(F["test"], stacker)
        p_test = apply_platt(m_test, platt)
        test_probs[label] = (y["test"], p_test)
        for name, arr in zip(("mean", "scale", "coef"), stacker[:3], strict=True):
            arrays[f"{label}_{name}"] = arr
        arrays[f"{label}_intercept"] = np.float64(stacker[3])
        arrays[f"{label}_platt"] = np.array(platt, dtype=np.float64)
        # Baseline: plain char TF-IDF + LR on the customer's text, Platt on the same split.
        from sklearn.linear_model import LogisticRegression

        joined = {k: ["。".join(b) for b in v] for k, v in texts.items()}
        bvec = _vectorizer()
        blr = LogisticRegression(C=4, max_iter=3000).fit(bvec.fit_transform(joined["train"]), y["train"])
        ab = platt_fit(blr.decision_function(bvec.transform(joined["valid"])), y["valid"])
        pb = 1 / (1 + np.exp(-(ab[0] * blr.decision_function(bvec.transform(joined["test"])) + ab[1])))
        p_pool = apply_platt(pool_m, platt)
        report[label] = {
            "threshold_mean_S": cut,
            "calibration_pool": int(len(pool_y)),
            "stacked": binary_report(y["test"], p_test),
            "stacked_isotonic_instead": binary_report(y["test"], apply_isotonic(m_test, iso)),
            "distinct_probabilities_test": {"platt": int(len(np.unique(np.round(p_test, 6)))),
                                            "isotonic": int(len(np.unique(apply_isotonic(m_test, iso))))},
            "baseline_tfidf_lr": binary_report(y["test"], pb),
            "text_head_only": binary_report(
                y["test"], 1 / (1 + np.exp(-F["test"][:, FEATURE_NAMES.index(f"text_{label}")]))),
            "reliability_test": reliability(y["test"], p_test),
        }
        if label == "dissatisfied_1":
            t = threshold_for_precision(p_pool, pool_y, TARGET_PRECISION)
            report["alert"] = {"target_precision": TARGET_PRECISION, "threshold": round(t, 4),
                               "calibration_pool": precision_recall_at(p_pool, pool_y, t),
                               "test": precision_recall_at(p_test, y["test"], t)}
        log.info("%s: stacked %s | baseline %s", label, report[label]["stacked"], report[label]["baseline_tfidf_lr"])
    if cv:
        report["cv5_train_valid"] = cross_validate(part["train"] + part["valid"], sentiment)
        log.info("cv5: %s", report["cv5_train_valid"])
    np.savez_compressed(out / "complaint" / "stacker.npz", **arrays)
    plot_reliability(test_probs, eval_dir / "complaint_reliability.png")
    return report


def _calibration_pool(F_train, y_train, m_valid, y_valid, folds: int = 5):
    from sklearn.model_selection import StratifiedKFold

    oof = np.zeros(len(y_train))
    for a, b in StratifiedKFold(folds, shuffle=True, random_state=SEED).split(F_train, y_train):
        oof[b] = stack_margin(F_train[b], fit_stacker(F_train[a], y_train[a]))
    return np.concatenate([oof, m_valid]), np.concatenate([y_train, y_valid])


def cross_validate(dialogues, sentiment, folds: int = 5) -> dict:
    """5-fold CV ROC-AUC of the whole recipe (no calibration needed for AUC)."""
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import KFold

    texts = [customer_utterances(d) for d in dialogues]
    s = np.array([d["mean_S"] for d in dialogues])
    out = {"dissatisfied_1": np.zeros(len(s)), "dissatisfied_05": np.zeros(len(s)), "baseline_1": np.zeros(len(s))}
    for a, b in KFold(folds, shuffle=True, random_state=SEED + 1).split(texts):
        ta, tb = [texts[i] for i in a], [texts[i] for i in b]
        Fa = build_features([dialogues[i] for i in a], sentiment, oof_head_scores(ta, s[a]))
        vec, heads = fit_text_heads(ta, s[a])
        sb = head_scores(vec, heads, tb)
        Fb = build_features([dialogues[i] for i in b], sentiment, sb)
        for label, cut in (("dissatisfied_1", -1.0), ("dissatisfied_05", -0.5)):
            out[label][b] = stack_margin(Fb, fit_stacker(Fa, (s[a] <= cut).astype(int)))
        out["baseline_1"][b] = sb[:, 0]
    return {"n": len(s),
            "stacked_auc_1": round(float(roc_auc_score(s <= -1, out["dissatisfied_1"])), 4),
            "stacked_auc_05": round(float(roc_auc_score(s <= -0.5, out["dissatisfied_05"])), 4),
            "baseline_auc_1": round(float(roc_auc_score(s <= -1, out["baseline_1"])), 4)}


def plot_reliability(test_probs: dict, path: Path) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        log.warning("matplotlib not installed; reliability plot skipped")
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fig, ax = plt.subplots(figsize=(5, 5))
    ax.plot([0, 1], [0, 1], "k--", lw=1, label="perfect")
    for label, (y, p) in test_probs.items():
        bins = reliability(y, p, bins=10)
        ax.plot([b["mean_p"] for b in bins], [b["observed"] for b in bins], "o-",
                label=f"P(mean_S ≤ {'-1' if label.endswith('_1') else '-0.5'}) (n={len(y)})")
    ax.set_xlabel("predicted probability")
    ax.set_ylabel("observed frequency")
    ax.set_title("Complaint risk calibration, STC3 test split")
    ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


# -- complaint types (MUSIED) ----------------------------------------------------------------

TYPE_MIN_DOCS = 10  # training documents a type needs; rarer types are reported, never predicted
PHONE = "Phone Conversations"
THRESHOLD_GRID = np.round(np.arange(0.05, 0.976, 0.025), 3)


def musied_lines(doc: dict) -> list[str]:
    """The document's lines without their 用户:/客服: role prefix (a bag of utterances)."""
    lines = [line.split(":", 1)[1] if line[:3] in ("用户:", "客服:") else line for line in doc["content"]]
    return [line for line in lines if line.strip()] or [""]


def musied_utterances(doc: dict) -> list[str]:
    """Every line without its role prefix, index-aligned with the events' ``sent_id``."""
    return [line.split(":", 1)[1] if line[:3] in ("用户:", "客服:") else line for line in doc["content"]]


def doc_types(docs: list[dict], types: list[str]) -> np.ndarray:
    return np.array([[int(any(e["type"] == t for e in d["events"])) for t in types] for d in docs])


def utterance_targets(doc: dict, types: list[str]) -> np.ndarray:
    """Per line, which types have an event trigger in it (how MUSIED annotates)."""
    y = np.zeros((len(doc["content"]), len(types)), dtype=int)
    for e in doc["events"]:
        if e["type"] in types and 0 <= e["sent_id"] < len(y):
            y[e["sent_id"], types.index(e["type"])] = 1
    return y


class UtteranceTypes:
    """One-vs-rest char TF-IDF + LR per type on single utterances; a document scores each
    type as its highest-scoring utterance (exactly what ComplaintRiskAnalyzer computes)."""

    def __init__(self, types: list[str]) -> None:
        self.types = types

    def fit(self, docs: list[dict], negatives: list[str]):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        texts = [u for d in docs for u in musied_utterances(d)] + negatives
        y = np.vstack([utterance_targets(d, self.types) for d in docs]
                      + [np.zeros((len(negatives), len(self.types)), dtype=int)])
        self.vec_ = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=2, sublinear_tf=True,
                                    max_features=100_000, dtype=np.float32).fit(texts)
        X = self.vec_.transform(texts)
        self.clfs_ = [LogisticRegression(C=4, max_iter=2000, class_weight="balanced", solver="liblinear")
                      .fit(X, y[:, j]) for j in range(len(self.types))]
        return self

    def predict_proba(self, bags: list[list[str]]) -> np.ndarray:
        """Documents (bags of utterances) × types: max over utterances of P(type)."""
        flat = [u for b in bags for u in b]
        X = self.vec_.transform(flat)
        margin = np.column_stack([c.decision_function(X) for c in self.clfs_])
        starts = np.cumsum([0] + [len(b) for b in bags[:-1]])
        return 1 / (1 + np.exp(-np.maximum.reduceat(margin, starts, axis=0)))


MIN_TUNING_POSITIVES = 5  # fewer positive calls than this cannot choose a threshold


def tune_thresholds(y: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Per type, the grid threshold with the best F1 on (y, p). A type with fewer than
    ``MIN_TUNING_POSITIVES`` positive calls keeps 0.5 (the models are class-balanced, so
    0.5 is their natural cut): a threshold tuned on 2–4 calls is noise."""
    from sklearn.metrics import f1_score

    out = []
    for j in range(y.shape[1]):
        if y[:, j].sum() < MIN_TUNING_POSITIVES:
            out.append(0.5)
            continue
        f1 = [f1_score(y[:, j], p[:, j] >= g, zero_division=0) for g in THRESHOLD_GRID]
        out.append(float(THRESHOLD_GRID[int(np.argmax(f1))]))
    return np.array(out)


def type_scores(docs: list[dict], pred: np.ndarray, types: list[str], among: list[str]) -> dict:
    """Micro/macro-F1 of ``pred`` (docs × ``types``) over the types ``among``. A type in
    ``among`` the model does not predict counts as never predicted: leaving it out would
    flatter the macro average."""
    from sklearn.metrics import f1_score

    y = doc_types(docs, among)
    pp = np.column_stack([pred[:, types.index(t)] if t in types else np.zeros(len(docs), dtype=bool)
                          for t in among])
    return {"types": among,
            "micro_f1": round(float(f1_score(y, pp, average="micro", zero_division=0)), 4),
            "macro_f1": round(float(f1_score(y, pp, average="macro", zero_division=0)), 4),
            "per_type": {t: {"f1": round(float(f1_score(y[:, k], pp[:, k], zero_division=0)), 3),
                             "support": int(y[:, k].sum()), "predicted": int(pp[:, k].sum())}
                         for k, t in enumerate(among)},
            "calls_with_no_type_predicted": int((~pp.any(axis=1)).sum())}


def phone_split(doc: dict) -> str:
    """Held-out phone calls for the type model: 30 % by id hash."""
    return split_of(str(doc["id"]), salt="musied-types", test=0.3, valid=0.0)


def train_types(out: Path) -> dict:
    """Per-utterance type models trained on MUSIED phone calls (70 %), chats and reviews, with
    STC3 helpdesk utterances as no-type negatives; per-type thresholds tuned on out-of-fold
    phone calls; reported on the held-out 30 % of phone calls beside the previous recipe."""
    from sklearn.model_selection import KFold

    from qa_engine.analyzers._linear import export_linear

    docs = load_musied()
    phone = [d for d in docs if d["domain"] == PHONE]
    test = [d for d in phone if phone_split(d) == "test"]
    phone_train = [d for d in phone if phone_split(d) != "test"]
    others = [d for d in docs if d["domain"] != PHONE]
    train = phone_train + others
    counts: dict[str, int] = {}
    for d in train:
        for t in {e["type"] for e in d["events"]}:
            counts[t] = counts.get(t, 0) + 1
    types = sorted(t for t, c in counts.items() if c >= TYPE_MIN_DOCS)
    too_few = {t: c for t, c in sorted(counts.items(), key=lambda kv: -kv[1]) if c < TYPE_MIN_DOCS}
    phone_counts = {t: int(sum(any(e["type"] == t for e in d["events"]) for d in phone))
                    for t in {e["type"] for d in phone for e in d["events"]}}
    # Evaluated like the issue that asked for this model: types with ≥ 5 of the 339 calls.
    eval_types = sorted(t for t, c in phone_counts.items() if c >= 5)
    stc3 = load_stc3()
    negatives = [u for d in stc3 if split_of(d["id"], salt="stc3") != "test" for _, utts in stc3_turns(d) for u in utts]
    stc3_test = [[u for _, utts in stc3_turns(d) for u in utts] for d in stc3 if split_of(d["id"], salt="stc3") == "test"]
    log.info("types: %d train docs (%d phone), %d held-out phone calls, types %s, too few %s",
             len(train), len(phone_train), len(test), types, too_few)

    # Thresholds: out-of-fold scores on the training phone calls (each fold's model sees the
    # other phone folds, all chats and reviews); the held-out calls are never looked at.
    oof = np.zeros((len(phone_train), len(types)))
    for a, b in KFold(5, shuffle=True, random_state=SEED).split(phone_train):
        fold = UtteranceTypes(types).fit([phone_train[i] for i in a] + others, negatives)
        oof[b] = fold.predict_proba([musied_utterances(phone_train[i]) for i in b])
    thresholds = tune_thresholds(doc_types(phone_train, types), oof)
    model = UtteranceTypes(types).fit(train, negatives)
    p_test = model.predict_proba([musied_utterances(d) for d in test])
    new = type_scores(test, p_test >= thresholds, types, eval_types)
    baseline = _baseline_types(train, test, stc3, eval_types)
    report = {
        "model": "per-utterance char TF-IDF + LR per type, max over the call's utterances",
        "types": types, "thresholds": dict(zip(types, [float(t) for t in thresholds], strict=True)),
        "too_few_examples": {"min_training_documents": TYPE_MIN_DOCS, "types": too_few},
        "split": {"phone_train": len(phone_train), "phone_test": len(test), "chats_and_reviews": len(others),
                  "stc3_negative_utterances": len(negatives)},
        "phone_test": new, "phone_test_baseline_previous_recipe": baseline,
        "phone_oof_train": type_scores(phone_train, oof >= thresholds, types, eval_types),
        "stc3_test_any_type_rate": round(float((model.predict_proba(stc3_test) >= thresholds).any(axis=1).mean()), 4),
    }
    log.info("types on held-out phone calls: micro-F1 %s macro-F1 %s (previous recipe %s / %s)",
             new["micro_f1"], new["macro_f1"], baseline["micro_f1"], baseline["macro_f1"])
    # The shipped weights are the evaluated ones (trained without the held-out calls), so
    # eval/ can re-measure them on that split.
    export_linear(out / "complaint" / "types.npz", vocabulary=model.vec_.vocabulary_, idf=model.vec_.idf_,
                  coef=np.vstack([c.coef_[0] for c in model.clfs_]),
                  intercept=[float(c.intercept_[0]) for c in model.clfs_], ngram_range=(1, 3), heads=types)
    return report


def _baseline_types(train, test, stc3, eval_types) -> dict:
    """The previous recipe, retrained on the same documents: one bag-of-lines TF-IDF + LR per
    type (≥ 15 documents), STC3 dialogues as negatives at weight 0.2, one global threshold 0.30."""
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for d in train:
        for t in {e["type"] for e in d["events"]}:
            counts[t] = counts.get(t, 0) + 1
    types = sorted(t for t, c in counts.items() if c >= 15)
    neg = [[u for _, utts in stc3_turns(d) for u in utts] for d in stc3 if split_of(d["id"], salt="stc3") != "test"]
    bags = [musied_lines(d) for d in train] + neg
    y = np.vstack([doc_types(train, types), np.zeros((len(neg), len(types)), dtype=int)])
    w = np.concatenate([np.ones(len(train)), np.full(len(neg), 0.2)])
    vec = _vectorizer().fit(["。".join(b) for b in bags])
    X = bag_matrix(vec, bags)
    Xt = bag_matrix(vec, [musied_lines(d) for d in test])
    p = np.column_stack([LogisticRegression(C=8, max_iter=3000, class_weight="balanced", random_state=SEED)
                         .fit(X, y[:, j], sample_weight=w).predict_proba(Xt)[:, 1] for j in range(len(types))])
    return type_scores(test, p >= 0.30, types, eval_types)


def threat_probability() -> dict:
    """How often a call the detector flags holds a real explicit threat: the call-level
    precision of ``escalation.v1`` on the **dev** split of the hand-labelled MUSIED calls
    (``eval/labels/complaint_threats_musied.jsonl``), recorded for the alert's reader."""
    from qa_engine.analyzers.escalation import scan_text

    path = Path(__file__).resolve().parents[1] / "eval" / "labels" / "complaint_threats_musied.jsonl"
    labels = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = {str(d["id"]): d for d in load_musied() if d["domain"] == PHONE}
    flagged = [r["threat"] for r in labels if r["split"] == "dev" and any(
        h.threat for i, line in enumerate(docs[r["id"]]["content"]) if line.startswith("用户:")
        for h in scan_text(line.split(":", 1)[1], i))]
    return {"probability": round(sum(flagged) / max(1, len(flagged)), 3), "flagged_dev_calls": len(flagged),
            "source": "escalation.v1 call-level precision on the dev split of "
                      "eval/labels/complaint_threats_musied.jsonl"}


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="models", help="models directory (must hold sentiment/)")
    ap.add_argument("--eval-dir", default="eval", help="where the reliability plot and report go")
    ap.add_argument("--only", choices=("risk", "types"), default=None,
                    help="rebuild one part and keep the other's artifacts and metadata")
    ap.add_argument("--no-cv", action="store_true", help="skip the 5-fold cross-validation report of the risk recipe")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    random.seed(SEED)
    np.random.seed(SEED)
    out, eval_dir = Path(args.out), Path(args.eval_dir)
    (out / "complaint").mkdir(parents=True, exist_ok=True)
    old_path = out / "complaint" / "metadata.json"
    old = json.loads(old_path.read_text(encoding="utf-8")) if args.only and old_path.exists() else {}
    t0 = time.time()
    risk = train_risk(out, eval_dir, cv=not args.no_cv) if args.only != "types" else None
    types = train_types(out) if args.only != "risk" else None
    sentiment_meta = json.loads((out / "sentiment" / "metadata.json").read_text(encoding="utf-8"))
    meta = {
        "name": "complaint", "version": VERSION, "seed": SEED,
        "sentiment_model": f"{sentiment_meta['version']}/default",
        "probability": "calibrated P(mean_S <= -1) (STC3 customer dissatisfaction); an explicit "
                       "threat alerts through AlertPolicy whatever the probability",
        "feature_names": list(FEATURE_NAMES), "text_heads": list(TEXT_HEADS),
        "alert": risk["alert"] if risk else old["alert"],
        "risk_metrics": {k: v for k, v in risk.items() if k != "alert"} if risk else old["risk_metrics"],
        "threat": threat_probability(),
        "types": ({"thresholds": types["thresholds"], "labels": types["types"],
                   "aggregation": "max over the call's utterances", "metrics": types} if types else old["types"]),
        "train_seconds": round(time.time() - t0, 1),
    }
    (out / "complaint" / "metadata.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    eval_dir.mkdir(parents=True, exist_ok=True)
    (eval_dir / "complaint_report.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    return meta


if __name__ == "__main__":
    main()
