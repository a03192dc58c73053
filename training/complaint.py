"""Train complaint risk (STC3) and complaint types (MUSIED) → ``models/complaint/``.

    python -m training.complaint [--out models] [--eval-dir eval]

Risk: STC3 dialogues split 70/15/15 by id hash (train / valid / test). Labels:
dissatisfied = ``mean_S <= -1`` (the shipped probability) and ``mean_S <= -0.5``.
A char 1–3-gram TF-IDF over the customer's utterances feeds three heads (LR for each label and
ridge on −mean_S); their out-of-fold scores join the sentiment trajectory, cue lexicons and
dialogue shape in a standardised logistic-regression stacker per label, calibrated by
isotonic regression on held-out margins (out-of-fold on train + the valid split). Baseline: plain char TF-IDF + LR on the
customer's text. Needs ``models/sentiment/default.npz`` (run training.sentiment first).

Types: MUSIED dev documents split 75/25 by id hash; one-vs-rest char TF-IDF + LR per
complaint-event type with at least ``MIN_TYPE_DOCS`` documents; macro-F1 on the test part.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import time
from pathlib import Path

import numpy as np

from qa_engine.analyzers._complaint_features import (
    FEATURE_NAMES, TEXT_HEADS, Turn, feature_vector)
from training.data import load_musied, load_stc3, split_of
from training.metrics import binary_report, platt_fit, reliability

log = logging.getLogger("training.complaint")
SEED = 0
MIN_TYPE_DOCS = 15
TARGET_PRECISION = 0.5
VERSION = "complaint-stack-1"


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


def build_features(dialogues, sentiment, scores: np.ndarray) -> np.ndarray:
    turns = [stc3_turns(d) for d in dialogues]
    flat = [u for ts in turns for _, utts in ts for u in utts]
    probs = dict(zip(flat, sentiment.predict_proba(flat)))
    # A turn is as negative as its most negative utterance (same rule at inference).
    neg = [[max(probs[u] for u in utts) for _, utts in ts] for ts in turns]
    return np.array([feature_vector([t for t, _ in ts], n, sc) for ts, n, sc in zip(turns, neg, scores)])


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


def train_risk(out: Path, eval_dir: Path) -> dict:
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
        # training part plus the calibration split (≈2,100 dialogues, not 400), so the
        # isotonic steps are not fitted to a few dozen positives.
        pool_m, pool_y = _calibration_pool(F["train"], y["train"], stack_margin(F["valid"], stacker), y["valid"])
        iso = fit_isotonic(pool_m, pool_y)
        platt = platt_fit(pool_m, pool_y)
        m_test = stack_margin(F["test"], stacker)
        p_test = apply_isotonic(m_test, iso)
        test_probs[label] = (y["test"], p_test)
        for name, arr in zip(("mean", "scale", "coef"), stacker[:3]):
            arrays[f"{label}_{name}"] = arr
        arrays[f"{label}_intercept"] = np.float64(stacker[3])
        arrays[f"{label}_iso_x"], arrays[f"{label}_iso_y"] = iso
        # Baseline: plain char TF-IDF + LR on the customer's text, Platt on the same split.
        from sklearn.linear_model import LogisticRegression

        joined = {k: ["。".join(b) for b in v] for k, v in texts.items()}
        bvec = _vectorizer()
        blr = LogisticRegression(C=4, max_iter=3000).fit(bvec.fit_transform(joined["train"]), y["train"])
        ab = platt_fit(blr.decision_function(bvec.transform(joined["valid"])), y["valid"])
        pb = 1 / (1 + np.exp(-(ab[0] * blr.decision_function(bvec.transform(joined["test"])) + ab[1])))
        p_pool = apply_isotonic(pool_m, iso)
        report[label] = {
            "threshold_mean_S": cut,
            "calibration_pool": int(len(pool_y)),
            "stacked": binary_report(y["test"], p_test),
            "stacked_platt_instead": binary_report(y["test"], 1 / (1 + np.exp(-(platt[0] * m_test + platt[1])))),
            "baseline_tfidf_lr": binary_report(y["test"], pb),
            "text_head_only": binary_report(y["test"], 1 / (1 + np.exp(-F["test"][:, FEATURE_NAMES.index(f"text_{label}")]))),
            "reliability_test": reliability(y["test"], p_test),
        }
        if label == "dissatisfied_1":
            t = threshold_for_precision(p_pool, pool_y, TARGET_PRECISION)
            report["alert"] = {"target_precision": TARGET_PRECISION, "threshold": round(t, 4),
                               "calibration_pool": precision_recall_at(p_pool, pool_y, t),
                               "test": precision_recall_at(p_test, y["test"], t)}
        log.info("%s: stacked %s | baseline %s", label, report[label]["stacked"], report[label]["baseline_tfidf_lr"])
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

def musied_lines(doc: dict) -> list[str]:
    """The document's lines without their 用户:/客服: role prefix (a bag of utterances)."""
    lines = [line.split(":", 1)[1] if line[:3] in ("用户:", "客服:") else line for line in doc["content"]]
    return [line for line in lines if line.strip()] or [""]


