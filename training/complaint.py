"""Train complaint risk (STC3) and complaint types (MUSIED) → ``models/complaint/``.

    python -m training.complaint [--out models] [--eval-dir eval] [--only risk|types|threats] [--no-cv]

Risk: STC3 dialogues split by id hash; the model is fitted on train + valid (2,095) and
reported once on the test split (380). Labels: dissatisfied = ``mean_S <= -1`` (the shipped
probability) and ``mean_S <= -0.5``. A char 1–3-gram TF-IDF feeds four heads over all the
customer's utterances (LR for each label, ridge on −mean_S, ridge on the share of annotators
with S ≤ −1) and two over the customer's last turn (LR ≤ −1, ridge on that share); their
out-of-fold scores join the sentiment trajectory, cue lexicons, per-turn rates, explicit
threats (``escalation.v1``), repeats, the call's close and the dialogue shape in a
standardised logistic-regression stacker per label, calibrated by Platt scaling on its
out-of-fold margins. Baseline: plain char TF-IDF + LR on the customer's text. The recipe was
chosen by repeated CV on train + valid (``eval/complaint_cv.py``); ``--no-cv`` skips the one
repeat stored in metadata. Needs ``models/sentiment/default.npz`` (run training.sentiment first).

Threats (``--only threats``, also part of a full run): the learned second opinion on the escalation
rules' threat candidates, ``models/escalation/opinion.npz`` (``training/complaint_threat_opinion.py``).

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
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from qa_engine.analyzers._complaint_features import (FEATURE_NAMES, LAST_HEADS, TEXT_HEADS, Turn, feature_vector,
                                                     turns_from_pairs)
from training.data import load_musied, load_stc3, split_of
from training.metrics import binary_report, platt_fit, reliability

log = logging.getLogger("training.complaint")
SEED = 0
MIN_TYPE_DOCS = 15
# Probability-only alerts interrupt a supervisor; an explicit threat alerts by itself (AlertPolicy),
# so this path is held to 0.7 (0.5 → 0.6: eval/alert_threshold_protocol.md; 0.6 → 0.7:
# eval/alert_threshold_07_protocol.md, both decided on blind short calls written afterwards).
TARGET_PRECISION = 0.7
NEGATIVE_WEIGHT = 0.2  # weight of an STC3 no-type dialogue in the type model
VERSION = "complaint-stack-4"


def stc3_turns(dialogue: dict) -> list[tuple[Turn, list[str]]]:
    """(turn, its non-empty utterances) per speaker turn of an STC3 dialogue; helpdesk is the agent.

    Turns are what ``ComplaintRiskAnalyzer`` reads (``turns_from_pairs``: consecutive non-blank utterances of one
    speaker joined): a thread turn made only of blank utterances drops out and the turns of the other side around it
    become one (customer · blank reply · customer is one customer turn, as on the conversation eval builds)."""
    flat = [("customer" if t["sender"] == "customer" else "agent", u) for t in dialogue["turns"] for u in t["utterances"]]
    turns = turns_from_pairs([(speaker, u, k) for k, (speaker, u) in enumerate(flat)])
    return [(turn, [flat[k][1] for k in turn.utterances]) for turn in turns]


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


def soft_label(dialogue: dict) -> float:
    """Share of the 19 annotators who gave S ≤ −1: a graded target that keeps what the
    hard cut on mean_S throws away (a ridge on it is the best single text head in CV)."""
    votes = [a["quality"]["S"] for a in dialogue["annotations"]]
    return float(np.mean([v <= -1 for v in votes]))


def last_customer_turn(dialogue: dict) -> list[str]:
    """Utterances of the customer's last turn (what ComplaintRiskAnalyzer reads for LAST_HEADS)."""
    last = [utts for turn, utts in stc3_turns(dialogue) if turn.speaker == "customer"]
    return last[-1] if last else [""]


