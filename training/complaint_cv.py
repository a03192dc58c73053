"""Repeated stratified cross-validation of the complaint-risk recipe on STC3.

One split of 380 dialogues (34 positives at mean_S ≤ −1) moves ROC-AUC by ±0.03, so a
single split overstated the first-wave model (0.933 on ours, 0.900 on a hidden split).
``repeated_cv`` refits everything inside each outer fold (text heads with their own inner
out-of-fold scores, stacker) and scores the outer fold, for three recipes in the same run:

- ``baseline_tfidf_lr``: plain char 1–3-gram TF-IDF + LR on the customer's words;
- ``stack3``: the previous shipped recipe (complaint-stack-3): its 18 call features and its
  three text heads, the same stacker;
- ``stack4``: the current recipe (all ``FEATURE_NAMES``: + soft-label head, last-turn heads,
  dialogue shape).

``eval/complaint_cv.py`` prints it; ``training.complaint`` stores one repeat in metadata.
"""

from __future__ import annotations

import numpy as np

from qa_engine.analyzers._complaint_features import FEATURE_NAMES

# complaint-stack-3's features, in its order (a subset of today's FEATURE_NAMES).
STACK3_FEATURES = tuple(n for n in FEATURE_NAMES if n not in (
    "cust_turns", "cust_came_back", "last_turn_chars", "unresolved_end", "text_soft_1", "text_last_dissatisfied_1", "text_last_soft_1"))


def repeated_cv(dialogues: list[dict], sentiment, repeats: int = 3, folds: int = 5, seed: int = 42) -> dict:
    """ROC-AUC (mean_S ≤ −1) per outer fold of ``repeats`` × ``folds`` stratified CV for the
    baseline, stack3 and stack4 recipes; mean, sd and the per-fold values."""
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import RepeatedStratifiedKFold

    from training.complaint import TextData, build_features, fit_stacker, fit_text_heads, head_scores, \
        oof_head_scores, stack_margin

    data = TextData.of(dialogues)
    y = (data.s <= -1).astype(int)
    cols3 = [FEATURE_NAMES.index(n) for n in STACK3_FEATURES]
    aucs: dict[str, list[float]] = {"baseline_tfidf_lr": [], "stack3": [], "stack4": []}
    splitter = RepeatedStratifiedKFold(n_splits=folds, n_repeats=repeats, random_state=seed)
    for a, b in splitter.split(np.zeros(len(y)), y):
        da, db = data.take(a), data.take(b)
        Fa = build_features([dialogues[i] for i in a], sentiment, oof_head_scores(da))
        vec, heads = fit_text_heads(da)
        sb = head_scores(vec, heads, db)
        Fb = build_features([dialogues[i] for i in b], sentiment, sb)
        aucs["baseline_tfidf_lr"].append(roc_auc_score(y[b], sb[:, 0]))
        aucs["stack3"].append(roc_auc_score(y[b], stack_margin(Fb[:, cols3], fit_stacker(Fa[:, cols3], y[a]))))
        aucs["stack4"].append(roc_auc_score(y[b], stack_margin(Fb, fit_stacker(Fa, y[a]))))
    return {"n": len(y), "positives": int(y.sum()), "folds": folds, "repeats": repeats,
            **{k: {"mean": round(float(np.mean(v)), 4), "sd": round(float(np.std(v)), 4),
                   "per_fold": [round(float(x), 4) for x in v]} for k, v in aucs.items()}}