def train_types(out: Path) -> dict:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import KFold

    from qa_engine.analyzers._linear import export_linear

    docs = load_musied()
    types_all = sorted({e["type"] for d in docs for e in d["events"]})
    Y_all = np.array([[int(any(e["type"] == t for e in d["events"])) for t in types_all] for d in docs])
    keep = [i for i, t in enumerate(types_all) if Y_all[:, i].sum() >= MIN_TYPE_DOCS]
    types = [types_all[i] for i in keep]
    Y = Y_all[:, keep]
    is_test = np.array([split_of(str(d["id"]), salt="musied", test=0.25, valid=0.0) == "test" for d in docs])
    bags = [musied_lines(d) for d in docs]
    tr, te = np.where(~is_test)[0], np.where(is_test)[0]

    def fit(idx):
        vec = _vectorizer().fit(["。".join(bags[i]) for i in idx])
        X = bag_matrix(vec, [bags[i] for i in idx])
        clfs = [LogisticRegression(C=8, max_iter=3000, class_weight="balanced", random_state=SEED)
                .fit(X, Y[idx, j]) for j in range(len(types))]
        return vec, clfs

    def proba(model, idx):
        vec, clfs = model
        X = bag_matrix(vec, [bags[i] for i in idx])
        return np.column_stack([c.predict_proba(X)[:, 1] for c in clfs])

    # One global threshold chosen by out-of-fold macro-F1 on the training part.
    oof = np.zeros((len(tr), len(types)))
    for a, b in KFold(5, shuffle=True, random_state=SEED).split(tr):
        oof[b] = proba(fit(tr[a]), tr[b])
    grid = np.round(np.arange(0.2, 0.9, 0.05), 2)
    f1s = [f1_score(Y[tr], oof >= g, average="macro", zero_division=0) for g in grid]
    threshold = float(grid[int(np.argmax(f1s))])
    model = fit(tr)
    p_test = proba(model, te)
    pred = p_test >= threshold
    report = {
        "types": types, "threshold": threshold, "split": {"train": len(tr), "test": len(te)},
        "macro_f1": round(float(f1_score(Y[te], pred, average="macro", zero_division=0)), 4),
        "micro_f1": round(float(f1_score(Y[te], pred, average="micro", zero_division=0)), 4),
        "per_type_f1": {t: round(float(f1_score(Y[te, j], pred[:, j], zero_division=0)), 3)
                        for j, t in enumerate(types)},
        "test_support": {t: int(Y[te, j].sum()) for j, t in enumerate(types)},
    }
    log.info("types: macro-F1 %s micro-F1 %s", report["macro_f1"], report["micro_f1"])
    vec, clfs = fit(np.arange(len(docs)))  # ship the model fitted on all of dev
    export_linear(out / "complaint" / "types.npz", vocabulary=vec.vocabulary_, idf=vec.idf_,
                  coef=np.vstack([c.coef_[0] for c in clfs]), intercept=[float(c.intercept_[0]) for c in clfs],
                  ngram_range=(1, 3), heads=types)
    return report


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="models", help="models directory (must hold sentiment/)")
    ap.add_argument("--eval-dir", default="eval", help="where the reliability plot and report go")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    random.seed(SEED)
    np.random.seed(SEED)
    out, eval_dir = Path(args.out), Path(args.eval_dir)
    (out / "complaint").mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    risk = train_risk(out, eval_dir)
    types = train_types(out)
    sentiment_meta = json.loads((out / "sentiment" / "metadata.json").read_text(encoding="utf-8"))
    meta = {
        "name": "complaint", "version": VERSION, "seed": SEED,
        "sentiment_model": f"{sentiment_meta['version']}/default",
        "probability": "calibrated P(mean_S <= -1) (STC3 customer dissatisfaction)",
        "feature_names": list(FEATURE_NAMES), "text_heads": list(TEXT_HEADS),
        "alert": risk["alert"], "risk_metrics": {k: v for k, v in risk.items() if k != "alert"},
        "types": {"threshold": types["threshold"], "labels": types["types"], "metrics": types},
        "train_seconds": round(time.time() - t0, 1),
    }
    (out / "complaint" / "metadata.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    eval_dir.mkdir(parents=True, exist_ok=True)
    (eval_dir / "complaint_report.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    return meta


if __name__ == "__main__":
    main()