@dataclass
class TextData:
    """What the text heads learn from: bags of the customer's utterances, of the last
    customer turn's utterances, mean_S and the soft label."""

    bags: list[list[str]]
    last: list[list[str]]
    s: np.ndarray
    soft: np.ndarray

    @classmethod
    def of(cls, dialogues: list[dict]) -> TextData:
        return cls([customer_utterances(d) for d in dialogues], [last_customer_turn(d) for d in dialogues],
                   np.array([d["mean_S"] for d in dialogues]), np.array([soft_label(d) for d in dialogues]))

    def take(self, idx) -> TextData:
        return TextData([self.bags[i] for i in idx], [self.last[i] for i in idx], self.s[idx], self.soft[idx])


def fit_text_heads(data: TextData):
    """Vectorizer + the TEXT_HEADS (LR ≤−1, LR ≤−0.5, ridge −S, ridge on the soft label) on all
    the customer's words and the LAST_HEADS (LR ≤−1, ridge soft) on the last customer turn."""
    from sklearn.linear_model import LogisticRegression, Ridge

    vec = _vectorizer().fit(["。".join(b) for b in data.bags])
    X, XL = bag_matrix(vec, data.bags), bag_matrix(vec, data.last)
    y1, y05 = (data.s <= -1).astype(int), (data.s <= -0.5).astype(int)
    heads = [LogisticRegression(C=4, max_iter=3000, random_state=SEED).fit(X, y1),
             LogisticRegression(C=4, max_iter=3000, random_state=SEED).fit(X, y05),
             Ridge(alpha=1.0).fit(X, -data.s),
             Ridge(alpha=1.0).fit(X, data.soft),
             LogisticRegression(C=4, max_iter=3000, random_state=SEED).fit(XL, y1),
             Ridge(alpha=1.0).fit(XL, data.soft)]
    return vec, heads


def _head_margin(head, X) -> np.ndarray:
    # Classifier heads give margins, ridge heads their prediction.
    return head.decision_function(X) if hasattr(head, "predict_proba") else head.predict(X)


def head_scores(vec, heads, data: TextData) -> np.ndarray:
    X, XL = bag_matrix(vec, data.bags), bag_matrix(vec, data.last)
    n = len(TEXT_HEADS)
    return np.column_stack([_head_margin(h, X) for h in heads[:n]] + [_head_margin(h, XL) for h in heads[n:]])


def oof_head_scores(data: TextData, folds: int = 5) -> np.ndarray:
    from sklearn.model_selection import KFold

    out = np.zeros((len(data.s), len(TEXT_HEADS) + len(LAST_HEADS)))
    for a, b in KFold(folds, shuffle=True, random_state=SEED).split(data.bags):
        vec, heads = fit_text_heads(data.take(a))
        out[b] = head_scores(vec, heads, data.take(b))
    return out


def dialogue_threats(dialogue: dict) -> int:
    """Explicit threats in an STC3 dialogue, counted exactly as ``ComplaintRiskAnalyzer`` counts them
    (``call_threats``: the rules in the conversation's context, then the learned second opinion) on
    the conversation eval builds from the dialogue (``stc3_conversation``)."""
    from qa_engine.analyzers._complaint_features import call_threats
    from qa_engine.conversation import Conversation
    from training.complaint_phone import stc3_conversation

    return len(call_threats(Conversation.model_validate(stc3_conversation(dialogue))))


def build_features(dialogues, sentiment, scores: np.ndarray) -> np.ndarray:
    turns = [stc3_turns(d) for d in dialogues]
    flat = [u for ts in turns for _, utts in ts for u in utts]
    probs = dict(zip(flat, sentiment.predict_proba(flat), strict=True))
    # A turn is as negative as its most negative utterance (same rule at inference).
    neg = [[max(probs[u] for u in utts) for _, utts in ts] for ts in turns]
    return np.array([feature_vector([t for t, _ in ts], n, sc, threats=dialogue_threats(d))
                     for d, ts, n, sc in zip(dialogues, turns, neg, scores, strict=True)])


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
    from qa_engine.analyzers.complaint import P_CEIL, P_FLOOR

    return np.clip(1 / (1 + np.exp(-(ab[0] * np.asarray(margin) + ab[1]))), P_FLOOR, P_CEIL)


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


