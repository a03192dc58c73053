"""Round 9 of the chatbot sentiment work: the candidates of ``models/sentiment/ROUND9_RULE.md``
(pre-registered), scored out of fold on the dev turns and judged by ROUND8_RULE.md's rule.

    python -m training.sentiment_round9_cv [--json eval/labels/sentiment_round9_cv.json] [--cache FILE.npz]

Round 8's binary hand head ``Hb`` cleared both primary bars on the unseen chatbot dev turns
``U`` but failed the guards (XS-automatic reading of the neutral turns, helpdesk, chat): it never
saw a neutral service turn, and its (C, β) were chosen by the primary figures alone, at the
grid's edge. Every round-9 candidate is ``A8 + β·T`` with ``A8`` round 8's out-of-fold polarity
score (refitted here, same recipe, same folds) and ``T`` a hand-label head's out-of-fold margin
(capped, gated or as it is), its settings chosen per fold on the other four folds by the
**guarded** choice: the best sum of the two primary figures among the settings whose other-fold
figures keep ROUND8_RULE's rule 2 and rule 3; β = 0 (``A8``) when none does. Test turns are never
read. The rule (``judge``) is round 8's, unchanged.
"""

from __future__ import annotations

import itertools
import json
import time
from functools import partial
from pathlib import Path

import numpy as np

from training import sentiment_cv_common as COMMON
from training import sentiment_round8_cv as R8
from training.sentiment_cv_common import rows_of

HAND_CS = (1.0, 10.0, 100.0)
BETAS = (0.0, 0.5, 1.0, 2.0, 3.0, 4.0)
SERVICE_WEIGHTS = (0.25, 1.0)   # weight of the neutral service rows (y = 0) in the binary heads
CAPS = (1.0, 2.0)               # c of β·clip(head, −c, c)
REGISTER_C = 1.0                # the register head (chatbot vs service text) is not tuned
AUTO_SLACK, GUARD_SLACK = 0.003, 0.005  # ROUND8_RULE.md rules 2 and 3


def binary_head(p: dict, use: np.ndarray, y: np.ndarray, w: np.ndarray, C: float) -> np.ndarray:
    """Out-of-fold margin of a plain weighted LR on the dev turns ``use`` (char + cue columns)."""
    from sklearn.linear_model import LogisticRegression

    out = np.zeros(len(p["y"]))
    for f in range(int(p["fold"].max()) + 1):
        tr = use & (p["fold"] != f)
        clf = LogisticRegression(C=C, max_iter=3000, random_state=0)
        clf.fit(p["X_dev"][tr], y[tr], sample_weight=w[tr])
        out[p["fold"] == f] = clf.decision_function(p["X_dev"][p["fold"] == f])
    return out


def three_class_head(p: dict, use: np.ndarray, y3: np.ndarray, C: float) -> np.ndarray:
    """Out-of-fold ``z_negative − z_positive`` of a multinomial LR with a third, neutral class
    (y3: 0 positive side, 1 negative side, 2 neutral service); the neutral margin is left out."""
    from sklearn.linear_model import LogisticRegression

    out = np.zeros(len(p["y"]))
    for f in range(int(p["fold"].max()) + 1):
        tr = use & (p["fold"] != f)
        clf = LogisticRegression(C=C, max_iter=3000, random_state=0).fit(p["X_dev"][tr], y3[tr])
        z = clf.decision_function(p["X_dev"][p["fold"] == f])
        cols = list(clf.classes_)
        out[p["fold"] == f] = z[:, cols.index(1)] - z[:, cols.index(0)]
    return out


def register_prob(p: dict) -> np.ndarray:
    """Out-of-fold P(chatbot register) from a plain LR on every dev turn's char + cue columns."""
    from sklearn.linear_model import LogisticRegression

    y = (p["register"] == "chatbot").astype(int)
    out = np.zeros(len(y))
    for f in range(int(p["fold"].max()) + 1):
        tr = p["fold"] != f
        clf = LogisticRegression(C=REGISTER_C, max_iter=3000, random_state=0).fit(p["X_dev"][tr], y[tr])
        out[p["fold"] == f] = clf.predict_proba(p["X_dev"][p["fold"] == f])[:, 1]
    return out


