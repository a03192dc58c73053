"""Out-of-fold comparison of polarity-head recipes on the hand-labelled dev turns.

    python -m training.sentiment_polarity_cv [--recipes NAME,…] [--json out.json]

For each recipe the polarity head (``sentiment_three.fit_polarity``) is refitted five times,
each time without one fold of dev turns (folds by dialogue / XS text, ``group_of``), and
scores the left-out turns; the negative score is then ``margin + λ · rest`` with ``rest``
the shipped three-class heads' negative-vs-rest logit. Figures are printed for the dev
*tune* turns (a random sample the three-class heads never saw) and the dev *hard* turns
(``sample_hard``: irony, repeat contact, waiting, rhetorical questions, praise beside
negative words; also never seen by the three-class heads), beside the plain baseline and
the shipped score on the same turns. Test turns are never read.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from training import sentiment_cv_common as COMMON
from training import sentiment_three as THREE

# name → (hand weight, hard-turn weight (0: hard turns left out of the fit), cue scale, C)
RECIPES = {
    "shipped recipe (no hard turns)": (8.0, 0.0, 0.0, 1.0),
    "hard turns ×8": (8.0, 8.0, 0.0, 1.0),
    "hard turns ×16": (8.0, 16.0, 0.0, 1.0),
    "hard ×8 + cues": (8.0, 8.0, 1.0, 1.0),
    "hard ×8 + cues ×3": (8.0, 8.0, 3.0, 1.0),
    "hard ×16 + cues": (8.0, 16.0, 1.0, 1.0),
    "no hard + cues": (8.0, 0.0, 1.0, 1.0),
}
LAMBDAS = (0.0, 0.25, 0.5, 1.0, 2.0)


def prepare() -> dict:
    """Base rows, dev turns, their features, cue columns and the shipped rest logit
    (``sentiment_cv_common``'s dev turns, rows and shipped parts)."""
    from qa_engine.analyzers.sentiment_cues import cue_matrix

    dev, tune, rows = COMMON.dev_and_rows()
    features = THREE.SharedFeatures(COMMON.MODELS / "default.npz")
    texts = [t.text for t in dev]
    shipped = COMMON.shipped_parts(dev)
    arrays = COMMON.turn_arrays(dev, tune)
    return {
        "dev": dev, "X_base": features.transform([r.text for r in rows]),
        "C_base": cue_matrix([r.text for r in rows]), "y_base": np.array([r.y for r in rows]),
        "w_base": np.array([r.weight for r in rows]), "X_dev": features.transform(texts),
        "C_dev": cue_matrix(texts), **{k: shipped[k] for k in ("rest", "shipped", "baseline")},
        **{k: arrays[k] for k in ("y", "tune", "hard")},
    }


def with_cues(X, C: np.ndarray, scale: float):
    from scipy.sparse import csr_matrix, hstack

    return hstack([X, csr_matrix(C * scale)]).tocsr() if scale else X


def out_of_fold(p: dict, hand_weight: float, hard_weight: float, cue_scale: float, C: float,
                folds: int = 5) -> np.ndarray:
    """Polarity margins of every dev turn from heads fitted without its fold."""
    from scipy.sparse import vstack

    dev = p["dev"]
    fold = COMMON.folds_of(dev, folds)
    polar = p["y"] != "neutral"
    use = polar & (~p["hard"] | (hard_weight > 0))
    w_hand = np.where(p["hard"], hard_weight, hand_weight)
    y_hand = (p["y"] == "negative").astype(int)
    Xb, Xd = with_cues(p["X_base"], p["C_base"], cue_scale), with_cues(p["X_dev"], p["C_dev"], cue_scale)
    recipe = {**THREE.POLARITY, "C": C}
    out = np.zeros(len(dev))
    for f in range(folds):
        tr = use & (fold != f)
        coef, b = THREE.fit_polarity(vstack([Xb, Xd[tr]]).tocsr(), np.concatenate([p["y_base"], y_hand[tr]]),
                                     np.concatenate([p["w_base"], w_hand[tr]]), recipe)
        out[fold == f] = np.asarray(Xd[fold == f] @ coef).ravel() + b
    return out


def plain_out_of_fold(p: dict, hand_weight: float, hard_weight: float, cue_scale: float = 0.0, C: float = 4.0,
                      folds: int = 5) -> np.ndarray:
    """Like ``out_of_fold`` with a plain LR head (no NB scaling): a second head over the same
    columns to average with the NB one (an ensemble at the cost of one more column)."""
    from scipy.sparse import vstack
    from sklearn.linear_model import LogisticRegression

    dev = p["dev"]
    fold = COMMON.folds_of(dev, folds)
    use = (p["y"] != "neutral") & (~p["hard"] | (hard_weight > 0))
    w_hand = np.where(p["hard"], hard_weight, hand_weight)
    y_hand = (p["y"] == "negative").astype(int)
    Xb, Xd = with_cues(p["X_base"], p["C_base"], cue_scale), with_cues(p["X_dev"], p["C_dev"], cue_scale)
    out = np.zeros(len(dev))
    for f in range(folds):
        tr = use & (fold != f)
        clf = LogisticRegression(C=C, max_iter=3000, tol=1e-4, random_state=0)
        clf.fit(vstack([Xb, Xd[tr]]).tocsr(), np.concatenate([p["y_base"], y_hand[tr]]),
                sample_weight=np.concatenate([p["w_base"], w_hand[tr]]))
        out[fold == f] = clf.decision_function(Xd[fold == f])
    return out


def figures(p: dict, score: np.ndarray) -> dict:
    from sklearn.metrics import roc_auc_score

    out = {}
    for part in ("tune", "hard"):
        m = p[part]
        y = p["y"][m]
        s = score[m]
        pol = y != "neutral"
        out[part] = {"neg_vs_pos": round(float(roc_auc_score(y[pol] == "negative", s[pol])), 4),
                     "neg_vs_rest": round(float(roc_auc_score(y == "negative", s)), 4)}
    return out


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--recipes", default=",".join(RECIPES))
    ap.add_argument("--json", default=None)
    ap.add_argument("--ensemble", default=None, help="recipe name: also fit a plain-LR head and average")
    args = ap.parse_args(argv)
    t0 = time.time()
    p = prepare()
    print(f"prepared in {time.time() - t0:.0f}s: {p['tune'].sum()} tune, {p['hard'].sum()} hard dev turns", flush=True)
    report = {"baseline (shipped file)": figures(p, p["baseline"]),
              "shipped neutral negative_prob (hard turns unseen; tune turns in its polarity fit)":
                  figures(p, p["shipped"])}
    for k, v in report.items():
        print(k, v, flush=True)
    if args.ensemble:
        nb = out_of_fold(p, *RECIPES[args.ensemble])
        hand_w, hard_w, cue_scale = RECIPES[args.ensemble][:3]
        plain = plain_out_of_fold(p, hand_w, hard_w, cue_scale)
        for lam in LAMBDAS:
            for share in (0.0, 0.25, 0.5, 0.75):
                key = f"{args.ensemble}: {1 - share}·NB + {share}·plain LR, λ={lam}"
                report[key] = figures(p, (1 - share) * nb + share * plain + lam * p["rest"])
                print(key, report[key], flush=True)
            key = f"{args.ensemble} + baseline file (reference: a second n-gram pass), λ={lam}"
            report[key] = figures(p, 0.5 * nb + 0.5 * p["baseline"] + lam * p["rest"])
            print(key, report[key], flush=True)
        args.recipes = ""
    for name in filter(None, args.recipes.split(",")):
        oof = out_of_fold(p, *RECIPES[name])
        for lam in LAMBDAS:
            key = f"{name}, λ={lam}"
            report[key] = figures(p, oof + lam * p["rest"])
            print(key, report[key], flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return report


if __name__ == "__main__":
    main()