def alert_section(p_pool, pool_y, p_test, y_test) -> dict:
    """The alert threshold for TARGET_PRECISION on the calibration pool, with its figures there
    and on the STC3 test split (probability alone)."""
    t = threshold_for_precision(p_pool, pool_y, TARGET_PRECISION)
    return {"target_precision": TARGET_PRECISION, "threshold": round(t, 4),
            "calibration_pool": precision_recall_at(p_pool, pool_y, t),
            "test": precision_recall_at(p_test, y_test, t)}


def calibration_pool_probabilities(out: Path) -> tuple[np.ndarray, np.ndarray]:
    """The pool the alert threshold is chosen on, rebuilt as ``train_risk`` builds it: Platt-mapped
    out-of-fold stacker margins over STC3 train + valid, and whether mean_S ≤ −1."""
    from qa_engine.analyzers._linear import LinearTextModel
    from qa_engine.models import model_path

    sentiment = LinearTextModel(model_path("sentiment", "default.npz", out))
    fit = [d for d in load_stc3() if split_of(d["id"], salt="stc3") != "test"]
    data = TextData.of(fit)
    pool_m, pool_y = _calibration_pool(build_features(fit, sentiment, oof_head_scores(data)), (data.s <= -1).astype(int))
    return apply_platt(pool_m, platt_fit(pool_m, pool_y)), pool_y


def recompute_alert(out: Path) -> dict:
    """Only the alert section, for the shipped risk model: the calibration pool as ``train_risk``
    builds it, the test figures from the shipped analyzer's probabilities on the STC3 test dialogues."""
    from qa_engine.analyzers.complaint import ComplaintRiskAnalyzer
    from qa_engine.conversation import Conversation
    from training.complaint_phone import stc3_test_calls

    p_pool, pool_y = calibration_pool_probabilities(out)
    calls, mean_s = stc3_test_calls()
    convs = [Conversation(**c) for c in calls]
    found = ComplaintRiskAnalyzer(models_dir=out).analyze_batch(convs)
    p_test = np.array([f.items["risk"].probability for f in found])
    return alert_section(p_pool, pool_y, p_test, (mean_s <= -1).astype(int))