def heads(p: dict) -> dict[str, dict[tuple, np.ndarray]]:
    """candidate → {settings → term T (before β)}; settings are tuples of the head's grid."""
    r = rows_of(p)
    ones = np.ones(len(r["y"]))
    hb_rows = r["polar"] | r["lean"]
    out: dict[str, dict[tuple, np.ndarray]] = {"G": {}, "N": {}, "N3": {}, "AG": {}}
    for C in HAND_CS:
        print(f"  heads C={C}", flush=True)
        out["G"][(C,)] = binary_head(p, hb_rows, r["y"], ones, C)
        for ws in SERVICE_WEIGHTS:
            w = np.where(r["service"], ws, 1.0)
            out["N"][(C, ws)] = binary_head(p, hb_rows | r["service"], r["y"], w, C)
            out["AG"][(C, ws)] = binary_head(p, r["polar"] | r["agree"] | r["service"], r["y"], w, C)
        y3 = np.where(r["service"], 2, r["y"])
        out["N3"][(C,)] = three_class_head(p, hb_rows | r["service"], y3, C)
    out["NC"] = {(*k, c): np.clip(v, -c, c) for k, v in out["N"].items() for c in CAPS}
    rho = register_prob(p)
    out["NR"] = {k: rho * v for k, v in out["N"].items()}
    return out


def guarded_choice(p: dict, base: np.ndarray, terms: dict[tuple, np.ndarray], refs: dict[str, np.ndarray],
                   betas=BETAS) -> tuple[np.ndarray, list]:
    """``base + β·T_k`` with (k, β) chosen per fold on the other folds: the highest sum of the two
    primary AUCs on ``U`` among the settings that, on those folds, keep the all-turns AUC with
    XS-automatic neutral labels within 0.003 of ``refs["shipped"]`` and every guard within 0.005
    of ``refs["S_old"]``; β = 0 when none does."""
    masks, guards = R8.primary_masks(p), R8.guard_masks(p)
    (m_all, y_all), (m_pol, y_pol) = masks["U all-turns lean"], masks["U polar"]
    m_auto, y_auto = masks["U all-turns automatic-neutral"]

    def auc(m, y, s):
        return R8._auc(y[m], s[m]) if 0 < y[m].sum() < m.sum() else None

    out, chosen = np.zeros(len(base)), []
    for f in range(int(p["fold"].max()) + 1):
        other = p["fold"] != f
        bar_auto = auc(m_auto & other, y_auto, refs["shipped"]) - AUTO_SLACK
        bars = {g: auc(m & other, y, refs["S_old"]) for g, (m, y) in guards.items()}
        best, best_value = (None, 0.0), -np.inf
        for k, beta in itertools.product(terms, betas):
            if beta == 0.0:
                continue
            s = base + beta * terms[k]
            if auc(m_auto & other, y_auto, s) < bar_auto:
                continue
            if any(b is not None and auc(guards[g][0] & other, guards[g][1], s) < b - GUARD_SLACK
                   for g, b in bars.items()):
                continue
            value = auc(m_all & other, y_all, s) + auc(m_pol & other, y_pol, s)
            if value > best_value:
                best, best_value = (k, beta), value
        k, beta = best
        chosen.append([list(k) if k else None, beta])
        out[p["fold"] == f] = (base + beta * terms[k] if k else base)[p["fold"] == f]
    return out, chosen


def main(argv: list[str] | None = None) -> dict:
    args = COMMON.cv_arguments(__doc__, argv)
    t0 = time.time()
    p = R8.prepare()
    margins = COMMON.cached_margins(args.cache, {name: partial(R8.out_of_fold, p, *R8.hand_weights(p, *R8.FIT_CANDIDATES[name]))
                                                 for name in ("S_old", "A8")})
    scores = {"shipped": p["shipped"], "baseline": p["baseline"]}
    scores.update({k: m + p["rest"] for k, m in margins.items()})
    terms = heads(p)
    chosen = {}
    for name, t in terms.items():
        scores[name], chosen[name] = guarded_choice(p, scores["A8"], t, scores)
    rep = R8.judge(p, scores, args.boot)
    rep["chosen (settings, β) per fold"] = chosen
    rep["settings"] = {"G": "(C,)", "N": "(C, service weight)", "N3": "(C,)", "AG": "(C, service weight)",
                       "NC": "(C, service weight, cap)", "NR": "(C, service weight)"}
    r = rows_of(p)
    rep["rows"] = {k: int(v.sum()) for k, v in r.items() if k != "y"}
    rep["n"] = {name: {"turns": int(m.sum()), "negative": int(y[m].sum())}
                for name, (m, y) in {**R8.primary_masks(p), **R8.guard_masks(p)}.items()}
    rep["seconds"] = round(time.time() - t0)
    for k, f in rep["figures"].items():
        print(f"{k:8s} " + " | ".join(f"{g} {v}" for g, v in f.items()), flush=True)
    for k, v in rep["verdict"].items():
        print(f"{k:8s} rule1 {v['rule1']} {v['vs_shipped']} rule2 {v['rule2']} rule3 {v['rule3']} "
              f"{v['guards_vs_S_old']} chosen {chosen.get(k)}")
    if args.json:
        Path(args.json).write_text(json.dumps(rep, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return rep


if __name__ == "__main__":
    main()