def train_risk(out: Path, eval_dir: Path, cv: bool = True) -> dict:
    """Fit on STC3 train + valid (2,095 dialogues), calibrate on its out-of-fold margins, report
    on the test split (380) beside the plain baseline; export text.npz and stacker.npz."""
    from sklearn.linear_model import LogisticRegression

    from qa_engine.analyzers._linear import LinearTextModel, export_linear
    from qa_engine.models import model_path

    sentiment = LinearTextModel(model_path("sentiment", "default.npz", out))
    rows = load_stc3()
    part = {"fit": [d for d in rows if split_of(d["id"], salt="stc3") != "test"],
            "test": [d for d in rows if split_of(d["id"], salt="stc3") == "test"]}
    data = {k: TextData.of(v) for k, v in part.items()}
    S = {k: v.s for k, v in data.items()}
    log.info("STC3 split sizes: %s", {k: len(v) for k, v in part.items()})

    oof = oof_head_scores(data["fit"])
    vec, heads = fit_text_heads(data["fit"])
    F = {"fit": build_features(part["fit"], sentiment, oof),
         "test": build_features(part["test"], sentiment, head_scores(vec, heads, data["test"]))}

    coef = np.vstack([h.coef_.ravel() for h in heads])
    intercept = [float(np.ravel(h.intercept_)[0]) for h in heads]
    export_linear(out / "complaint" / "text.npz", vocabulary=vec.vocabulary_, idf=vec.idf_, coef=coef,
                  intercept=intercept, ngram_range=(1, 3), heads=[*TEXT_HEADS, *LAST_HEADS])
    # The exported model must reproduce sklearn's scores (pickle-free round trip).
    exported = LinearTextModel(out / "complaint" / "text.npz")
    sample = data["test"].take(np.arange(50))
    check = exported.margins_from_counts(exported.counts(["".join(b) for b in sample.bags]))
    single = TextData([["".join(b)] for b in sample.bags], [["".join(b)] for b in sample.bags], sample.s, sample.soft)
    assert np.allclose(check, head_scores(vec, heads, single), atol=1e-3)

    report: dict = {"split": {"train_and_valid": len(part["fit"]), "test": len(part["test"])}}
    arrays: dict[str, np.ndarray] = {"feature_names": np.array(FEATURE_NAMES)}
    test_probs = {}
    for label, cut in (("dissatisfied_1", -1.0), ("dissatisfied_05", -0.5)):
        y = {k: (S[k] <= cut).astype(int) for k in S}
        stacker = fit_stacker(F["fit"], y["fit"])
        # Calibrate on out-of-fold stacker margins over all 2,095 fitting dialogues. Platt
        # scaling is shipped: isotonic gave ~27 distinct probabilities over 339 calls.
        pool_m, pool_y = _calibration_pool(F["fit"], y["fit"])
        iso = fit_isotonic(pool_m, pool_y)
        platt = platt_fit(pool_m, pool_y)
        m_test = stack_margin(F["test"], stacker)
        p_test = apply_platt(m_test, platt)
        test_probs[label] = (y["test"], p_test)
        for name, arr in zip(("mean", "scale", "coef"), stacker[:3], strict=True):
            arrays[f"{label}_{name}"] = arr
        arrays[f"{label}_intercept"] = np.float64(stacker[3])
        arrays[f"{label}_platt"] = np.array(platt, dtype=np.float64)
        # Baseline: plain char TF-IDF + LR on the customer's text, Platt on its out-of-fold margins.
        joined = {k: ["。".join(b) for b in v.bags] for k, v in data.items()}
        bvec = _vectorizer()
        blr = LogisticRegression(C=4, max_iter=3000).fit(bvec.fit_transform(joined["fit"]), y["fit"])
        ab = platt_fit(oof[:, 0] if label == "dissatisfied_1" else oof[:, 1], y["fit"])
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
            # The previous recipe (complaint-stack-3's features) refitted on the same dialogues.
            "stack3_recipe_same_split": binary_report(y["test"], apply_platt(*_stack3_margins(F, y))),
            "text_head_only": binary_report(
                y["test"], 1 / (1 + np.exp(-F["test"][:, FEATURE_NAMES.index(f"text_{label}")]))),
            "reliability_test": reliability(y["test"], p_test),
        }
        if label == "dissatisfied_1":
            report["alert"] = alert_section(p_pool, pool_y, p_test, y["test"])
        log.info("%s: stacked %s | baseline %s", label, report[label]["stacked"], report[label]["baseline_tfidf_lr"])
    if cv:
        from training.complaint_cv import repeated_cv

        report["cv_train_valid"] = repeated_cv(part["fit"], sentiment, repeats=1)
        log.info("cv: %s", report["cv_train_valid"])
    np.savez_compressed(out / "complaint" / "stacker.npz", **arrays)
    plot_reliability(test_probs, eval_dir / "complaint_reliability.png")
    return report


def _stack3_margins(F: dict, y: dict):
    """Test margins and Platt map of complaint-stack-3's feature set, refitted like stack-4."""
    from training.complaint_cv import STACK3_FEATURES

    cols = [FEATURE_NAMES.index(n) for n in STACK3_FEATURES]
    pool_m, pool_y = _calibration_pool(F["fit"][:, cols], y["fit"])
    return stack_margin(F["test"][:, cols], fit_stacker(F["fit"][:, cols], y["fit"])), platt_fit(pool_m, pool_y)


def _calibration_pool(F, y, folds: int = 5):
    """Out-of-fold stacker margins (the features' text scores are out-of-fold already)."""
    from sklearn.model_selection import StratifiedKFold

    oof = np.zeros(len(y))
    for a, b in StratifiedKFold(folds, shuffle=True, random_state=SEED).split(F, y):
        oof[b] = stack_margin(F[b], fit_stacker(F[a], y[a]))
    return oof, y


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


def fit_phone_calibration(out: Path) -> dict:
    """Platt map from the stacker margin (mean_S ≤ −1) to P(complaint call), fitted on the dev
    phone calls of ``training.complaint_phone`` (MUSIED complaint calls vs calm calls); the
    test calls are left to ``eval/complaint_calls.py``. A monotone map: rankings are unchanged."""
    from qa_engine.analyzers.complaint import ComplaintRiskAnalyzer
    from qa_engine.conversation import Conversation
    from training.complaint_phone import phone_calls

    convs, y, group = phone_calls("dev")
    analyzer = ComplaintRiskAnalyzer(models_dir=out)
    margins = np.array([f.items["risk"].detail["stacker_margin"]
                        for f in analyzer.analyze_batch([Conversation.model_validate(c) for c in convs])])
    a, b = platt_fit(margins, np.array(y))
    p = apply_platt(margins, (a, b))
    log.info("phone calibration on %d dev calls (%d complaints): a=%.3f b=%.3f", len(y), sum(y), a, b)
    return {"platt": [round(a, 6), round(b, 6)], "dev_calls": len(y), "dev_complaint_calls": int(sum(y)),
            "dev_report": binary_report(np.array(y), p),
            "what": "P(complaint call) on phone calls where complaints are as common as in the dev mix "
                    f"({sum(y)} of {len(y)}); see models/complaint/MODEL_CARD.md"}


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
    ap.add_argument("--only", choices=("risk", "types", "threats", "alert"), default=None,
                    help="rebuild one part and keep the others' artifacts and metadata (threats: the learned "
                         "second opinion on threat candidates, models/escalation/opinion.npz; alert: only "
                         "the alert threshold of the shipped risk model)")
    ap.add_argument("--no-cv", action="store_true", help="skip the 5-fold cross-validation report of the risk recipe (baseline, stack-3, stack-4)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    random.seed(SEED)
    np.random.seed(SEED)
    out, eval_dir = Path(args.out), Path(args.eval_dir)
    if args.only in (None, "threats"):
        from training.complaint_threat_opinion import train as train_threat_opinion

        threats = train_threat_opinion(out)
        log.info("threat second opinion: %s", threats)
        if args.only == "threats":
            return {"threat_opinion": threats}
    (out / "complaint").mkdir(parents=True, exist_ok=True)
    old_path = out / "complaint" / "metadata.json"
    if args.only == "alert":
        meta = json.loads(old_path.read_text(encoding="utf-8"))
        meta["alert"] = recompute_alert(out)
        log.info("alert: %s", meta["alert"])
        old_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
        report_path = eval_dir / "complaint_report.json"
        if report_path.exists():
            report = json.loads(report_path.read_text(encoding="utf-8"))
            report["alert"] = meta["alert"]
            report_path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
        return meta
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
    if risk:
        (out / "complaint" / "metadata.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
        meta["phone_calibration"] = fit_phone_calibration(out)
    elif "phone_calibration" in old:
        meta["phone_calibration"] = old["phone_calibration"]
    (out / "complaint" / "metadata.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    eval_dir.mkdir(parents=True, exist_ok=True)
    (eval_dir / "complaint_report.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    return meta


if __name__ == "__main__":
    main()
